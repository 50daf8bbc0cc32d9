/** `storage-get`. */
import { checkEmpty, stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

const STORAGE_ID = /^[a-z][a-z0-9-]*\/\d+$/;

/** The storage-get tool. */
export const storageGet = defineTool<{ id: string; key: string }>({
  name: 'storage-get',
  args: '[<key>]',
  purpose: 'Print information for the storage instance with the specified ID.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: (ctx) => [
    {
      names: ['s'],
      kind: 'string',
      customValue: true,
      default: ctx.options.storageId ?? '',
      usage: 'specify a storage instance by id',
      validate: (v) => (STORAGE_ID.test(v) ? undefined : `invalid storage ID "${v}"`),
    },
  ],
  init: (_ctx, parsed) => {
    const id = stringFlag(parsed, 's');
    if (id === '') throw new UsageError('no storage instance specified');
    const [key = '', ...rest] = parsed.positionals;
    checkEmpty(rest);
    return { id, key };
  },
  run: (ctx, cmd) => {
    const instance = ctx.state.storage[cmd.id];
    if (!instance || instance.unit !== ctx.options.unit) throw new RunError(`storage "${cmd.id}" not found`);
    const attrs: Record<string, string> = { kind: instance.kind, location: instance.location };
    if (cmd.key === '') return { value: attrs };
    const value = attrs[cmd.key];
    if (value === undefined) throw new RunError(`invalid storage attribute "${cmd.key}"`);
    return { value };
  },
});
