// The public API of @ops-ts/ops: what a charm imports.

export { DispatchAbort } from './backend/abort.js';
export type { LogLevel, ModelBackend } from './backend/backend.js';
export {
  InvalidStatusError,
  ModelError,
  RelationDataAccessError,
  RelationDataError,
  RelationDataTypeError,
  RelationNotFoundError,
  SecretNotFoundError,
  TooManyRelatedAppsError,
} from './backend/errors.js';
export { HookToolBackend } from './backend/hooktool-backend.js';
export {
  ActionParamsError,
  actionSchema,
  type ParamSchema,
  type ParamsProblem,
  type ParamsValidator,
  type ParamType,
  paramsValidatorFor,
  schemaValidator,
  validateActionParams,
} from './charm/action-params.js';
export {
  type ActionResults,
  type ActionResultValue,
  flattenActionResults,
  InvalidActionResultsError,
} from './charm/action-results.js';
export { CharmBase, type CharmClass } from './charm/charm-base.js';
export { CharmEvents } from './charm/charm-events.js';
export type { ActionName, CharmTypes, UntypedCharm } from './charm/charm-types.js';
export {
  type CharmDocuments,
  type CharmProjectFiles,
  charmDocuments,
  METADATA_KEYS,
  type YamlMapping,
} from './charm/charmcraft-documents.js';
export { CollectStatusEvent } from './charm/collect-status.js';
export { pickStatus } from './charm/dispatch.js';
export * from './charm/events.js';
export {
  type Env,
  eventNameOf,
  type JujuContext,
  JujuContextError,
  jujuContextFromEnv,
} from './charm/juju-context.js';
export { type ConfigInput, configKeyToProperty, type LoadConfigOptions } from './charm/load-config.js';
export { type DispatchHooks, type MainOptions, main, runDispatch } from './charm/main.js';
export {
  type ActionMeta,
  type CharmMeta,
  type CharmMetaSources,
  type ConfigOptionMeta,
  MetadataError,
  parseCharmMeta,
  type RelationMeta,
} from './charm/metadata.js';
export { BoundEvent, EventBase, type EventType } from './framework/event.js';
export { FileStore, STATE_FILE } from './framework/file-store.js';
export {
  CommitEvent,
  Framework,
  FrameworkEvents,
  LifecycleEvent,
  PreCommitEvent,
} from './framework/framework.js';
export { Handle } from './framework/handle.js';
export type { JsonObject, JsonValue } from './framework/json.js';
export { NotSerializableError } from './framework/json.js';
export { JujuStore, StateTooLargeError } from './framework/juju-store.js';
export { JujuLogger, type Logger } from './framework/logger.js';
export { getLogger } from './framework/module-logger.js';
export { type EventHandler, FrameworkObject, ObjectEvents } from './framework/object.js';
export { type FrameworkStore, type Notice, StateCorruptError, type StoreData } from './framework/store.js';
export { StoredState } from './framework/stored-state.js';
export type { ConfigValue } from './hooktools/config.js';
export type { CloudCredential, CloudSpec } from './hooktools/credential.js';
// Types a ModelBackend implementation (testing kit, simulator) needs.
export type { BindAddressInfo, NetworkAddressInfo, NetworkInfo } from './hooktools/network.js';
export type { OpenedPortEntry } from './hooktools/port.js';
export { HookToolError, spawnRunner, type ToolResult, type ToolRunner } from './hooktools/runner.js';
export type {
  SecretInfoReading,
  SecretLocator,
  SecretMetadataArgs,
  SecretOwner,
  SecretRotatePolicy,
} from './hooktools/secret.js';
export type { StorageDetails } from './hooktools/storage.js';
export { type CheckFilter, Container, ContainerMapping } from './model/container.js';
export { Application, Unit } from './model/entities.js';
export type { ExecPromise } from './model/exec-promise.js';
export { IPAddress, IPNetwork } from './model/ip.js';
export { Model, type ModelOptions } from './model/model.js';
export { Binding, Network, type NetworkInterface } from './model/network.js';
export { InvalidPortError, type Port, type PortProtocol, type PortSpec } from './model/ports.js';
export { Relation, RelationData } from './model/relation.js';
export { RelationDataContent } from './model/relation-data.js';
export { Resources } from './model/resources.js';
export {
  Secret,
  type SecretInfo,
  type SecretLookup,
  type SecretMetadata,
  type SecretRotate,
} from './model/secret.js';
export { InvalidSecretContentError } from './model/secret-content.js';
export type { Duration, SecretExpiry } from './model/secret-expiry.js';
export {
  ActiveStatus,
  BlockedStatus,
  ErrorStatus,
  MaintenanceStatus,
  StatusBase,
  type StatusName,
  UnknownStatus,
  WaitingStatus,
} from './model/status.js';
export { Storage, StorageMapping } from './model/storage.js';
export * from './pebble-api.js';
export {
  isStandardSchema,
  SchemaValidationError,
  type StandardIssue,
  type StandardResult,
  type StandardSchemaV1,
  validateWith,
} from './standard-schema.js';
