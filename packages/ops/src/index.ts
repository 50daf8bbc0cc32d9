// The public API of @ops-ts/ops: what a charm imports. The machinery that runs a charm (the dispatch, the
// hook-tool backend, stores, validators) is in `@ops-ts/ops/runtime`, for the testing kit, simulator and CLI.

export type { LogLevel } from './backend/backend.js';
export { ModelError, RelationNotFoundError, SecretNotFoundError } from './backend/errors.js';
export { ActionParamsError, type ParamsProblem } from './charm/action-params.js';
export {
  type ActionResults,
  type ActionResultValue,
  InvalidActionResultsError,
} from './charm/action-results.js';
export { CharmBase, type CharmClass } from './charm/charm-base.js';
export { CharmEvents } from './charm/charm-events.js';
export type { ActionName, CharmTypes, UntypedCharm } from './charm/charm-types.js';
export { CollectStatusEvent } from './charm/collect-status.js';
export * from './charm/events.js';
export type { ConfigInput, LoadConfigOptions } from './charm/load-config.js';
export { type MainOptions, main } from './charm/main.js';
export {
  type ActionMeta,
  type CharmMeta,
  type ConfigOptionMeta,
  MetadataError,
  type RelationMeta,
} from './charm/metadata.js';
export { BoundEvent, EventBase, type EventType } from './framework/event.js';
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
export { StateTooLargeError } from './framework/juju-store.js';
export type { Logger } from './framework/logger.js';
export { getLogger } from './framework/module-logger.js';
export { type EventHandler, FrameworkObject, ObjectEvents } from './framework/object.js';
export { StateCorruptError } from './framework/store.js';
export { StoredState } from './framework/stored-state.js';
export type { ConfigValue } from './hooktools/config.js';
export type { CloudCredential, CloudSpec } from './hooktools/credential.js';
export { HookToolError } from './hooktools/runner.js';
export type { SecretOwner, SecretRotatePolicy } from './hooktools/secret.js';
export { type CheckFilter, Container, ContainerMapping } from './model/container.js';
export { Application, Unit } from './model/entities.js';
export {
  InvalidStatusError,
  RelationDataAccessError,
  RelationDataError,
  RelationDataTypeError,
  TooManyRelatedAppsError,
} from './model/errors.js';
export type { ExecPromise } from './model/exec-promise.js';
export { IPAddress, IPNetwork } from './model/ip.js';
export { Model } from './model/model.js';
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
  SchemaValidationError,
  type StandardIssue,
  type StandardResult,
  type StandardSchemaV1,
} from './standard-schema.js';
