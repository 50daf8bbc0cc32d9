// `@ops-ts/ops/runtime`: the machinery that runs a charm, for tools built on ops-ts (the testing kit, the
// simulator, the CLI), not for charm code: the dispatch and its test hooks, the hook-tool backend and
// runner, the framework stores, the Juju context, metadata parsing and the action-params validators.

export { DispatchAbort } from './backend/abort.js';
export type { ModelBackend } from './backend/backend.js';
export { HookToolBackend } from './backend/hooktool-backend.js';
export {
  actionSchema,
  type ParamSchema,
  type ParamsValidator,
  type ParamType,
  paramsValidatorFor,
  schemaValidator,
  validateActionParams,
} from './charm/action-params.js';
export { flattenActionResults } from './charm/action-results.js';
export {
  type CharmDocuments,
  type CharmProjectFiles,
  charmDocuments,
  METADATA_KEYS,
  type YamlMapping,
} from './charm/charmcraft-documents.js';
export { pickStatus } from './charm/evaluate-status.js';
export {
  type Env,
  eventNameOf,
  type JujuContext,
  JujuContextError,
  jujuContextFromEnv,
} from './charm/juju-context.js';
export { configKeyToProperty } from './charm/load-config.js';
export { type DispatchHooks, runDispatch } from './charm/main.js';
export { type CharmMetaSources, parseCharmMeta } from './charm/metadata.js';
export { FileStore, STATE_FILE } from './framework/file-store.js';
export type { EmitListener, FrameworkOptions } from './framework/framework.js';
export { JujuStore } from './framework/juju-store.js';
export { JujuLogger } from './framework/logger.js';
export type { FrameworkStore, Notice, StoreData } from './framework/store.js';
export type { BindAddressInfo, NetworkAddressInfo, NetworkInfo } from './hooktools/network.js';
export type { OpenedPortEntry } from './hooktools/port.js';
export { spawnRunner, type ToolResult, type ToolRunner } from './hooktools/runner.js';
export type { SecretInfoReading, SecretLocator, SecretMetadataArgs } from './hooktools/secret.js';
export type { StorageDetails } from './hooktools/storage.js';
export type { ModelOptions } from './model/model.js';
export { isStandardSchema, validateWith } from './standard-schema.js';
