// The shapes of a charm's declarations, shared by every layer (the model reads them, the charm layer
// parses them): a neutral module, so no layer imports one above it for a type.

/** One relation endpoint as declared under `requires`, `provides` or `peers`. */
export interface RelationMeta {
  name: string;
  role: 'requires' | 'provides' | 'peer';
  interface: string;
  limit?: number;
  optional: boolean;
  scope: 'global' | 'container';
}

/** One config option from `config.yaml`. */
export interface ConfigOptionMeta {
  type: 'string' | 'int' | 'float' | 'boolean' | 'secret';
  default?: string | number | boolean;
  description?: string;
}

/** One action from `actions.yaml`. */
export interface ActionMeta {
  description?: string;
  params: Record<string, unknown>;
  required: string[];
  additionalProperties: boolean;
}

/** A storage declaration. */
export interface StorageMeta {
  type: 'filesystem' | 'block';
  location?: string;
  multiple?: { range?: string };
}

/** A workload container declaration (Kubernetes). */
export interface ContainerMeta {
  resource?: string;
  mounts?: { storage: string; location?: string }[];
}

/** What the charm declared about itself, from `metadata.yaml`, `config.yaml` and `actions.yaml`. */
export interface CharmMeta {
  name: string;
  summary: string;
  description: string;
  subordinate: boolean;
  relations: Record<string, RelationMeta>;
  storages: Record<string, StorageMeta>;
  containers: Record<string, ContainerMeta>;
  resources: Record<string, { type: string; filename?: string; description?: string }>;
  extraBindings: string[];
  config: Record<string, ConfigOptionMeta>;
  actions: Record<string, ActionMeta>;
}
