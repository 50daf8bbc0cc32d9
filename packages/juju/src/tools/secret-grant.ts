/** `secret-grant`: relation-scoped access to a secret (pending until commit). */
import { stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import { isValidUnitName, unitApp } from '../ids.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import { manageableSecret } from '../secrets.js';
import { defineTool } from '../tool.js';
import { parseId } from './secret-access-common.js';

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
