/** Deprecated `unit-get <setting>`: the unit's private or public address. */
import { checkEmpty } from '../argv.js';
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The unit-get tool. */
export const unitGet = defineTool<{ setting: 'private-address' | 'public-address' }>({
  name: 'unit-get',
  args: '<setting>',
  purpose: 'Print public-address or private-address.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    const [setting, ...rest] = parsed.positionals;
    if (setting === undefined) throw new UsageError('no setting specified');
    if (setting !== 'private-address' && setting !== 'public-address') {
      throw new UsageError(`unknown setting "${setting}"`);
    }
    checkEmpty(rest);
    return { setting };
  },
  run: (ctx, cmd) => ({
    value: cmd.setting === 'private-address' ? ctx.unit.privateAddress : ctx.unit.publicAddress,
  }),
});
