/** `storage-list`, `storage-get` and `storage-add` (buffered). */
import { checkEmpty, stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

const STORAGE_ID = /^[a-z][a-z0-9-]*\/\d+$/;

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

/** The storage-add tool. */
export const storageAdd = defineTool<{ directives: { name: string; count: number }[] }>({
  name: 'storage-add',
  args: '<charm storage name>[=count] ...',
  purpose: 'Add storage instances.',
  init: (_ctx, parsed) => {
    if (parsed.positionals.length === 0) throw new UsageError('storage add requires a storage directive');
    const directives = parsed.positionals.map((arg) => {
      const eq = arg.indexOf('=');
      if (eq < 0) return { name: arg, count: 1 };
      const name = arg.slice(0, eq);
      const spec = arg.slice(eq + 1);
      if (!/^\d+$/.test(spec)) throw new UsageError(`only count can be specified for "${name}"`);
      return { name, count: Number(spec) };
    });
    return { directives };
  },
  run: (ctx, cmd) => {
    ctx.pending.storageAdds.push(...cmd.directives);
    return undefined;
  },
});
