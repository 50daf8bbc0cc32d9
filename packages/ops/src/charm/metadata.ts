import type {
  ActionMeta,
  CharmMeta,
  ConfigOptionMeta,
  ContainerMeta,
  RelationMeta,
  StorageMeta,
} from '../types/charm-meta.js';

export type {
  ActionMeta,
  CharmMeta,
  ConfigOptionMeta,
  ContainerMeta,
  RelationMeta,
  StorageMeta,
} from '../types/charm-meta.js';

/** The raw documents a charm's metadata is built from (already parsed). */
export interface CharmMetaSources {
  metadata: unknown;
  config?: unknown;
  actions?: unknown;
}

/** A metadata document that is not what Juju accepts. */
export class MetadataError extends Error {
  override name = 'MetadataError';
}

function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new MetadataError(`${what} must be a mapping, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

function relations(role: RelationMeta['role'], raw: unknown, key: string): RelationMeta[] {
  return Object.entries(asRecord(raw, key)).map(([name, spec]) => {
    const s = asRecord(spec, `${key}.${name}`);
    if (typeof s.interface !== 'string') {
      throw new MetadataError(`relation ${JSON.stringify(name)} under ${key} must declare an interface`);
    }
    return {
      name,
      role,
      interface: s.interface,
      ...(typeof s.limit === 'number' ? { limit: s.limit } : {}),
      optional: s.optional === true,
      scope: s.scope === 'container' ? 'container' : 'global',
    };
  });
}

/** Builds CharmMeta from parsed metadata/config/actions documents, as ops's CharmMeta does. */
export function parseCharmMeta(sources: CharmMetaSources): CharmMeta {
  const md = asRecord(sources.metadata, 'metadata.yaml');
  if (typeof md.name !== 'string' || md.name === '')
    throw new MetadataError('metadata.yaml has no charm name');
  const rels: Record<string, RelationMeta> = {};
  for (const r of [
    ...relations('requires', md.requires, 'requires'),
    ...relations('provides', md.provides, 'provides'),
    ...relations('peer', md.peers, 'peers'),
  ]) {
    rels[r.name] = r;
  }
  const config: Record<string, ConfigOptionMeta> = {};
  const options = asRecord(asRecord(sources.config, 'config.yaml').options, 'config.yaml options');
  for (const [name, spec] of Object.entries(options)) {
    const s = asRecord(spec, `config option ${name}`);
    if (s.type === undefined) {
      throw new MetadataError(
        `Incorrectly formatted config in YAML, option ${name} is expected to declare a \`type\`.`,
      );
    }
    config[name] = s as unknown as ConfigOptionMeta;
  }
  const actions: Record<string, ActionMeta> = {};
  for (const [name, spec] of Object.entries(asRecord(sources.actions, 'actions.yaml'))) {
    const s = asRecord(spec, `action ${name}`);
    actions[name] = {
      ...(typeof s.description === 'string' ? { description: s.description } : {}),
      params: asRecord(s.params, `action ${name} params`),
      required: Array.isArray(s.required) ? s.required.map(String) : [],
      // Juju < 4 defaults additionalProperties to true.
      additionalProperties: s.additionalProperties !== false,
    };
  }
  return {
    name: md.name,
    summary: typeof md.summary === 'string' ? md.summary : '',
    description: typeof md.description === 'string' ? md.description : '',
    subordinate: md.subordinate === true,
    relations: rels,
    storages: asRecord(md.storage, 'storage') as Record<string, StorageMeta>,
    containers: asRecord(md.containers, 'containers') as Record<string, ContainerMeta>,
    resources: asRecord(md.resources, 'resources') as CharmMeta['resources'],
    extraBindings: Object.keys(asRecord(md['extra-bindings'], 'extra-bindings')),
    config,
    actions,
  };
}
