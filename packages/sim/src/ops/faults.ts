/** `sim fault add|list|clear`: the faults a model holds (faults/fault-spec.ts). */
import { unitApp } from '@ops-ts/juju';
import { charmContainers } from '../charm-file.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { checkFaultSpec, type Fault, type FaultSpec } from '../faults/fault-spec.js';
import { enqueue } from '../hook-queue.js';

/** Adds a fault after checking it against the model; returns it (with its id). */
export function addFault(ctx: SimContext, spec: FaultSpec): Fault {
  checkFaultSpec(spec);
  if (spec.unit !== undefined && !ctx.state.units[spec.unit])
    throw new SimError(`unit ${JSON.stringify(spec.unit)} not found`);
  if (spec.app !== undefined && !ctx.state.applications[spec.app])
    throw new SimError(`application ${JSON.stringify(spec.app)} not found`);
  if (spec.kind === 'pebble') {
    const app = unitApp(spec.unit);
    const application = ctx.state.applications[app];
    if (ctx.state.model.type !== 'kubernetes' || !application)
      throw new SimError(`unit ${JSON.stringify(spec.unit)} has no Pebble (not a Kubernetes unit)`);
    if (!charmContainers(application.charm).includes(spec.container))
      throw new SimError(
        `application ${JSON.stringify(app)} has no container ${JSON.stringify(spec.container)}`,
      );
    // A real-workload container's Pebble is a daemon of its own, out of this process's reach.
    if (ctx.sim.apps[app]?.workloads === 'real')
      throw new SimError(
        `Pebble faults are not supported for real-workload application ${JSON.stringify(app)}`,
      );
  }
  const id = (ctx.sim.faultSeq ?? 0) + 1;
  ctx.sim.faultSeq = id;
  const fault = { ...spec, id, hits: 0 } as Fault;
  ctx.sim.faults = [...(ctx.sim.faults ?? []), fault];
  return fault;
}

/**
 * Removes one fault by id, or every fault when `id` is undefined; returns how many went. A Pebble that
 * refused connections or stopped answering and is now reachable again has, for Juju, started up:
 * its unit gets `<container>-pebble-ready` (juju/juju worker/uniter/container/workload.go: the
 * ReadyEvent "is triggered when the container/pebble starts up").
 */
export function clearFaults(ctx: SimContext, id?: number): number {
  const before = ctx.sim.faults ?? [];
  if (id !== undefined && !before.some((f) => f.id === id))
    throw new SimError(`fault ${JSON.stringify(id)} not found`);
  const kept = id === undefined ? [] : before.filter((f) => f.id !== id);
  for (const fault of before) {
    if (kept.includes(fault) || fault.kind !== 'pebble' || fault.effect === 'error' || fault.hits === 0)
      continue;
    if (ctx.state.units[fault.unit]?.life !== 'alive') continue;
    const hookName = `${fault.container}-pebble-ready`;
    if (ctx.sim.units[fault.unit]?.queue.some((q) => q.hookName === hookName)) continue;
    enqueue(ctx, fault.unit, { unit: fault.unit, hookName, workloadName: fault.container });
  }
  if (kept.length === 0) delete ctx.sim.faults;
  else ctx.sim.faults = kept;
  return before.length - kept.length;
}
