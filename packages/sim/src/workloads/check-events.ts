/**
 * `<container>-pebble-check-failed` and `-recovered` for real-workload containers. Juju (3.6+) sends
 * these when a Pebble check's `perform-check` change fails (its failures reached the threshold: status
 * `down`) and when its `recover-check` change succeeds (back `up`), with JUJU_WORKLOAD_NAME and
 * JUJU_PEBBLE_CHECK_NAME (juju/juju worker/uniter pebble notices; canonical/pebble
 * internals/overlord/checkstate/manager.go). The simulator's agents run only while a command runs, so it
 * reads each daemon's checks when a command starts running hooks and queues one hook per change since
 * the charm was last told.
 */
import type { SimContext } from '../context.js';
import { enqueue } from '../hook-queue.js';
import type { PebbleDaemons } from './pebble-daemons.js';

/** Queues a hook for every check of a real-workload container whose status changed since the last look. */
export async function queueCheckEvents(ctx: SimContext, daemons: PebbleDaemons): Promise<void> {
  for (const unit of daemons.units()) {
    if (!ctx.state.units[unit] || !ctx.sim.units[unit]) continue;
    for (const container of Object.keys(ctx.sim.pebbleDaemons?.[unit] ?? {})) {
      const now = await daemons.checks(unit, container);
      if (!now) continue; // A daemon that does not answer is restarted (with pebble-ready) before the next hook.
      type Statuses = Record<string, 'up' | 'down'>;
      ctx.sim.checkStatus ??= Object.create(null) as Record<string, Record<string, Statuses>>;
      ctx.sim.checkStatus[unit] ??= Object.create(null) as Record<string, Statuses>;
      const byUnit = ctx.sim.checkStatus[unit];
      const told = byUnit[container] ?? (Object.create(null) as Statuses);
      for (const [check, status] of Object.entries(now)) {
        // A new check starts as `up` as far as the charm knows: only a failure is news.
        if ((told[check] ?? 'up') === status) continue;
        const hookName = `${container}-pebble-check-${status === 'down' ? 'failed' : 'recovered'}`;
        enqueue(ctx, unit, { unit, hookName, workloadName: container, checkName: check });
      }
      byUnit[container] = Object.assign(Object.create(null) as Statuses, now);
    }
  }
}
