// @ops-ts/jubilant: integration tests for charms, over the juju CLI of the simulator or a real model.
export {
  allActive,
  allAgentsIdle,
  allBlocked,
  allError,
  allMaintenance,
  allWaiting,
  anyActive,
  anyBlocked,
  anyError,
  anyMaintenance,
  anyWaiting,
} from './all-any.js';
export * from './argv.js';
export {
  BACKEND_ENV,
  type Backend,
  type BackendName,
  backendFromEnv,
  realBackend,
  resolveOpsTsCli,
  simBackend,
} from './backend.js';
export { CLIError, JujuTimeoutError, WaitError } from './errors.js';
export type { JsonObject, JsonValue } from './json.js';
export { type CliOptions, Juju, type JujuOptions, type WaitOptions } from './juju.js';
export { parseConfig, parseVersion, type Version } from './outputs.js';
export { REDACTED } from './redact.js';
export {
  parseSecrets,
  parseShownSecret,
  type RevealedSecret,
  type Secret,
  type SecretAccess,
  type SecretRevision,
  type SecretURI,
  secretId,
} from './secrets.js';
export { describeStatus, getUnits, parseStatus } from './status.js';
export type * from './status-types.js';
export { Task, TaskError, type TaskStatus, taskFromJson, taskFromOutput } from './task.js';
export { parseUnitInfo, type RelationData, type UnitInfo, type UnitRelationData } from './unit-info.js';
