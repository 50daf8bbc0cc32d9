/** Queueing hooks on a unit agent, with Juju's coalescing of repeated "something changed" hooks. */

import type { SimContext } from './context.js';
import type { HookRequest } from './hook-runner.js';

// Hooks that only say "look again": a second one pending adds nothing, as Juju coalesces them.
const COALESCED =
  /(-relation-changed|^config-changed|^leader-settings-changed|^update-status|^secret-changed|^upgrade-charm)$/;

function same(a: HookRequest, b: HookRequest): boolean {
  return (
    a.hookName === b.hookName &&
    a.relationId === b.relationId &&
    (a.remoteUnit ?? '') === (b.remoteUnit ?? '') &&
    (a.remoteApp ?? '') === (b.remoteApp ?? '') &&
    a.secretId === b.secretId
  );
}

/** Appends hooks to a unit's queue; an identical pending coalescable hook is not queued twice. */
export function enqueue(ctx: SimContext, unit: string, ...reqs: HookRequest[]): void {
  const agent = ctx.sim.units[unit];
  if (!agent) return;
  for (const req of reqs) {
    const hook = req.hookName ?? '';
    // The running hook may have read the old data already: only a waiting one absorbs the news.
    const waiting = agent.running ? agent.queue.slice(1) : agent.queue;
    if (COALESCED.test(hook) && waiting.some((q) => same(q, req))) continue;
    agent.queue.push({ ...req, unit });
  }
}

/** Whether any queued hook (of any unit) refers to a relation. */
export function relationReferenced(ctx: SimContext, relationId: number): boolean {
  return Object.values(ctx.sim.units).some((a) => a.queue.some((q) => q.relationId === relationId));
}

/** Number of hooks queued over all units. */
export function pendingHookCount(ctx: SimContext): number {
  return Object.values(ctx.sim.units).reduce((n, a) => n + a.queue.length, 0);
}
