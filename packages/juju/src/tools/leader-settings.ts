/** Legacy `leader-get` / `leader-set` (removed in Juju 4; leader-set is immediate). */
import { checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { parseKeyValues } from '../keyvalues.js';
import type { Bag } from '../state.js';
import { defineTool } from '../tool.js';

/** The leader-get tool. */
export const leaderGet = defineTool<{ key: string }>({
  name: 'leader-get',
  args: '[<key>]',
  purpose: 'Print application leadership settings.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    const [first = '', ...rest] = parsed.positionals;
    const key = first === '-' ? '' : first;
    if (key.includes('=')) throw new UsageError(`invalid key "${key}"`);
    checkEmpty(rest);
    return { key };
  },
  run: (ctx, cmd) => {
    const settings = ctx.app.leaderSettings;
    if (cmd.key === '') return { value: { ...settings } };
    return { value: settings[cmd.key] ?? null };
  },
});

/** The leader-set tool. */
export const leaderSet = defineTool<{ settings: Bag }>({
  name: 'leader-set',
  args: '<key>=<value> [...]',
  purpose: 'Write application leadership settings.',
  init: (_ctx, parsed) => ({ settings: parseKeyValues(parsed.positionals) }),
  run: (ctx, cmd) => {
    if (!ctx.isLeader())
      throw new RunError('cannot write leadership settings: cannot write settings: not the leader');
    const bag = ctx.app.leaderSettings;
    let changed = false;
    for (const [k, v] of Object.entries(cmd.settings)) {
      if (v === '') {
        if (k in bag) changed = true;
        delete bag[k];
      } else if (bag[k] !== v) {
        bag[k] = v;
        changed = true;
      }
    }
    if (changed) ctx.immediateChanges.push({ kind: 'leader-settings', app: ctx.app.name });
    return undefined;
  },
});
