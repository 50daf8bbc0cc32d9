// How a charm project's files become the three documents Juju reads (`metadata.yaml`, `config.yaml`,
// `actions.yaml`), as `charmcraft pack` makes them, for both layouts: the unified `charmcraft.yaml`, and the
// split one (`metadata.yaml`, `config.yaml`, `actions.yaml` beside a `charmcraft.yaml` with `bases:`).
// One implementation for `ops-ts build`/`pack` and the testing kit. A field that cannot be placed is an
// error naming it, never a silent drop.
import { MetadataError } from './metadata.js';

/** A parsed YAML mapping. */
export type YamlMapping = Readonly<Record<string, unknown>>;

/** The project's parsed files: `charmcraft.yaml`, and the split layout's files when present. */
export interface CharmProjectFiles {
  readonly charmcraft: YamlMapping;
  readonly metadata?: YamlMapping;
  readonly config?: YamlMapping;
  readonly actions?: YamlMapping;
}

/** The documents packed into the charm. */
export interface CharmDocuments {
  readonly metadata: Record<string, unknown>;
  readonly config: Record<string, unknown> | undefined;
  readonly actions: Record<string, unknown> | undefined;
}

/** charmcraft.yaml keys that charmcraft copies into `metadata.yaml` as they are. */
export const METADATA_KEYS = [
  'name',
  'summary',
  'description',
  'assumes',
  'charm-user',
  'containers',
  'devices',
  'extra-bindings',
  'peers',
  'provides',
  'requires',
  'resources',
  'storage',
  'subordinate',
  'terms',
] as const;

/** charmcraft.yaml keys that are charmcraft's own (build, store) or become something else. */
const CHARMCRAFT_KEYS = new Set([
  'type',
  'title',
  'links',
  'config',
  'actions',
  'base',
  'build-base',
  'bases',
  'platforms',
  'parts',
  'charmhub',
  'analysis',
  'charm-libs',
  'license',
]);

/** `links:` entries and the metadata.yaml keys charmcraft writes them to (`contact` → `maintainers`). */
const LINKS: Readonly<Record<string, string>> = {
  documentation: 'docs',
  issues: 'issues',
  source: 'source',
  website: 'website',
  contact: 'maintainers',
};

function mapping(value: unknown, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MetadataError(`${where} must be a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

/** Metadata from a unified charmcraft.yaml. */
function unifiedMetadata(charmcraft: YamlMapping): Record<string, unknown> {
  const md: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) if (charmcraft[key] !== undefined) md[key] = charmcraft[key];
  if (charmcraft.title !== undefined) md['display-name'] = charmcraft.title;
  for (const [key, value] of Object.entries(mapping(charmcraft.links, 'charmcraft.yaml links'))) {
    const target = LINKS[key];
    if (!target) {
      throw new MetadataError(
        `charmcraft.yaml links has an unknown entry ${JSON.stringify(key)} (known: ${Object.keys(LINKS).join(', ')})`,
      );
    }
    md[target] = target === 'maintainers' ? [value].flat() : value;
  }
  return md;
}

/**
 * The documents of a charm project. With a `metadata.yaml` (split layout) the metadata comes from it and
 * charmcraft.yaml may hold no metadata key; likewise `config.yaml` / `config:` and `actions.yaml` /
 * `actions:`. A charmcraft.yaml key that is neither charmcraft's nor metadata is refused by name.
 */
export function charmDocuments(files: CharmProjectFiles): CharmDocuments {
  const { charmcraft } = files;
  for (const key of Object.keys(charmcraft)) {
    if (!CHARMCRAFT_KEYS.has(key) && !(METADATA_KEYS as readonly string[]).includes(key)) {
      throw new MetadataError(
        `charmcraft.yaml has an unknown key ${JSON.stringify(key)}: it is neither a charmcraft key nor charm metadata`,
      );
    }
  }
  let metadata: Record<string, unknown>;
  if (files.metadata) {
    const both = [...METADATA_KEYS, 'title', 'links'].filter((k) => charmcraft[k] !== undefined);
    if (both.length > 0) {
      throw new MetadataError(
        `${both.map((k) => JSON.stringify(k)).join(', ')} in charmcraft.yaml: with a metadata.yaml, metadata belongs there only`,
      );
    }
    metadata = { ...files.metadata };
  } else {
    metadata = unifiedMetadata(charmcraft);
  }
  const section = (name: 'config' | 'actions', file: YamlMapping | undefined) => {
    if (file && charmcraft[name] !== undefined) {
      throw new MetadataError(`both ${name}.yaml and a \`${name}:\` key in charmcraft.yaml: keep one`);
    }
    const doc = file ?? charmcraft[name];
    return doc === undefined ? undefined : mapping(doc, `${name}.yaml`);
  };
  const config = section('config', files.config);
  const extra = Object.keys(config ?? {}).filter((k) => k !== 'options');
  if (extra.length > 0) {
    throw new MetadataError(
      `config has unknown key(s) ${extra.map((k) => JSON.stringify(k)).join(', ')}: only "options"`,
    );
  }
  const actions = section('actions', files.actions);
  return {
    metadata,
    // charmcraft writes `config.yaml` as `{options: …}`.
    config: config === undefined ? undefined : { options: config.options ?? {} },
    actions,
  };
}
