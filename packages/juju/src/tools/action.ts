/** `action-get`, `action-set`, `action-fail`, `action-log`: valid only while running an action. */
import { checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import type { ActionRecord } from '../state.js';
import { defineTool } from '../tool.js';

const KEY_RULE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
const RESERVED: readonly string[] = Object.freeze(['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding']);

function runningAction(ctx: HookContext): ActionRecord {
  const action = ctx.action;
  if (!action) throw new RunError('not running an action');
  return action;
}

/** The action-get tool. */
export const actionGet = defineTool<{ keys: string[] }>({
  name: 'action-get',
  args: '[<key>[.<key>.<key>...]]',
  purpose: 'Get action parameters.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    const [first, ...rest] = parsed.positionals;
    if (first === undefined) return { keys: [] };
    checkEmpty(rest);
    return { keys: first.split('.') };
  },
  run: (ctx, cmd) => {
    let value: JsonValue = runningAction(ctx).params;
    for (const key of cmd.keys) {
      if (!isObject(value)) return { value: null };
      value = (value as JsonObject)[key] ?? null;
    }
    return { value };
  },
});

/** The action-set tool. */
export const actionSet = defineTool<{ pairs: { keys: string[]; value: string }[] }>({
  name: 'action-set',
  args: '<key>=<value> [<key>=<value> ...]',
  purpose: 'Set action results.',
  init: (_ctx, parsed) => {
    const pairs = parsed.positionals.map((arg) => {
      const eq = arg.indexOf('=');
      if (eq < 0) throw new UsageError(`argument "${arg}" must be of the form key...=value`);
      const keys = arg.slice(0, eq).split('.');
      for (const key of keys) {
        if (!KEY_RULE.test(key)) {
          throw new UsageError(
            `key "${key}" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods`,
          );
        }
        if (RESERVED.includes(key)) throw new UsageError(`cannot set reserved action key "${key}"`);
      }
      return { keys, value: arg.slice(eq + 1) };
    });
    return { pairs };
  },
  run: (ctx, cmd) => {
    const action = runningAction(ctx);
    for (const { keys, value } of cmd.pairs) {
      let node: JsonObject = action.results;
      keys.slice(0, -1).forEach((key) => {
        const next = node[key];
        if (!isObject(next)) node[key] = {};
        node = node[key] as JsonObject;
      });
      node[keys.at(-1)!] = value;
    }
    return undefined;
  },
});

/** The action-fail tool. */
export const actionFail = defineTool<{ message: string }>({
  name: 'action-fail',
  args: '["<failure message>"]',
  purpose: 'Set action fail status with message.',
  init: (_ctx, parsed) => {
    const [message, ...rest] = parsed.positionals;
    if (message === undefined)
      return { message: 'action failed without reason given, check action for errors' };
    checkEmpty(rest);
    return { message };
  },
  run: (ctx, cmd) => {
    runningAction(ctx).failureMessage = cmd.message;
    return undefined;
  },
});

/** The action-log tool. */
export const actionLog = defineTool<{ message: string }>({
  name: 'action-log',
  args: '<message>',
  purpose: 'Record a progress message for the current action.',
  init: (_ctx, parsed) => {
    if (parsed.positionals.length === 0) throw new UsageError('no message specified');
    return { message: parsed.positionals.join(' ') };
  },
  run: (ctx, cmd) => {
    runningAction(ctx).logs.push({ message: cmd.message, timestamp: ctx.now().toISOString() });
    return undefined;
  },
});
