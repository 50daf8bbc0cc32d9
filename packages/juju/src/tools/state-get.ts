/** `state-get`: the unit's controller-side charm state (buffered). */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { RunError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The state-get tool. */
export const stateGet = defineTool<{ key: string; strict: boolean; json: boolean }>({
  name: 'state-get',
  args: '[<key>]',
  purpose: 'Print charm data from the server-side state.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: () => [
    { names: ['strict'], kind: 'bool', usage: 'Return an error if the requested key does not exist' },
  ],
  init: (_ctx, parsed) => {
    const [first = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return {
      key: first === '-' ? '' : first,
      strict: boolFlag(parsed, 'strict'),
      json: stringFlag(parsed, 'format') === 'json',
    };
  },
  run: (ctx, cmd) => {
    const state = ctx.charmState();
    if (cmd.key === '') {
      // An empty state is a nil map: yaml prints {}, json prints null.
      return { value: Object.keys(state).length === 0 && cmd.json ? null : state };
    }
    const value = state[cmd.key];
    if (value === undefined && cmd.strict) throw new RunError(`"${cmd.key}" not found`);
    return { value: value ?? '' };
  },
});
