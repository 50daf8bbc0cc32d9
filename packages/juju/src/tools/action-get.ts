/** `action-get`: valid only while running an action. */
import { checkEmpty } from '../argv.js';
import { isObject, type JsonObject, type JsonValue } from '../json.js';
import { defineTool } from '../tool.js';
import { runningAction } from './action-common.js';

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
