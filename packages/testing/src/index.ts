/** @ops-ts/testing: state-transition tests for ops-ts charms (State in, one event, State out). */
export {
  type CheckState,
  type Container,
  container,
  type Exec,
  type ExecCall,
  type ExecResult,
  type PebbleNotice,
} from './containers.js';
export {
  Context,
  type ContextOptions,
  type HandlerName,
  type ModelSnapshot,
  type RunOptions,
  type SequenceStep,
} from './context.js';
export { type DeferredEvent, deferredKind } from './deferred.js';
export { ActionFailed, type ActionOutput, InconsistentStateError, UncaughtCharmError } from './errors.js';
export {
  type CharmEvent,
  type CustomEmit,
  customEvent,
  EVENTS,
  type EventFactory,
  type UnitRef,
} from './events.js';
export {
  DEFAULT_TOOL_FAILURE,
  type Fault,
  type FaultHit,
  HookKilledError,
  type PebbleFault,
  pebbleFault,
  type ToolFault,
  toolFault,
} from './faults.js';
export { deepFreeze } from './freeze.js';
export type { RunManager } from './manager.js';
export { type Network, network } from './network.js';
export type { ExecRecord } from './pebble.js';
export { icmpPort, type Port, tcpPort, udpPort } from './ports.js';
export { getContainer, getRelation, getRelations, getSecret, getStorage, getStoredState } from './queries.js';
export {
  type Bag,
  DEFAULT_UNIT_DATA,
  type PeerRelation,
  peerRelation,
  type RegularRelation,
  type Relation,
  relation,
  type SubordinateRelation,
  subordinateRelation,
} from './relations.js';
export { type Resource, resource } from './resources.js';
export type { EmittedEvent, JujuLogLine, RunResult, ToolCall } from './run.js';
export { type Secret, type SecretContent, type SecretInit, secret } from './secrets.js';
export { type CharmSpec, type CharmSpecInit, loadCharmSpec } from './spec.js';
export {
  type CloudSpec,
  DEFAULT_MODEL,
  type ModelInfo,
  type State,
  type StateInit,
  state,
  withState,
} from './state.js';
export type { Status } from './status.js';
export { type Storage, storage } from './storage.js';
export { type StoredContent, type StoredStateEntry, storedState } from './stored-state.js';
