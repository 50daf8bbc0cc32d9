/** `action-fail`: valid only while running an action. */
import { checkEmpty } from '../argv.js';
import { defineTool } from '../tool.js';
import { runningAction } from './action-common.js';

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
