/** `secret-grant` / `secret-revoke`: relation-scoped access to a secret (pending until commit). */
import { checkEmpty, stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { isValidApplicationName, isValidUnitName, parseSecretUri, unitApp } from '../ids.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import { manageableSecret } from '../secrets.js';
import { defineTool } from '../tool.js';

function parseId(positionals: readonly string[]): string {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError('missing secret URI');
  const id = parseSecretUri(first);
  if (id === undefined) throw new UsageError(`secret URI "${first}" not valid`);
  checkEmpty(rest);
  return id;
}

/** The secret-grant tool. */
export const secretGrant = defineTool<{ id: string; relationId: number; target: string; unit: boolean }>({
  name: 'secret-grant',
  args: '<ID>',
  purpose: 'Grant access to a secret.',
  flags: (ctx) => [relationFlag(ctx), { names: ['unit'], kind: 'string', usage: 'the unit to grant access' }],
  init: (ctx, parsed) => {
    const id = parseId(parsed.positionals);
    const relationId = relationIdFrom(parsed);
    if (relationId === -1) throw new UsageError('no relation id specified');
    const relation = ctx.relation(relationId)!;
    const remoteApp = ctx.remoteAppName(relation);
    const unit = stringFlag(parsed, 'unit');
    if (unit !== '') {
      if (!isValidUnitName(unit)) throw new UsageError(`unit "${unit}" not valid`);
      if (unitApp(unit) !== remoteApp) {
        throw new UsageError(`cannot specify unit "${unit}" in relation to application "${remoteApp}"`);
      }
      return { id, relationId, target: unit, unit: true };
    }
    return { id, relationId, target: remoteApp, unit: false };
  },
  run: (ctx, cmd) => {
    const view = manageableSecret(ctx, cmd.id);
    const app = unitApp(cmd.target);
    const unitGrants = view.grants.some(
      (g) => g.relationId === cmd.relationId && g.target.startsWith(`${app}/`),
    );
    if (!cmd.unit && unitGrants) {
      throw new RunError(
        'any unit level grants need to be revoked before granting access to the corresponding application',
      );
    }
    ctx.pending.secretAccess.push({
      id: view.id,
      op: 'grant',
      relationId: cmd.relationId,
      target: cmd.target,
    });
    return undefined;
  },
});

/** The secret-revoke tool. */
export const secretRevoke = defineTool<{ id: string; relationId: number | null; target: string }>({
  name: 'secret-revoke',
  args: '<ID>',
  purpose: 'Revoke access to a secret.',
  flags: (ctx) => [
    relationFlag(ctx),
    { names: ['app', 'application'], kind: 'string', usage: 'the application to revoke access' },
    { names: ['unit'], kind: 'string', usage: 'the unit to revoke access' },
  ],
  init: (ctx, parsed) => {
    const id = parseId(parsed.positionals);
    const app = stringFlag(parsed, 'app');
    const unit = stringFlag(parsed, 'unit');
    if (app !== '' && !isValidApplicationName(app)) throw new UsageError(`application "${app}" not valid`);
    if (unit !== '' && !isValidUnitName(unit)) throw new UsageError(`unit "${unit}" not valid`);
    if (app !== '' && unit !== '') throw new UsageError('specify only one of application or unit');
    const relationId = relationIdFrom(parsed);
    if (relationId !== -1 && app !== '') throw new UsageError('do not specify both relation and app');
    if (relationId === -1 && app === '' && unit === '') {
      throw new UsageError('missing relation or application or unit');
    }
    const relation = relationId === -1 ? undefined : ctx.relation(relationId);
    const target = unit || app || (relation ? ctx.remoteAppName(relation) : '');
    return { id, relationId: relationId === -1 ? null : relationId, target };
  },
  run: (ctx, cmd) => {
    const view = manageableSecret(ctx, cmd.id);
    ctx.pending.secretAccess.push({
      id: view.id,
      op: 'revoke',
      relationId: cmd.relationId,
      target: cmd.target,
    });
    return undefined;
  },
});
