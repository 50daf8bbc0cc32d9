/** `secret-add [options] [key[#base64|#file]=value...]`: create a secret (pending until commit). */
import { stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { newSecretId, secretUri } from '../ids.js';
import { defineTool } from '../tool.js';
import { type SecretUpsert, upsertFlags, upsertInit } from './secret-flags.js';

/** The secret-add tool. */
export const secretAdd = defineTool<SecretUpsert>({
  name: 'secret-add',
  args: '[key[#base64|#file]=value...]',
  purpose: 'Add a new secret.',
  flags: upsertFlags,
  init: (ctx, parsed, io) => {
    if (parsed.positionals.length < 1 && stringFlag(parsed, 'file') === '') {
      throw new UsageError('missing secret value or filename');
    }
    return upsertInit(ctx, parsed, parsed.positionals, io);
  },
  run: (ctx, cmd) => {
    const owner =
      cmd.owner === 'unit'
        ? { kind: 'unit' as const, name: ctx.options.unit }
        : { kind: 'application' as const, name: ctx.app.name };
    if (Object.keys(cmd.content).length === 0) throw new RunError('empty secret value not valid');
    if (owner.kind === 'application' && !ctx.isLeader()) throw new RunError('this unit is not the leader');
    const label = cmd.meta.label;
    if (label !== undefined) {
      const clash = Object.values(ctx.pending.secretCreates).some(
        (c) => c.label === label && c.owner.kind === owner.kind && c.owner.name === owner.name,
      );
      if (clash) throw new RunError(`secret with label "${label}" already exists`);
    }
    const id = newSecretId();
    ctx.pending.secretCreates[id] = { owner, content: cmd.content, ...cmd.meta };
    return { stdout: `${secretUri(id)}\n` };
  },
});
