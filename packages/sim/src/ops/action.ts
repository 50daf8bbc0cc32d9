/** `run <unit> <action>`: queue an action on a unit (it runs between hooks, never erroring the unit). */
import { type ActionRecord, addAction } from '@ops-ts/juju';
import { checkActionParams } from '../action-params.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { enqueue } from '../hook-queue.js';

/** Queues an action after checking it is defined and its parameters fit its schema. */
export function queueAction(
  ctx: SimContext,
  unit: string,
  name: string,
  args: Record<string, string>,
): ActionRecord {
  const u = ctx.state.units[unit];
  if (u?.life !== 'alive') throw new SimError(`unit ${JSON.stringify(unit)} not found`);
  const actions = ctx.state.applications[u.app]?.charm.actions ?? {};
  if (!Object.hasOwn(actions, name)) {
    throw new SimError(`action ${JSON.stringify(name)} not defined on unit ${JSON.stringify(unit)}`);
  }
  const params = checkActionParams(unit, name, actions[name] ?? null, args);
  const action = addAction(ctx.state, unit, name, params);
  enqueue(ctx, unit, { unit, actionId: action.id, actionName: name });
  return action;
}
