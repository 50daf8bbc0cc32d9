/** `is-leader`: whether this unit holds leadership. */
import { checkEmpty } from '../argv.js';
import { defineTool } from '../tool.js';

/** The is-leader tool. */
export const isLeader = defineTool<null>({
  name: 'is-leader',
  purpose: 'Print application leadership status.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return null;
  },
  run: (ctx) => ({ value: ctx.isLeader() }),
});
