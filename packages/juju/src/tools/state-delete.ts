/** `state-delete`: the unit's controller-side charm state (buffered). */
import { checkEmpty } from '../argv.js';
import { defineTool } from '../tool.js';

/** The state-delete tool. */
export const stateDelete = defineTool<{ key: string }>({
  name: 'state-delete',
  args: '<key>',
  purpose: 'Delete server-side-state key value pairs.',
  init: (_ctx, parsed) => {
    const [key = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return { key };
  },
  run: (ctx, cmd) => {
    if (cmd.key !== '' && cmd.key in ctx.charmState()) ctx.pending.charmState[cmd.key] = null;
    return undefined;
  },
});
