/** What the `action-get`, `action-set`, `action-fail`, `action-log` tools share. */
import { RunError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import type { ActionRecord } from '../state.js';

/** The action this hook runs, or the error action tools give outside one. */
export function runningAction(ctx: HookContext): ActionRecord {
  const action = ctx.action;
  if (!action) throw new RunError('not running an action');
  return action;
}
