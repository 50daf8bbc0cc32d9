/** Legacy `leader-get` (removed in Juju 4). */
import { checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
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
