// Service supervision on a fake clock, as canonical/pebble internals/overlord/servstate/handlers.go
// runs it: restarts after exit per on-success/on-failure (exited, getAction), backoff delays
// (doBackoff, calculateNextBackoff, getJitter, defaults from internals/plan/plan.go), the backoff reset
// after backoff-limit of running (backoffResetElapsed), start/stop while backing off (serviceForStart,
// stop) and restarts on check failure (manager.go CheckFailed, handlers.go checkFailed).
import { describe, expect, it } from 'vitest';
import type { Check, Service } from '../src/index.js';
import { ChangeStore } from '../src/server/change-store.js';
import { CheckRunner } from '../src/server/check-runner.js';
import { CheckStore } from '../src/server/check-store.js';
import { PlanState } from '../src/server/plan-state.js';
import type { ServiceExit, ServiceProcess, ServiceRunner } from '../src/server/service-runner.js';
import { SupervisingServiceManager } from '../src/server/service-supervisor.js';
import { FakeTimers, flush } from './fake-timers.js';

/** A process that runs until the test ends it (or the manager stops it). */
class FakeProcess implements ServiceProcess {
  private ended: ServiceExit | undefined;
  private readonly listeners: ((exit: ServiceExit) => void)[] = [];
  stops = 0;
  exit(): ServiceExit | undefined {
    return this.ended;
  }
  waitExit(): Promise<ServiceExit | undefined> {
    return Promise.resolve(this.ended);
  }
  onExit(listener: (exit: ServiceExit) => void): void {
    if (this.ended) listener(this.ended);
    else this.listeners.push(listener);
  }
  end(exitCode: number | null, signal: string | null = null): void {
    if (this.ended) return;
    this.ended = { exitCode, signal };
    for (const l of this.listeners.splice(0)) l(this.ended);
  }
  async stop(): Promise<void> {
    this.stops++;
    this.end(null, 'SIGTERM');
  }
}

class FakeRunner implements ServiceRunner {
  readonly started: FakeProcess[] = [];
  private readonly byName = new Map<string, FakeProcess>();
  async start(name: string): Promise<ServiceProcess> {
    const proc = new FakeProcess();
    this.started.push(proc);
    this.byName.set(name, proc);
    return proc;
  }
  find(name: string): FakeProcess | undefined {
    return this.byName.get(name);
  }
  current(name: string): FakeProcess {
    const proc = this.byName.get(name);
    if (!proc) throw new Error(`${name} never started`);
    return proc;
  }
}

function setup(service: Service, checks: Record<string, Check> = {}) {
  const timers = new FakeTimers();
  const plan = new PlanState();
  plan.restore([
    {
      label: 'base',
      layer: { services: { web: { override: 'replace', command: 'web', ...service } }, checks },
    },
  ]);
  const changes = new ChangeStore();
  const runner = new FakeRunner();
  const log: string[] = [];
  const manager = new SupervisingServiceManager(plan, changes, runner, 1000, timers, (l) => log.push(l));
  const status = () => manager.statuses().web;
  /** Starts web and waits out Pebble's 1 s okay delay; returns the change. */
  const start = async () => {
    const change = manager.act('start', ['web']);
    await timers.advance(1000);
    await manager.idle();
    return changes.get(change.id);
  };
  return { timers, plan, changes, runner, manager, status, start, log };
}

describe('restart after exit (servstate handlers.go exited, getAction)', () => {
  it.each([
    // getAction: an unset action is "restart", for on-success as well as on-failure.
    ['unset, exit 0', 'backoff', {}, 0],
    ['unset, exit 1', 'backoff', {}, 1],
    ['on-success: ignore, exit 0 (stateStopped)', 'inactive', { 'on-success': 'ignore' }, 0],
    ['on-failure: ignore, exit 1 (stateExited)', 'error', { 'on-failure': 'ignore' }, 1],
    ['on-failure: ignore, exit 0 (on-success applies)', 'backoff', { 'on-failure': 'ignore' }, 0],
    ['killed by a signal counts as failure (ExitCode -1)', 'error', { 'on-failure': 'ignore' }, null],
    // Pebble would shut itself down; this server cannot end its host, so the service stays exited.
    ['on-failure: shutdown', 'error', { 'on-failure': 'shutdown' }, 1],
  ] as const)('%s -> %s', async (_label, expected, service, code) => {
    const t = setup(service as Service);
    await t.start();
    expect(t.status()).toBe('active');
    t.runner.current('web').end(code, code === null ? 'SIGKILL' : null);
    await flush();
    expect(t.status()).toBe(expected);
  });
});

