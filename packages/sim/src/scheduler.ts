/**
 * Runs queued hooks until the model settles: one hook at a time per unit, units side by side (up to
 * `concurrency`), picked round-robin so no unit starves. After each hook its changes queue follow-up
 * hooks, a failed hook halts its unit in error, and the model is saved.
 */
import { unitApp } from '@ops-ts/juju';
import { type HookLogEntry, hookName } from './agent-records.js';
import type { SimContext } from './context.js';
import { queueFollowUps } from './follow-ups.js';
import { relationReferenced } from './hook-queue.js';
import type { HookRequest, HookResult, HookRunner } from './hook-runner.js';
import type { PebbleHost } from './pebble-host.js';
import { finaliseUnitRemoval } from './unit-lifecycle.js';
import { queueCheckEvents } from './workloads/check-events.js';
import type { Workloads } from './workloads/workloads.js';

/** Progress of a settle, for the CLI's output. */
export type SimEvent =
  /** A hook started. */
  | { kind: 'hook-start'; unit: string; hook: string }
  /** A hook ended (the entry is also in the hook log). */
  | { kind: 'hook-end'; entry: HookLogEntry; result: HookResult };

/** What the scheduler needs besides the model. */
export interface SchedulerDeps {
  /** Runs one hook. */
  runner: HookRunner;
  /** Pebble servers. */
  pebble: PebbleHost;
  /** Service stand-ins (those of removed units are killed). */
  workloads: Workloads;
  /** Units running side by side. */
  concurrency: number;
  /** Progress callback. */
  onEvent?: (event: SimEvent) => void;
}

/** Orders `app/10` after `app/9`. */
export function compareUnits(a: string, b: string): number {
  const [appA = '', nA = '0'] = a.split('/');
  const [appB = '', nB = '0'] = b.split('/');
  return appA === appB ? Number(nA) - Number(nB) : appA < appB ? -1 : 1;
}

/** Runs hooks until none is runnable. */
export async function settle(ctx: SimContext, deps: SchedulerDeps): Promise<void> {
  // What real workloads' checks did since the last command: Juju would have told the charm by now.
  await queueCheckEvents(ctx, deps.workloads.daemons);
  const running = new Map<string, Promise<void>>();
  let last = '';
  const pick = (): string | undefined => {
    const ready = Object.keys(ctx.sim.units)
      .filter(
        (u) =>
          !running.has(u) && ctx.sim.units[u]?.error === null && (ctx.sim.units[u]?.queue.length ?? 0) > 0,
      )
      .sort(compareUnits);
    return ready.find((u) => compareUnits(u, last) > 0) ?? ready[0];
  };
  for (;;) {
    while (running.size < Math.max(1, deps.concurrency)) {
      const unit = pick();
      if (!unit) break;
      last = unit;
      running.set(
        unit,
        runNext(ctx, deps, unit).finally(() => running.delete(unit)),
      );
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  sweep(ctx);
  await deps.workloads.reap();
  ctx.store.save(ctx.state, ctx.sim);
}

/** Whether a queued hook still makes sense (its relation or unit may be gone). */
function applicable(ctx: SimContext, req: HookRequest): boolean {
  if (!ctx.state.units[req.unit]) return false;
  if (req.relationId !== undefined && !ctx.state.relations[String(req.relationId)]) return false;
  if (req.actionId !== undefined && ctx.state.actions[req.actionId]?.status !== 'pending') return false;
  return true;
}

function tail(text: string, lines = 5): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function runNext(ctx: SimContext, deps: SchedulerDeps, unit: string): Promise<void> {
  const agent = ctx.sim.units[unit];
  const req = agent?.queue[0];
  if (!agent || !req) return;
  if (!applicable(ctx, req)) {
    agent.queue.shift();
    return;
  }
  const hook = hookName(req);
  await deps.pebble.ensure(unit);
  deps.onEvent?.({ kind: 'hook-start', unit, hook });
  const startedAt = new Date();
  agent.running = true;
  let result: HookResult;
  try {
    result = await deps.runner.run(req);
  } finally {
    agent.running = false;
  }
  agent.queue.shift();
  const entry: HookLogEntry = {
    seq: ++ctx.sim.hookSeq,
    unit,
    hook,
    ...(req.relationId !== undefined ? { relationId: req.relationId } : {}),
    ...(req.remoteUnit ? { remoteUnit: req.remoteUnit } : {}),
    ...(req.remoteApp ? { remoteApp: req.remoteApp } : {}),
    exitCode: result.exitCode,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    ...(result.exitCode !== 0 && result.stderr ? { stderr: tail(result.stderr) } : {}),
    ...(result.faults ? { faults: result.faults.map((f) => `${f.id}: ${f.what}`) } : {}),
  };
  logOutput(ctx, unit, hook, result);
  ctx.store.appendHookLog(entry);
  queueFollowUps(ctx, unit, result.changes);
  if (req.actionId === undefined) {
    if (result.exitCode !== 0) {
      // The failed hook stays first in line: `resolve` retries it.
      agent.queue.unshift(req);
      agent.error = { hook, message: `hook failed: "${hook}"` };
    } else if (req.hookName === 'start') {
      agent.started = true;
    } else if (req.hookName === 'remove') {
      await deps.pebble.stop(unit);
      finaliseUnitRemoval(ctx, unit);
      await deps.workloads.reap();
    }
  }
  await deps.pebble.snapshot(unit);
  sweep(ctx);
  ctx.store.save(ctx.state, ctx.sim);
  deps.onEvent?.({ kind: 'hook-end', entry, result });
}

/** Hook output goes to the unit's log as Juju's uniter logs it: stdout at DEBUG, stderr at WARNING. */
function logOutput(ctx: SimContext, unit: string, hook: string, result: HookResult): void {
  const timestamp = new Date().toISOString();
  const add = (level: string, text: string) => {
    for (const line of text.trimEnd().split('\n')) {
      if (line !== '') ctx.state.logs.push({ unit, level, message: line, timestamp, context: hook });
    }
  };
  for (const fault of result.faults ?? [])
    add('WARNING', `ops-ts sim: injected fault ${fault.id}: ${fault.what}`);
  add('DEBUG', result.stdout);
  add('WARNING', result.stderr);
  const verb = result.exitCode === 0 ? 'ran' : 'failed';
  ctx.state.logs.push({
    unit,
    level: result.exitCode === 0 ? 'INFO' : 'ERROR',
    message: `juju.worker.uniter.operation ${verb} "${hook}" hook (via hook dispatching script: dispatch)${result.exitCode === 0 ? '' : `: exit status ${result.exitCode}`}`,
    timestamp,
    context: hook,
  });
}

/** Deletes relations whose teardown hooks have all run, and applications whose units are all gone. */
export function sweep(ctx: SimContext): void {
  const { state, sim } = ctx;
  for (const [key, rel] of Object.entries(state.relations)) {
    if (rel.life === 'alive') continue;
    if (!relationReferenced(ctx, rel.id)) delete state.relations[key];
  }
  for (const [name, source] of Object.entries(sim.apps)) {
    const app = state.applications[name];
    if (!source.dying || !app || app.units.length > 0) continue;
    for (const [key, rel] of Object.entries(state.relations)) {
      if (rel.endpoints.some((e) => e.app === name)) delete state.relations[key];
    }
    for (const [id, secret] of Object.entries(state.secrets)) {
      const owner = secret.owner.kind === 'application' ? secret.owner.name : unitApp(secret.owner.name);
      if (owner === name) delete state.secrets[id];
    }
    delete state.applications[name];
    delete sim.apps[name];
  }
}
