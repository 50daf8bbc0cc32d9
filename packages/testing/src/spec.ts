/** The charm's metadata, config and actions, from object literals or the charm's charmcraft.yaml. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CharmMeta, parseCharmMeta } from '@ops-ts/ops';
import { parse } from 'yaml';

/** A YAML document as parsed. */
export type YamlDoc = Readonly<Record<string, unknown>>;

/** Where the charm's declarations come from. */
export interface CharmSpecInit {
  /** `metadata.yaml` as an object, or a whole `charmcraft.yaml` (its `config` and `actions` are used). */
  readonly meta?: YamlDoc;
  /** `config.yaml` as an object (`{ options: { ... } }`). */
  readonly config?: YamlDoc;
  /** `actions.yaml` as an object. */
  readonly actions?: YamlDoc;
  /** Path or file URL of the charm's `charmcraft.yaml`, or of its directory. */
  readonly charmcraft?: string | URL;
}

/** The three documents Juju gives the charm, plus their parsed form. */
export interface CharmSpec {
  /** `metadata.yaml`. */
  readonly metadata: YamlDoc;
  /** `config.yaml`, if any. */
  readonly config: YamlDoc | undefined;
  /** `actions.yaml`, if any. */
  readonly actions: YamlDoc | undefined;
  /** What ops makes of them. */
  readonly meta: CharmMeta;
}

const NOT_METADATA = new Set([
  'type',
  'base',
  'bases',
  'build-base',
  'platforms',
  'parts',
  'config',
  'actions',
  'charmhub',
  'links',
  'title',
]);

function readCharmcraft(where: string | URL): YamlDoc {
  const path = where instanceof URL ? fileURLToPath(where) : where;
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'charmcraft.yaml') : path;
  if (!existsSync(file)) throw new Error(`charmcraft.yaml not found at ${file}`);
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object') throw new Error(`${file} is not a YAML mapping`);
  return doc as YamlDoc;
}

/** Builds the charm spec; a charmcraft.yaml-shaped `meta` is split as charmcraft pack splits it. */
export function loadCharmSpec(init: CharmSpecInit): CharmSpec {
  const source = init.charmcraft !== undefined ? readCharmcraft(init.charmcraft) : init.meta;
  if (!source) throw new Error('Context needs the charm metadata: pass `meta` or `charmcraft`');
  const isCharmcraft = 'type' in source || 'config' in source || 'actions' in source || 'parts' in source;
  const metadata: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(source)) if (!isCharmcraft || !NOT_METADATA.has(k)) metadata[k] = v;
  const config = init.config ?? (isCharmcraft ? (source.config as YamlDoc | undefined) : undefined);
  const actions = init.actions ?? (isCharmcraft ? (source.actions as YamlDoc | undefined) : undefined);
  const meta = parseCharmMeta({ metadata, config, actions });
  return Object.freeze({ metadata, config, actions, meta });
}
