import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CharmMeta, type CharmMetaSources, MetadataError, parseCharmMeta } from './metadata.js';

declare const __OPS_TS_CHARM_META__: CharmMetaSources | undefined;

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
  if (typeof __OPS_TS_CHARM_META__ !== 'undefined' && __OPS_TS_CHARM_META__) {
    return parseCharmMeta(__OPS_TS_CHARM_META__);
  }
  const { parse } = await import('yaml');
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
