/** `remove-unit` and `remove-application`. */
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { enqueue } from '../hook-queue.js';
import { departHook, relationHook, relationsOf, remoteUnits } from '../relations.js';
import { sweep } from '../scheduler.js';
import { finaliseUnitRemoval, teardownUnit } from '../unit-lifecycle.js';

/** Removes units: each runs its teardown hooks; with `force` it is deleted at once, hooks skipped. */
export function removeUnits(ctx: SimContext, units: readonly string[], force = false): void {
  for (const unit of units) {
    const life = ctx.state.units[unit]?.life;
    // `--force` also removes a unit already dying (e.g. halted by a failed stop hook), as Juju's does.
    if (life !== 'alive' && !(force && life !== undefined)) {
      throw new SimError(`unit ${JSON.stringify(unit)} not found`);
    }
  }
  for (const unit of units) {
    teardownUnit(ctx, unit, false);
    if (force) finaliseUnitRemoval(ctx, unit);
  }
}

/**
 * Removes an application: its relations die (remote units get departed for each of its units, then
 * broken), its units tear down (departed and broken on every relation, peers included), and it is
 * deleted once its units are gone.
 */
export function removeApplication(ctx: SimContext, app: string, force = false): void {
  const application = ctx.state.applications[app];
  const source = ctx.sim.apps[app];
  if (!application || !source || (source.dying && !force))
    throw new SimError(`application ${JSON.stringify(app)} not found`);
  if (source.dying) {
    // Already being removed (a teardown hook failed and halted it): `--force` finishes the job.
    for (const unit of [...application.units]) finaliseUnitRemoval(ctx, unit);
    sweep(ctx);
    return;
  }
  source.dying = true;
  const own = (u: string) => u.startsWith(`${app}/`);
  const rels = relationsOf(ctx.state, app);
  for (const rel of rels) {
    rel.life = 'dying';
    if (rel.kind === 'peer') continue;
    for (const unit of rel.scope.filter((u) => !own(u))) {
      for (const remote of remoteUnits(rel, unit)) enqueue(ctx, unit, departHook(rel, unit, remote, remote));
      enqueue(ctx, unit, relationHook(rel, unit, 'broken'));
    }
  }
  const units = [...application.units];
  for (const unit of units) teardownUnit(ctx, unit, true);
  for (const rel of rels) rel.scope = rel.scope.filter((u) => !own(u));
  if (force) {
    for (const unit of units) finaliseUnitRemoval(ctx, unit);
    sweep(ctx);
  }
}

/**
 * Scales a Kubernetes application down by `count` (`juju remove-unit <app> --num-units N`, juju/juju
 * cmd/juju/application/removeunit.go removeCaasUnits): the highest-numbered alive units go, as the
 * StatefulSet drops its last pods. Returns the new scale.
 */
export function scaleDown(ctx: SimContext, app: string, count: number, force = false): number {
  const application = ctx.state.applications[app];
  if (!application || ctx.sim.apps[app]?.dying)
    throw new SimError(`application ${JSON.stringify(app)} not found`);
  const alive = application.units
    .filter((u) => ctx.state.units[u]?.life === 'alive')
    .sort((a, b) => Number(b.split('/')[1]) - Number(a.split('/')[1]));
  if (!Number.isInteger(count) || count < 1)
    throw new SimError('specify the number of units (> 0) to remove using --num-units');
  if (count > alive.length)
    throw new SimError(
      `cannot remove ${count} units: application ${JSON.stringify(app)} has ${alive.length}`,
    );
  removeUnits(ctx, alive.slice(0, count), force);
  return alive.length - count;
}
