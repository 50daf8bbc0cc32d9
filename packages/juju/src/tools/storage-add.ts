/** `storage-add` (buffered until commit). */
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

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
