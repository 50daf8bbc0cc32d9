/**
 * The charmcraft `charm` part every ops-ts charm uses: the bundle is built from source inside charmcraft's
 * build environment, so `charmcraft pack` works from a clean clone (or a remote build from git). craft-parts
 * runs `override-build` in the part's build folder, a copy of the project (`source: .`), and stages what it
 * puts in `$CRAFT_PART_INSTALL` (canonical/craft-parts craft_parts/executor/step_handler.py); the node
 * snap gives the build its `node` and `npm`. Only dispatch and lib/ reach the charm: the bundle needs no
 * node_modules at run time.
 */

/** The range of the @ops-ts packages a charm depends on (linked in this workspace, from npm elsewhere). */
export const OPS_TS_RANGE = '^0.1.0';

/** What `ops-ts build` writes that the charm needs (charmcraft writes the metadata documents itself). */
export const CHARM_PART_STAGE = ['dispatch', 'lib/charm.cjs', 'lib/start.cjs', 'lib/charm.cjs.map'] as const;

/**
 * The part's build script. A local node_modules or dist/ copied in with the project is dropped first (a
 * pnpm workspace's links point outside the copy); npm installs the dependencies from package.json, whose
 * `@ops-ts/*` ranges resolve on the npm registry, and the installed `ops-ts` builds the bundle.
 */
export const CHARM_PART_BUILD = [
  'rm -rf node_modules dist',
  'npm install --no-audit --no-fund --loglevel=error',
  'node_modules/.bin/ops-ts build',
  'cp -r dist/dispatch dist/lib "$CRAFT_PART_INSTALL/"',
  '',
].join('\n');

/** The build snap: Node 22 LTS, which also provides npm during the build. */
export const CHARM_PART_SNAP = 'node/22/stable';

/** The `charm` part as a YAML document object. */
export function charmPart(): Record<string, unknown> {
  return {
    plugin: 'nil',
    source: '.',
    'build-snaps': [CHARM_PART_SNAP],
    'override-build': CHARM_PART_BUILD,
    stage: [...CHARM_PART_STAGE],
  };
}
