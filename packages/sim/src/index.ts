// @ops-ts/sim: a local Juju model that runs packed charms as real processes.
/** The model records the CLI prints (from @ops-ts/juju, re-exported so the CLI needs only this layer). */
export type { ActionRecord, JsonObject, JsonValue, Secret } from '@ops-ts/juju';
/** Go's `%q` quoting of juju's error texts (from @ops-ts/juju, for the CLI's juju verbs). */
export { goQuote, goQuoteList } from '@ops-ts/juju';
export { checkActionParams } from './action-params.js';

export type {
  AgentRecords,
  AppSource,
  ExecStub,
  HookLogEntry,
  PebbleDaemonRecord,
  ServiceStandIn,
  UnitAgent,
  UnitError,
  WorkloadProcess,
} from './agent-records.js';
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
export { DEFAULT_BASE, type DeployOptions } from './ops/deploy.js';
export { MODEL_OWNER, type SecretUpdate } from './ops/secrets.js';
export { matchExecStub, PebbleHost, unsupportedExec } from './pebble-host.js';
export { compareUnits, type SimEvent } from './scheduler.js';
export { checkModelName, currentModel, listModels, setCurrentModel, simHome } from './sim-home.js';
export { Simulator, type SimulatorOptions } from './simulator.js';
export { installTools } from './tools/install-tools.js';
export { JUJUC_SCRIPT } from './tools/jujuc-script.js';
export { type ToolCall, type ToolHandler, type ToolReply, ToolServer } from './tools/tool-server.js';
export { parseUserYaml } from './user-yaml.js';
export type { DebugLogOptions } from './views/debug-log.js';
export {
  baseOf,
  formatClock,
  formatSince,
  type JujuAppStatus,
  type JujuRelationRow,
  type JujuStatus,
  type JujuStatusOptions,
  type JujuUnitStatus,
  jujuModelType,
  jujuRelations,
  jujuStatus,
  matchesSelector,
  modelCloud,
  SIM_CONTROLLER,
  SIM_JUJU_VERSION,
} from './views/juju-status.js';
export { renderJujuStatus, type TabularOptions } from './views/juju-status-tabular.js';
export { redactPlan } from './views/plan.js';
export { type JujuRelationInfo, type JujuUnitInfo, jujuShowUnit, type UnitInfo } from './views/show-unit.js';
export { type ModelStatus, renderStatus } from './views/status.js';
export { renderTable } from './views/table.js';
export { type PebbleDaemonConfig, runPebbleDaemon } from './workloads/pebble-daemon.js';
export { resolveCommand, type StandInOptions } from './workloads/stand-ins.js';