describe('backoff delays (handlers.go doBackoff, calculateNextBackoff)', () => {
  it.each([
    // plan.go defaultBackoffDelay 500ms, defaultBackoffFactor 2, defaultBackoffLimit 30s.
    ['defaults', {}, [500, 1000, 2000, 4000, 8000, 16000, 30000, 30000]],
    [
      'backoff-delay 1s, factor 1.5, limit 3s',
      { 'backoff-delay': '1s', 'backoff-factor': 1.5, 'backoff-limit': '3s' },
      [1000, 1500, 2250, 3000, 3000],
    ],
  ] as const)('%s', async (_label, service, delays) => {
    const t = setup(service as Service);
    await t.start();
    for (const delay of delays) {
      const before = t.runner.started.length;
      t.runner.current('web').end(1);
      await flush();
      expect(t.status()).toBe('backoff');
      await t.timers.advance(delay - 1);
      expect(t.runner.started.length).toBe(before);
      await t.timers.advance(1);
      expect(t.runner.started.length).toBe(before + 1);
      // backoffTimeElapsed goes straight to running (no second okay delay).
      expect(t.status()).toBe('active');
    }
  });

  it('adds 0-10% jitter (getJitter)', async () => {
    const t = setup({});
    t.timers.random = () => 0.5;
    await t.start();
    t.runner.current('web').end(1);
    await t.timers.advance(524);
    expect(t.runner.started.length).toBe(1);
    await t.timers.advance(1);
    expect(t.runner.started.length).toBe(2);
  });

  it.each([
    // backoffResetElapsed: backoff-limit of uninterrupted running resets the backoff.
    ['ran for backoff-limit: back to backoff-delay', 30_000, 500],
    ['ran just short of it: the backoff keeps growing', 29_999, 2000],
  ])('%s', async (_label, ranMs, nextDelay) => {
    const t = setup({});
    await t.start();
    t.runner.current('web').end(1);
    await t.timers.advance(500);
    t.runner.current('web').end(1);
    await t.timers.advance(1000);
    await t.timers.advance(ranMs);
    const before = t.runner.started.length;
    t.runner.current('web').end(1);
    await t.timers.advance(nextDelay - 1);
    expect(t.runner.started.length).toBe(before);
    await t.timers.advance(1);
    expect(t.runner.started.length).toBe(before + 1);
  });
});

describe('start and stop while backing off (serviceForStart, serviceForStop, stop)', () => {
  it('start runs it at once and resets the backoff', async () => {
    const t = setup({});
    await t.start();
    t.runner.current('web').end(1);
    await t.timers.advance(500);
    t.runner.current('web').end(1);
    await flush();
    expect(t.status()).toBe('backoff');
    const change = await t.start();
    expect(change?.status).toBe('Done');
    expect(t.runner.started.length).toBe(3);
    t.runner.current('web').end(1);
    await t.timers.advance(500);
    expect(t.runner.started.length).toBe(4);
  });

  it('stop makes it inactive and no restart follows', async () => {
    const t = setup({});
    await t.start();
    t.runner.current('web').end(1);
    await flush();
    const change = t.manager.act('stop', ['web']);
    await t.manager.idle();
    expect(t.changes.get(change.id)?.status).toBe('Done');
    expect(t.status()).toBe('inactive');
    await t.timers.advance(60_000);
    expect(t.runner.started.length).toBe(1);
    expect(t.log).toContain('Service "web" stopped while waiting for backoff');
  });

  it('stop of a running service ends its process and does not restart it', async () => {
    const t = setup({});
    await t.start();
    const change = t.manager.act('stop', ['web']);
    await t.manager.idle();
    expect(t.changes.get(change.id)?.status).toBe('Done');
    expect(t.runner.current('web').stops).toBe(1);
    expect(t.status()).toBe('inactive');
    await t.timers.advance(60_000);
    expect(t.runner.started.length).toBe(1);
  });

  it('an exit within the okay delay fails the start and still restarts (doStart, exited)', async () => {
    const t = setup({});
    const change = t.manager.act('start', ['web']);
    await t.timers.advance(100);
    t.runner.current('web').end(2);
    await t.manager.idle();
    expect(t.changes.get(change.id)?.err).toContain(
      'service start attempt: exited quickly with code 2, will restart',
    );
    expect(t.status()).toBe('backoff');
    await t.timers.advance(500);
    expect(t.runner.started.length).toBe(2);
    expect(t.status()).toBe('active');
  });
});

