// @ops-ts/fake-opencti: a STAND-IN for OpenCTI's GraphQL API and /health, for tests and the demo.
// It is not OpenCTI; see README.md for what it implements and its limits.
export { normaliseBasePath } from './base-path.js';
export { ConfigError, parseCli } from './config.js';
export {
  DEFAULT_GROUPS,
  FakeOpencti,
  type FakeOpenctiOptions,
  type InjectedFailure,
  startFakeOpencti,
} from './fake-opencti.js';
export { NotLoopbackError } from './loopback.js';
export type { FakeGroup, FakeOpenctiState, FakeUser } from './opencti/records.js';
export { StateFileError } from './opencti/state-file.js';
