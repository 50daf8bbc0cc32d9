/** Relation membership: scope, the bags Juju fills for each unit, and who sees whom. */
import { type ModelState, type Relation, unitApp } from '@ops-ts/juju';
import type { HookRequest } from './hook-runner.js';

/** The alive (or dying) relations an application takes part in, by id. */
export function relationsOf(state: ModelState, app: string): Relation[] {
  return Object.values(state.relations)
    .filter((r) => r.life !== 'dead' && r.endpoints.some((e) => e.app === app))
    .sort((a, b) => a.id - b.id);
}

/** The application's endpoint name in a relation. */
export function endpointOf(rel: Relation, app: string): string {
  return rel.endpoints.find((e) => e.app === app)?.name ?? '';
}

/**
 * Puts a unit in a relation's scope with the addresses Juju writes into its bag. It starts with no
 * joined remote units: each one joins its relation-list when the unit's joined hook for it commits.
 */
export function enterScope(state: ModelState, rel: Relation, unit: string): void {
  if (!rel.scope.includes(unit)) rel.scope.push(unit);
  rel.joined = { ...rel.joined, [unit]: rel.joined?.[unit] ?? [] };
  const address = state.units[unit]?.privateAddress ?? '';
  rel.unitData[unit] = {
    'egress-subnets': `${address}/32`,
    'ingress-address': address,
    'private-address': address,
    ...(rel.unitData[unit] ?? {}),
  };
}

/** The units in scope that `unit` sees as remote: the other side's, or its peers in a peer relation. */
export function remoteUnits(rel: Relation, unit: string): string[] {
  const app = unitApp(unit);
  return rel.scope.filter((u) => u !== unit && (rel.kind === 'peer' || unitApp(u) !== app));
}

/** `<ep>-relation-<what>` for a unit's side of a relation. */
export function relationHook(
  rel: Relation,
  unit: string,
  what: string,
  extra: Partial<HookRequest> = {},
): HookRequest {
  return {
    unit,
    hookName: `${endpointOf(rel, unitApp(unit))}-relation-${what}`,
    relationId: rel.id,
    ...extra,
  };
}

/** joined then changed for one remote unit. */
export function joinHooks(rel: Relation, unit: string, remote: string): HookRequest[] {
  return [
    relationHook(rel, unit, 'joined', { remoteUnit: remote }),
    relationHook(rel, unit, 'changed', { remoteUnit: remote }),
  ];
}

/** departed for a remote unit (`JUJU_DEPARTING_UNIT` = the unit leaving). */
export function departHook(rel: Relation, unit: string, remote: string, departing: string): HookRequest {
  return relationHook(rel, unit, 'departed', { remoteUnit: remote, departingUnit: departing });
}
