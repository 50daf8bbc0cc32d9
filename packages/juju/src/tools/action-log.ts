/** `action-log`: valid only while running an action. */
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';
import { runningAction } from './action-common.js';

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
