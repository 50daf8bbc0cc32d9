// @ops-ts/sim: a local Juju model that runs packed charms as real processes.
export { type HookRequest, type HookResult, HookRunner, type HookRunnerOptions } from './hook-runner.js';
export { installTools } from './tools/install-tools.js';
export { JUJUC_SCRIPT } from './tools/jujuc-script.js';
export { type ToolCall, type ToolHandler, type ToolReply, ToolServer } from './tools/tool-server.js';
