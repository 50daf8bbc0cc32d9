import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CharmMeta, type CharmMetaSources, MetadataError, parseCharmMeta } from './metadata.js';

/** Set by `ops-ts build` through esbuild `define`; plain properties of globalThis otherwise (unset). */
interface BuildDefines {
  __OPS_TS_EMBEDDED__?: boolean;
  __OPS_TS_CHARM_META__?: CharmMetaSources;
}

/**
 * The charm's metadata from `JUJU_CHARM_DIR`: `metadata.yaml` (required) plus `config.yaml` and
 * `actions.yaml`. A charm bundled by `ops-ts build` embeds the same documents at build time, so the hook
 * skips loading a YAML parser and reading three files (both come from the same charmcraft.yaml); the
 * files are then only checked for presence, as Juju requires `metadata.yaml`.
 */
export async function loadCharmMeta(charmDir: string): Promise<CharmMeta> {
  const metadataPath = join(charmDir, 'metadata.yaml');
  if (!existsSync(metadataPath)) {
    throw new MetadataError(`metadata.yaml not found in the charm directory ${charmDir}`);
  }
  // A literal `if (flag)` so the bundler drops the YAML branch (and the yaml module) from charm bundles.
  if ((globalThis as BuildDefines).__OPS_TS_EMBEDDED__) {
    return parseCharmMeta((globalThis as BuildDefines).__OPS_TS_CHARM_META__ as CharmMetaSources);
  } else {
    return loadFromYaml(charmDir, await import('yaml'));
  }
}

function loadFromYaml(charmDir: string, { parse }: typeof import('yaml')): CharmMeta {
  const read = (name: string, required: boolean): unknown => {
    const path = join(charmDir, name);
    if (!required && !existsSync(path)) return undefined;
    try {
      return parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      throw new MetadataError(`${name} in ${charmDir} cannot be parsed: ${(error as Error).message}`);
    }
  };
  return parseCharmMeta({
    metadata: read('metadata.yaml', true),
    config: read('config.yaml', false),
    actions: read('actions.yaml', false),
  });
}
