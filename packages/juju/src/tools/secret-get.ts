/** `secret-get [options] <ID> [key[#base64]]`: read secret content, tracking revisions. */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import { unitApp } from '../ids.js';
import { ownsSecret, secretView } from '../secrets.js';
import type { Bag } from '../state.js';
import { defineTool } from '../tool.js';
import { parseSecretRef } from './secret-ref.js';

interface SecretGet {
  id: string | undefined;
  label: string;
  key: string;
  peek: boolean;
  refresh: boolean;
}

/** Finds a secret by label: owner labels of secrets this unit owns first, then its consumer labels. */
export function secretIdByLabel(ctx: HookContext, label: string): string | undefined {
  for (const [id, create] of Object.entries(ctx.pending.secretCreates)) if (create.label === label) return id;
  for (const secret of Object.values(ctx.state.secrets)) {
    const view = secretView(ctx, secret.id);
    if (view && ownsSecret(ctx, view.owner) && view.label === label) return secret.id;
  }
  for (const [id, tracking] of Object.entries(ctx.pending.secretTracking))
    if (tracking.label === label) return id;
  for (const secret of Object.values(ctx.state.secrets)) {
    if (secret.consumers[ctx.options.unit]?.label === label) return secret.id;
  }
  return undefined;
}

/** Whether a consumer unit has been granted access (unit or app grant over a live relation). */
function granted(ctx: HookContext, id: string): boolean {
  const secret = ctx.state.secrets[id];
  if (!secret) return false;
  const me = ctx.options.unit;
  return secret.grants.some(
    (g) =>
      (g.target === me || g.target === unitApp(me)) &&
      (g.relationId < 0 || ctx.relation(g.relationId)?.life === 'alive'),
  );
}

function readContent(ctx: HookContext, id: string, cmd: SecretGet): Bag {
  const view = secretView(ctx, id);
  if (!view) throw new RunError(`secret "${id}" not found`);
  const owner = ownsSecret(ctx, view.owner);
  // getPendingSecretValue (runner/context/context.go): a secret created in this hook is read from the
  // hook; this hook's new content of an existing secret only with --peek or --refresh. Otherwise the
  // controller answers with the tracked (committed) revision.
  if (owner && view.pendingCreate && view.pendingContent) return view.pendingContent;
  if (owner && view.pendingContent && (cmd.peek || cmd.refresh)) {
    if (cmd.refresh) ctx.pending.secretTracking[id] = { ...ctx.pending.secretTracking[id], latest: true };
    return view.pendingContent;
  }
  if (!owner && !granted(ctx, id)) throw new RunError('permission denied');
  const secret = ctx.state.secrets[id]!;
  const tracked =
    ctx.pending.secretTracking[id]?.revision ?? secret.consumers[ctx.options.unit]?.revision ?? 0;
  let revision = tracked;
  if (cmd.peek || cmd.refresh || tracked === 0) revision = secret.latestRevision;
  // The first read pins the latest revision; --refresh moves the pin (both persisted at commit).
  if (!cmd.peek && revision !== tracked) {
    ctx.pending.secretTracking[id] = { ...ctx.pending.secretTracking[id], revision };
  }
  const found = secret.revisions.find((r) => r.revision === revision) ?? secret.revisions.at(-1);
  if (!found) throw new RunError(`secret "${id}" not found`);
  return found.content;
}

/** The secret-get tool. */
export const secretGet = defineTool<SecretGet>({
  name: 'secret-get',
  args: '<ID> [key[#base64]]',
  purpose: 'Get the content of a secret.',
  output: { default: 'yaml', formats: ['json', 'yaml'] },
  flags: () => [
    { names: ['label'], kind: 'string', usage: 'a label used to identify the secret in hooks' },
    { names: ['peek'], kind: 'bool', usage: 'get the latest revision just this time' },
    {
      names: ['refresh'],
      kind: 'bool',
      usage: 'get the latest revision and also get this same revision for subsequent calls',
    },
  ],
  init: (_ctx, parsed) => {
    const { id, label, rest: args } = parseSecretRef(parsed);
    const peek = boolFlag(parsed, 'peek');
    const refresh = boolFlag(parsed, 'refresh');
    if (peek && refresh) throw new UsageError('specify one of --peek or --refresh but not both');
    const key = args.shift() ?? '';
    checkEmpty(args);
    return { id, label, key, peek, refresh };
  },
  run: (ctx, cmd) => {
    let id = cmd.id;
    if (id === undefined) {
      id = secretIdByLabel(ctx, cmd.label);
      if (id === undefined) throw new RunError(`secret "${cmd.label}" not found`);
    } else if (cmd.label !== '') {
      const view = secretView(ctx, id);
      if (!view) throw new RunError(`secret "${id}" not found`);
      // ID + label: owners relabel the secret, consumers set their own label.
      if (ownsSecret(ctx, view.owner)) {
        const create = ctx.pending.secretCreates[id];
        if (create) create.label = cmd.label;
        else ctx.pending.secretUpdates[id] = { ...ctx.pending.secretUpdates[id], label: cmd.label };
      } else {
        ctx.pending.secretTracking[id] = { ...ctx.pending.secretTracking[id], label: cmd.label };
      }
    }
    const content = readContent(ctx, id, cmd);
    if (cmd.key === '') {
      const decoded: Record<string, string> = {};
      for (const [k, v] of Object.entries(content)) decoded[k] = Buffer.from(v, 'base64').toString('utf8');
      return { value: decoded };
    }
    const base64 = cmd.key.endsWith('#base64');
    const key = base64 ? cmd.key.slice(0, -'#base64'.length) : cmd.key;
    const value = content[key];
    if (value === undefined) throw new RunError(`secret key value "${key}" not found`);
    return { value: base64 ? value : Buffer.from(value, 'base64').toString('utf8') };
  },
});
