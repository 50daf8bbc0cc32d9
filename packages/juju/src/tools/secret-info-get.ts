/** `secret-info-get [options] <ID>` or `--label`: metadata of a secret this unit owns. */
import { checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { type OutputValue, struct } from '../format.js';
import { GoTime } from '../go-time.js';
import type { HookContext } from '../hook-context.js';
import { entityTag } from '../ids.js';
import { ownedSecrets, type SecretView } from '../secrets.js';
import type { Relation } from '../state.js';
import { defineTool } from '../tool.js';
import { parseSecretRef } from './secret-ref.js';

/** Juju's relation tag: `relation-<app>.<endpoint>#<app>.<endpoint>`. */
export function relationTag(relation: Relation): string {
  return `relation-${relation.endpoints.map((e) => `${e.app}.${e.name}`).join('#')}`;
}

function display(ctx: HookContext, view: SecretView): OutputValue {
  const access = view.grants.map((g) => {
    const rel = ctx.state.relations[String(g.relationId)];
    return struct({ target: entityTag(g.target), scope: rel ? relationTag(rel) : '', role: g.role });
  });
  return struct({
    revision: view.latestRevision,
    label: view.label ?? '',
    owner: view.owner.kind,
    description: view.description || undefined,
    rotation: view.rotatePolicy ?? undefined,
    expiry: view.expireTime ? new GoTime(view.expireTime) : undefined,
    rotates: view.nextRotateTime ? new GoTime(view.nextRotateTime) : undefined,
    access: access.length > 0 ? access : undefined,
  });
}

/** The secret-info-get tool. */
export const secretInfoGet = defineTool<{ id: string | undefined; label: string }>({
  name: 'secret-info-get',
  args: '<ID>',
  purpose: "Get a secret's metadata info.",
  output: { default: 'yaml', formats: ['json', 'yaml'] },
  flags: () => [{ names: ['label'], kind: 'string', usage: 'a label used to identify the secret' }],
  init: (_ctx, parsed) => {
    const { id, label, rest: args } = parseSecretRef(parsed);
    if (id !== undefined && label !== '')
      throw new UsageError('specify either a secret URI or label but not both');
    checkEmpty(args);
    return { id, label };
  },
  run: (ctx, cmd) => {
    const owned = ownedSecrets(ctx);
    const view =
      cmd.id !== undefined ? owned.find((s) => s.id === cmd.id) : owned.find((s) => s.label === cmd.label);
    if (!view) throw new RunError(`secret "${cmd.id ?? cmd.label}" not found`);
    return { value: { [view.id]: display(ctx, view) } };
  },
});
