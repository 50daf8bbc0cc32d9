/** `config-get [options] [<key>]`: the application's effective config. */
import { boolFlag, checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import type { JsonValue } from '../json.js';
import { defineTool } from '../tool.js';

/** Effective config: charm defaults overlaid with operator-set values (unset, no default → null). */
export function effectiveConfig(ctx: HookContext): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [name, option] of Object.entries(ctx.app.charm.config)) out[name] = option.default ?? null;
  for (const [name, value] of Object.entries(ctx.app.config)) out[name] = value;
  return out;
}

/** The config-get tool. */
export const configGet = defineTool<{ key: string; all: boolean }>({
  name: 'config-get',
  args: '[<key>]',
  purpose: 'Print application configuration.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: () => [{ names: ['all', 'a'], kind: 'bool', usage: 'print all keys' }],
  init: (_ctx, parsed) => {
    const [key = '', ...rest] = parsed.positionals;
    const all = boolFlag(parsed, 'all');
    if (all && key !== '') throw new UsageError(`cannot use argument --all together with key "${key}"`);
    checkEmpty(rest);
    return { key, all };
  },
  run: (ctx, cmd) => {
    const config = effectiveConfig(ctx);
    if (cmd.key !== '') return { value: config[cmd.key] ?? null };
    if (cmd.all) return { value: config };
    const set: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(config)) if (v !== null) set[k] = v;
    return { value: set };
  },
});
