/** The charm's metadata, config and actions, from object literals or the charm's charmcraft.yaml. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CharmMeta } from '@ops-ts/ops';
import { type CharmProjectFiles, charmDocuments, parseCharmMeta } from '@ops-ts/ops/runtime';
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

/** The project folder named by `charmcraft` (its charmcraft.yaml, or the folder itself). */
function projectDir(where: string | URL): string {
  const path = where instanceof URL ? fileURLToPath(where) : where;
  return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
}

function readYaml(dir: string, name: string): YamlDoc | undefined {
  const file = join(dir, name);
  if (!existsSync(file)) return undefined;
  const doc = parse(readFileSync(file, 'utf8')) as unknown;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${file} is not a YAML mapping`);
  return doc as YamlDoc;
}

/** The project's files, both layouts: charmcraft.yaml and, when present, metadata/config/actions.yaml. */
function readProject(where: string | URL): CharmProjectFiles {
  const dir = projectDir(where);
  const charmcraft = readYaml(dir, 'charmcraft.yaml');
  if (!charmcraft) throw new Error(`charmcraft.yaml not found in ${dir}`);
  const metadata = readYaml(dir, 'metadata.yaml');
  const config = readYaml(dir, 'config.yaml');
  const actions = readYaml(dir, 'actions.yaml');
  return {
    charmcraft,
    ...(metadata ? { metadata } : {}),
    ...(config ? { config } : {}),
    ...(actions ? { actions } : {}),
  };
}

/**
 * Builds the charm spec: from the charm's project files (either layout) as `charmcraft pack` makes them,
 * or from objects (a charmcraft.yaml-shaped `meta` is split the same way).
 */
export function loadCharmSpec(init: CharmSpecInit): CharmSpec {
  let files: CharmProjectFiles | undefined;
  if (init.charmcraft !== undefined) files = readProject(init.charmcraft);
  else if (
    init.meta &&
    ('type' in init.meta || 'config' in init.meta || 'actions' in init.meta || 'parts' in init.meta)
  ) {
    files = { charmcraft: init.meta };
  }
  if (!files && !init.meta) throw new Error('Context needs the charm metadata: pass `meta` or `charmcraft`');
  const docs = files
    ? charmDocuments(files)
    : { metadata: { ...init.meta }, config: undefined, actions: undefined };
  const metadata = docs.metadata;
  const config = init.config ?? docs.config;
  const actions = init.actions ?? docs.actions;
  const meta = parseCharmMeta({ metadata, config, actions });
  return Object.freeze({ metadata, config, actions, meta });
}
