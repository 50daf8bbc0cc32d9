/** `secret-remove [options] <ID>`: remove a secret or one revision (pending until commit). */
import { checkEmpty, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import { parseSecretUri } from '../ids.js';
import { manageableSecret } from '../secrets.js';
import { defineTool } from '../tool.js';

/** The secret-remove tool. */
export const secretRemove = defineTool<{ id: string; revision: number }>({
  name: 'secret-remove',
  args: '<ID>',
  purpose: 'Remove an existing secret.',
  flags: () => [
    {
      names: ['revision'],
      kind: 'string',
      default: '0',
      customValue: true,
      usage: 'remove the specified revision',
      validate: (v) =>
        /^[+-]?\d+$/.test(v) ? undefined : `strconv.ParseInt: parsing "${v}": invalid syntax`,
    },
  ],
  init: (_ctx, parsed) => {
    const [first, ...rest] = parsed.positionals;
    if (first === undefined) throw new UsageError('missing secret URI');
    const id = parseSecretUri(first);
    if (id === undefined) throw new UsageError(`secret URI "${first}" not valid`);
    checkEmpty(rest);
    return { id, revision: Number(stringFlag(parsed, 'revision')) };
  },
  run: (ctx, cmd) => {
    const view = manageableSecret(ctx, cmd.id);
    if (view.pendingCreate) {
      // Removing a secret created in this same hook just cancels the create.
      if (cmd.revision <= 1) delete ctx.pending.secretCreates[view.id];
      return undefined;
    }
    ctx.pending.secretRemoves.push({ id: view.id, revision: cmd.revision > 0 ? cmd.revision : null });
    return undefined;
  },
});
