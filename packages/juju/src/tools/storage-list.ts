/** `storage-list`. */
import { checkEmpty } from '../argv.js';
import { defineTool } from '../tool.js';

/** The storage-list tool. */
export const storageList = defineTool<{ name: string }>({
  name: 'storage-list',
  args: '[<storage-name>]',
  purpose: 'List storage attached to the unit.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  init: (_ctx, parsed) => {
    const [name = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return { name };
  },
  run: (ctx, cmd) => {
    const ids = ctx.unit.storage.filter((id) => {
      const instance = ctx.state.storage[id];
      return instance && instance.life !== 'dead' && (cmd.name === '' || instance.name === cmd.name);
    });
    return { value: ids.sort() };
  },
});
