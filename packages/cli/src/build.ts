import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build as esbuild, type Plugin } from 'esbuild';
import { stringify } from 'yaml';
import { actionValidatorOptions } from './action-validators-plugin.js';
import { DISPATCH_SCRIPT, loaderScript } from './dispatch-script.js';
import { manifestYaml } from './manifest.js';
import { packTarget } from './pack-target.js';
import { actionsDoc, type CharmProject, configDoc, metadataDoc } from './project.js';
import { writeCharmTypes } from './typegen.js';

/** Where a built charm's tree (what `.charm` holds) is written: `<charm>/dist/`. */
export function distDir(project: CharmProject): string {
  return join(project.dir, 'dist');
}

/**
 * Marks the Pebble client's entry point external. Its only import is in a branch the
 * `__OPS_TS_NO_PEBBLE__` define removes, but esbuild still scans it, and an ESM module reachable through
 * `import()` makes it wrap every module for lazy initialisation (~45 bytes and a call each).
 */
const withoutPebbleClient: Plugin = {
  name: 'ops-ts-without-pebble-client',
  setup(build) {
    build.onResolve({ filter: /^@ops-ts\/pebble$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** What a build produced. */
export interface BuildResult {
  dist: string;
  bundle: string;
  bundleBytes: number;
  /** The modules in the bundle (esbuild's input paths), to check what a charm ships. */
  modules: string[];
}

/**
 * Builds a charm's prime tree in `dist/`: the single-file CommonJS bundle `lib/charm.cjs` (no
 * node_modules at run time; metadata, config and actions embedded so no YAML is parsed at dispatch), its
 * loader `lib/start.cjs` (a V8 code cache, see `loaderScript`), `dispatch`, and
 * `metadata.yaml`/`config.yaml`/`actions.yaml`/`manifest.yaml` as charmcraft writes them.
 * Files are world-readable and dispatch executable, for charms that run as a non-root user.
 */
export async function buildCharm(project: CharmProject): Promise<BuildResult> {
  // The charm's declarations as types, for the compiler and editors (written only when they changed).
  writeCharmTypes(project);
  const dist = distDir(project);
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'lib'), { recursive: true });
  const metadata = metadataDoc(project);
  const config = configDoc(project);
  const actions = actionsDoc(project);
  const bundle = join(dist, 'lib', 'charm.cjs');
  // Action params validators generated now (ajv standalone), never compiled at dispatch.
  const validators = actionValidatorOptions(actions, project.entry);
  const result = await esbuild({
    entryPoints: validators.entryPoints ?? [project.entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Class names are part of persisted handle paths (deferred events, stored state): keep them.
    keepNames: true,
    // An external map (no sourceMappingURL comment, so Node never loads it): read only when a hook fails,
    // to name src/*.ts lines in the traceback. Sources are not embedded, to keep the charm small.
    sourcemap: 'external',
    sourcesContent: false,
    // Drops the YAML-loading fallback, dead once the metadata is embedded; whitespace goes too (a third
    // of the bundle: less to read and parse at every hook). Identifiers stay, so stack traces read.
    minifySyntax: true,
    minifyWhitespace: true,
    define: {
      'globalThis.__OPS_TS_EMBEDDED__': 'true',
      'globalThis.__OPS_TS_CHARM_META__': JSON.stringify({ metadata, config, actions }),
      // A charm without containers never talks to Pebble: leave the client (ws, yaml) out of its bundle.
      'globalThis.__OPS_TS_NO_PEBBLE__': JSON.stringify(!metadata.containers),
    },
    plugins: [...(metadata.containers ? [] : [withoutPebbleClient]), ...(validators.plugins ?? [])],
    logLevel: 'silent',
    metafile: true,
  });
  // The bundle's entry, not its source map's.
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith('.cjs'))?.[1];
  const bundleBytes = output?.bytes ?? 0;
  const modules = Object.keys(output?.inputs ?? {});
  const write = (name: string, content: string, mode = 0o644) => {
    writeFileSync(join(dist, name), content);
    chmodSync(join(dist, name), mode);
  };
  chmodSync(bundle, 0o644);
  const bundleHash = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 16);
  // Executable: it is the entrypoint `dispatch` names (charmcraft's linter checks it is).
  write('lib/start.cjs', loaderScript(bundleHash), 0o755);
  write('dispatch', DISPATCH_SCRIPT, 0o755);
  write('metadata.yaml', stringify(metadata));
  // charmcraft writes config.yaml and actions.yaml with sorted keys (`yaml.safe_dump(..., sort_keys=True)`);
  // the bundle keeps the declared order (the order of `missing configurations: …`).
  if (config) write('config.yaml', stringify(config, { sortMapEntries: true }));
  if (actions) write('actions.yaml', stringify(actions, { sortMapEntries: true }));
  write('manifest.yaml', manifestYaml(packTarget(project).bases, new Date()));
  return { dist, bundle, bundleBytes, modules };
}
