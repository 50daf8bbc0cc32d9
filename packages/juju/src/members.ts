/**
 * Relation membership as a unit agent sees it (Juju's uniter, runner/context/contextfactory.go and the
 * relation state it commits): a remote unit becomes a member when its relation-joined hook runs, and
 * stops being one when its relation-departed hook runs.
 */
import type { HookContext } from './hook-context.js';
import { unitApp } from './ids.js';
import type { Relation } from './state.js';

function hookKind(ctx: HookContext, relation: Relation): string | undefined {
  if (ctx.options.relationId !== relation.id) return undefined;
  return /-relation-(created|joined|changed|departed|broken)$/.exec(ctx.options.hookName ?? '')?.[1];
}

/**
 * The remote unit a departed hook takes out of the members (RemoveMember of the hook's remote unit). In
 * Juju the departing unit is either that remote unit or this unit; a departing remote unit named apart
 * from the remote unit (hand-built test contexts) is the one that left.
 */
function departedUnit(ctx: HookContext): string | undefined {
  const departing = ctx.options.departingUnit;
  return departing && departing !== ctx.options.unit ? departing : ctx.remoteUnit;
}

/** The remote units `relation-list` shows in this hook, sorted. */
export function relationMembers(ctx: HookContext, relation: Relation): string[] {
  const kind = hookKind(ctx, relation);
  // In -relation-broken the member list is empty.
  if (kind === 'broken') return [];
  const me = ctx.options.unit;
  const remoteApp = ctx.remoteAppName(relation);
  const inScope = (u: string) => relation.scope.includes(u) && unitApp(u) === remoteApp && u !== me;
  const recorded = relation.joined?.[me];
  const members = new Set(recorded ?? relation.scope);
  const remote = ctx.remoteUnit;
  // The hook's own remote unit: a member from its joined hook on (InvalidateMember), gone in departed.
  if (remote && (kind === 'joined' || kind === 'changed') && recorded) members.add(remote);
  const gone = departedUnit(ctx);
  if (kind === 'departed' && gone) members.delete(gone);
  return [...members].filter(inScope).sort();
}

/** After a committed relation hook: remember a joined remote unit, forget a departed one. */
export function recordMembership(ctx: HookContext): void {
  const relationId = ctx.options.relationId;
  const relation = relationId === undefined ? undefined : ctx.state.relations[String(relationId)];
  const joined = relation?.joined;
  const remote = ctx.remoteUnit;
  const recorded = joined?.[ctx.options.unit];
  if (!relation || !joined || !remote || !recorded) return;
  const kind = hookKind(ctx, relation);
  if (kind === 'joined' && !recorded.includes(remote)) recorded.push(remote);
  if (kind === 'departed') joined[ctx.options.unit] = recorded.filter((u) => u !== departedUnit(ctx));
}
