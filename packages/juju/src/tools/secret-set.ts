/** `secret-set [options] <ID> [key[#base64]=value...]`: update a secret (pending until commit). */
import { UsageError } from '../errors.js';
import { parseSecretUri } from '../ids.js';
import { manageableSecret } from '../secrets.js';
import { defineTool } from '../tool.js';
import { type SecretUpsert, upsertFlags, upsertInit } from './secret-flags.js';

/** The secret-set tool. */
export const secretSet = defineTool<SecretUpsert & { id: string }>({
  name: 'secret-set',
  args: '<ID> [key[#base64]=value...]',
  purpose: 'Update an existing secret.',
  flags: upsertFlags,
  init: (ctx, parsed, io) => {
    const [first, ...rest] = parsed.positionals;
    if (first === undefined) throw new UsageError('missing secret URI');
    const id = parseSecretUri(first);
    if (id === undefined) throw new UsageError(`secret URI "${first}" not valid`);
    return { id, ...upsertInit(ctx, parsed, rest, io) };
  },
  run: (ctx, cmd) => {
    const view = manageableSecret(ctx, cmd.id);
    const hasContent = Object.keys(cmd.content).length > 0;
    const create = ctx.pending.secretCreates[view.id];
    if (create) {
      Object.assign(create, cmd.meta);
      if (hasContent) create.content = cmd.content;
      return undefined;
    }
    const update = { ...ctx.pending.secretUpdates[view.id], ...cmd.meta };
    if (hasContent) update.content = cmd.content;
    ctx.pending.secretUpdates[view.id] = update;
    return undefined;
  },
});
