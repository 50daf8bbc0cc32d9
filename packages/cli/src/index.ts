// Programmatic API of the ops-ts CLI (used by tests and scripts).
export { type BuildResult, buildCharm, distDir } from './build.js';
export {
  CHARM_PART_BUILD,
  CHARM_PART_SNAP,
  CHARM_PART_STAGE,
  charmPart,
  OPS_TS_RANGE,
} from './charm-part.js';
export { DISPATCH_SCRIPT } from './dispatch-script.js';
export { checkCharmName, type InitOptions, initCharm } from './init.js';
export { downloadNode, isNodeVersion } from './node-download.js';
export { charmFileName, checkNodeRuntime, type NodeRuntime, type PackOptions, packCharm } from './pack.js';
export { type CharmProject, loadProject, ProjectError } from './project.js';
export { CHARM_TYPES_FILE, charmTypesSource, writeCharmTypes } from './typegen.js';
export { findCharmProjects, findRoot } from './workspace.js';
