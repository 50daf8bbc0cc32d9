/** Legacy `leader-set` (removed in Juju 4; immediate, not buffered). */
import { RunError } from '../errors.js';
import { parseKeyValues } from '../keyvalues.js';
import type { Bag } from '../state.js';
import { defineTool } from '../tool.js';

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
