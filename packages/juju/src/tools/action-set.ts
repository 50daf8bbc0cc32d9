/** `action-set`: valid only while running an action. */
import { UsageError } from '../errors.js';
import { isObject, type JsonObject } from '../json.js';
import { defineTool } from '../tool.js';
import { runningAction } from './action-common.js';

const KEY_RULE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

const RESERVED: readonly string[] = Object.freeze(['stdout', 'stdout-encoding', 'stderr', 'stderr-encoding']);

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
