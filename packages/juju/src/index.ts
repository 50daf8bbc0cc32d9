/** @ops-ts/juju: an in-memory Juju implementing the hook-tool rules over plain model state. */
export { boolFlag, type FlagDef, type ParsedArgs, parseArgs, stringFlag } from './argv.js';
export {
  type ApplicationOptions,
  addAction,
  addApplication,
  addRelation,
  addSecret,
  addSecretRevision,
  addStorage,
  addUnit,
  DEFAULT_ADDRESS,
  type EndpointRef,
  grantSecret,
  type ModelOptions,
  makeNetwork,
  makeStatus,
  newModel,
  type RelationOptions,
  type SecretOptions,
  setCloud,
  type UnitOptions,
} from './builders.js';
export type { StateChange } from './changes.js';
export { CommitError } from './commit.js';
export { HelpRequested, RunError, UsageError } from './errors.js';
export { formatOutput, type OutputFormat, type OutputValue, struct, toGoJson, toGoYaml } from './format.js';
export { goQuote, goQuoteList } from './go-quote.js';
export { GoTime } from './go-time.js';
export {
  beginHook,
  HookContext,
  type HookOptions,
  type HookPhase,
  type ProcessOutcome,
} from './hook-context.js';
export {
  DEFAULT_JUJU_VERSION,
  type HookEnvironmentSettings,
  hookEnvironment,
} from './hook-environment.js';
export { type HookIdentity, hookLabel } from './hook-identity.js';
export {
  isValidApplicationName,
  isValidUnitName,
  newSecretId,
  parseSecretUri,
  secretUri,
  unitApp,
} from './ids.js';
export type { JsonObject, JsonValue } from './json.js';
export type { BagDelta, PendingChanges } from './pending.js';
export { runTool } from './run-tool.js';
export type * from './state.js';
export type { ToolResult } from './tool.js';
export { DEFAULT_TOOL_FAILURE, toolFailure } from './tool.js';
export { TOOL_NAMES, TOOLS } from './tools/index.js';
