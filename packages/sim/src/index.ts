// @ops-ts/sim: a local Juju model that runs packed charms as real processes.
export { checkActionParams } from './action-params.js';
export {
  type CharmFile,
  charmContainers,
  charmEndpoints,
  type EndpointSpec,
  readCharmFile,
} from './charm-file.js';
export {
  checkConfig,
  coerceOption,
  parseKeyValues,
  parseSecretContent,
  parseSecretFile,
} from './config-values.js';
export { ModelLockedError, SimError } from './errors.js';
export type { FaultHit } from './faults/fault-injector.js';
export {
  DEFAULT_TOOL_FAILURE,
  describeFault,
  type Fault,
  type FaultScope,
  type FaultSpec,
  type PebbleFaultSpec,
  type ToolFaultSpec,
} from './faults/fault-spec.js';
export { type HookRequest, type HookResult, HookRunner, type HookRunnerOptions } from './hook-runner.js';
export { DEFAULT_MODEL, ModelStore, modelDirFor } from './model-store.js';
export type { ConfigSetting } from './ops/config.js';
export type { DeployOptions } from './ops/deploy.js';
export { matchExecStub, PebbleHost, unsupportedExec } from './pebble-host.js';
export { compareUnits, type SimEvent } from './scheduler.js';
export type {
  AppSource,
  ExecStub,
  HookLogEntry,
  PebbleDaemonRecord,
  ServiceStandIn,
  SimState,
  UnitAgent,
  UnitError,
  WorkloadProcess,
} from './sim-state.js';
export { Simulator, type SimulatorOptions } from './simulator.js';
export { installTools } from './tools/install-tools.js';
export { JUJUC_SCRIPT } from './tools/jujuc-script.js';
export { type ToolCall, type ToolHandler, type ToolReply, ToolServer } from './tools/tool-server.js';
export type { DebugLogOptions } from './views/debug-log.js';
export { redactPlan } from './views/plan.js';
export type { UnitInfo } from './views/show-unit.js';
export { type ModelStatus, renderStatus } from './views/status.js';
export { renderTable } from './views/table.js';
export { type PebbleDaemonConfig, runPebbleDaemon } from './workloads/pebble-daemon.js';
export { resolveCommand, type StandInOptions } from './workloads/stand-ins.js';
