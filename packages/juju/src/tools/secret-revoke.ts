/** `secret-revoke`: relation-scoped access to a secret (pending until commit). */
import { stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import { isValidApplicationName, isValidUnitName } from '../ids.js';
import { relationFlag, relationIdFrom } from '../relation-flag.js';
import { manageableSecret } from '../secrets.js';
import { defineTool } from '../tool.js';
import { parseId } from './secret-access-common.js';

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