describe('on-check-failure (manager.go CheckFailed, handlers.go checkFailed)', () => {
  const check: Check = { override: 'replace', period: '1s', threshold: 2, exec: { command: 'probe' } };

  function withChecks(action: 'restart' | 'ignore', service: Service = {}) {
    const t = setup({ 'on-check-failure': { up: action }, ...service }, { up: check });
    const checks = new CheckStore(t.plan, t.changes);
    checks.onThreshold((name) => t.manager.checkFailed(name));
    let healthy = true;
    const checkRunner = new CheckRunner(
      checks,
      async () => {
        if (!healthy) throw new Error('probe failed');
      },
      t.timers,
    );
    // The plan was loaded before the store listened: start the check as a replan would.
    checks.replan();
    return { ...t, checks, checkRunner, setHealthy: (h: boolean) => (healthy = h) };
  }

  it('restart: the threshold terminates the process; it comes back after the backoff', async () => {
    const t = withChecks('restart');
    await t.start();
    t.setHealthy(false);
    await t.timers.advance(1000);
    expect(t.checks.list(undefined, [])[0]).toMatchObject({ status: 'up', failures: 1 });
    expect(t.runner.current('web').stops).toBe(0);
    await t.timers.advance(1000);
    expect(t.checks.list(undefined, [])[0]).toMatchObject({ status: 'down', failures: 2 });
    expect(t.runner.started[0]?.stops).toBe(1);
    expect(t.status()).toBe('backoff');
    expect(t.log).toContain('Service "web" exited after check failure, restarting');
    await t.timers.advance(500);
    expect(t.runner.started.length).toBe(2);
    expect(t.status()).toBe('active');
    t.setHealthy(true);
    await t.timers.advance(1000);
    // Recovered: a new perform-check with one success and no failures (api_checks.go omits zero failures).
    const info = t.checks.list(undefined, [])[0];
    expect(info).toMatchObject({ status: 'up', successes: 1 });
    expect(info?.failures).toBeUndefined();
    t.checkRunner.close();
  });

  it('restart of an exited service (on-failure: ignore) starts it after the backoff', async () => {
    const t = withChecks('restart', { 'on-failure': 'ignore' });
    await t.start();
    t.runner.current('web').end(1);
    await flush();
    expect(t.status()).toBe('error');
    t.setHealthy(false);
    await t.timers.advance(2000);
    expect(t.status()).toBe('backoff');
    await t.timers.advance(500);
    expect(t.runner.started.length).toBe(2);
    expect(t.status()).toBe('active');
    t.checkRunner.close();
  });

  it('ignore: the service keeps running', async () => {
    const t = withChecks('ignore');
    await t.start();
    t.setHealthy(false);
    await t.timers.advance(5000);
    expect(t.checks.list(undefined, [])[0]?.status).toBe('down');
    expect(t.runner.started.length).toBe(1);
    expect(t.runner.current('web').stops).toBe(0);
    expect(t.status()).toBe('active');
    t.checkRunner.close();
  });
});
