/**
 * A service manager that supervises its processes as Pebble's does (canonical/pebble
 * internals/overlord/servstate/handlers.go): a process that exits is restarted after a backoff unless
 * its on-success/on-failure action says otherwise, a check at its failure threshold restarts the
 * services whose `on-check-failure` names it, and the backoff resets once a service has run for its
 * backoff-limit. Used when the server lives as long as its workloads (the simulator's real mode).
 */
import type { ServiceStatus } from '../api-types.js';
import type { Service, ServiceAction } from '../layer-types.js';
import { backoffConfig, exitAction, jitterMs, nextBackoffMs } from './backoff.js';
import type { ChangeStore, TaskOutcome } from './change-store.js';
import { now } from './clock.js';
import type { PlanState } from './plan-state.js';
import { canonical, killDelayMs, ServiceManager } from './service-manager.js';
import type { ServiceExit, ServiceProcess, ServiceRunner } from './service-runner.js';
import type { TimerHandle, Timers } from './timers.js';

/** handlers.go serviceState. */
type Phase = 'starting' | 'running' | 'terminating' | 'stopped' | 'backoff' | 'exited';

interface Supervised {
  phase: Phase;
  /** The configuration it was last started with (handlers.go keeps service.config). */
  config: Service;
  proc: ServiceProcess | undefined;
  backoffNum: number;
  backoffMs: number;
  /** Set when a check failure terminates it: its exit leads to a restart, not to `stopped`. */
  restarting: boolean;
  resetTimer?: TimerHandle;
  backoffTimer?: TimerHandle;
  /** Wakes a start task waiting out the okay delay when the process exits first. */
  onStartExit?: (exit: ServiceExit) => void;
  /** Wakes a stop task once the process is gone. */
  onStopped?: () => void;
}

/** manager.go stateToStatus. */
function statusOf(phase: Phase): ServiceStatus {
  if (phase === 'starting' || phase === 'running') return 'active';
  if (phase === 'backoff') return 'backoff';
  if (phase === 'exited') return 'error';
  return 'inactive';
}

/** Go's ExitCode(): -1 for a process killed by a signal (or whose end was not seen). */
const exitCode = (exit: ServiceExit): number => exit.exitCode ?? -1;

/** Service states driven by their processes, with Pebble's restarts and backoff. */
export class SupervisingServiceManager extends ServiceManager {
  private readonly supervised = new Map<string, Supervised>();

  constructor(
    plan: PlanState,
    changes: ChangeStore,
    runner: ServiceRunner,
    okayDelayMs: number,
    private readonly timers: Timers,
    /** Where the manager's notices go (Pebble's logger.Noticef lines). */
    private readonly log: (line: string) => void = () => {},
  ) {
    super(plan, changes, runner, okayDelayMs);
  }

  // Exits are pushed by the processes, never polled.
  protected override observeExits(): void {}

  /** handlers.go transitionRestarting: current-since moves only when the reported status changes. */
  private transition(name: string, sup: Supervised, phase: Phase, restarting = false): void {
    const state = this.state(name);
    const status = statusOf(phase);
    if (state.current !== status) state.since = now();
    state.current = status;
    sup.phase = phase;
    sup.restarting = restarting;
  }

  /** startInternal: runs the process, arms the backoff reset, and follows its exit. */
  private async spawn(name: string, sup: Supervised): Promise<void> {
    const proc = await this.runner.start(name, sup.config);
    sup.proc = proc;
    this.timers.clearTimeout(sup.resetTimer);
    sup.resetTimer = this.timers.setTimeout(() => {
      // backoffResetElapsed: only a service still running has earned a fresh backoff.
      if (sup.phase === 'running' && sup.proc === proc) {
        sup.backoffNum = 0;
        sup.backoffMs = 0;
      }
    }, backoffConfig(sup.config).limitMs);
    proc?.onExit?.((exit) => this.exited(name, sup, proc, exit));
  }

  protected override async start(name: string, service: Service | undefined): Promise<TaskOutcome> {
    const config = service ?? {};
    let sup = this.supervised.get(name);
    const state = this.state(name);
    state.startedWith = canonical(service);
    // serviceForStart: the configuration is refreshed from the plan on every start.
    if (sup) sup.config = config;
    if (sup && (sup.phase === 'starting' || sup.phase === 'running'))
      return { log: [`Service ${JSON.stringify(name)} already started.`] };
    if (sup?.phase === 'terminating') return { error: 'cannot start service while terminating' };
    if (!sup) {
      sup = { phase: 'stopped', config, proc: undefined, backoffNum: 0, backoffMs: 0, restarting: false };
      this.supervised.set(name, sup);
    }
    // Starting a backing-off, stopped or exited service resets its backoff.
    sup.backoffNum = 0;
    sup.backoffMs = 0;
    this.timers.clearTimeout(sup.backoffTimer);
    state.since = now();
    try {
      await this.spawn(name, sup);
    } catch (error) {
      // handlers.go start: a process that cannot be started leaves the service stopped. startInternal
      // wraps a failed start in "cannot start service: "; a command that does not parse is reported as is.
      this.transition(name, sup, 'stopped');
      const message = (error as Error).message;
      return {
        error: message.startsWith('cannot parse service') ? message : `cannot start service: ${message}`,
      };
    }
    this.transition(name, sup, 'starting');
    if (!sup.proc) {
      this.transition(name, sup, 'running');
      return {};
    }
    const current = sup;
    // doStart: the okay delay, or the process's early exit, whichever comes first.
    const early = await new Promise<ServiceExit | undefined>((resolve) => {
      const timer = this.timers.setTimeout(() => resolve(undefined), this.okayDelayMs);
      current.onStartExit = (exit) => {
        this.timers.clearTimeout(timer);
        resolve(exit);
      };
    });
    current.onStartExit = undefined;
    if (early) {
      const { action } = exitAction(current.config, exitCode(early) === 0);
      return {
        error: `service start attempt: exited quickly with code ${exitCode(early)}, will ${action}`,
      };
    }
    // okayWaitElapsed.
    if (current.phase === 'starting') this.transition(name, current, 'running');
    return {};
  }

  protected override async stop(name: string, service: Service | undefined): Promise<TaskOutcome> {
    const sup = this.supervised.get(name);
    const q = JSON.stringify(name);
    // serviceForStop.
    if (!sup) return { log: [`Service ${q} has never been started.`] };
    if (sup.phase === 'terminating') return { log: [`Service ${q} already stopping.`] };
    if (sup.phase === 'stopped') return { log: [`Service ${q} already stopped.`] };
    if (sup.phase === 'exited') {
      this.transition(name, sup, 'stopped');
      return { log: [`Service ${q} had already exited.`] };
    }
    if (sup.phase === 'backoff') {
      this.log(`Service ${q} stopped while waiting for backoff`);
      this.timers.clearTimeout(sup.backoffTimer);
      this.transition(name, sup, 'stopped');
      return {};
    }
    const proc = sup.proc;
    this.transition(name, sup, 'terminating');
    if (!proc) {
      this.transition(name, sup, 'stopped');
      return {};
    }
    const gone = new Promise<void>((resolve) => {
      sup.onStopped = resolve;
    });
    try {
      await proc.stop(killDelayMs(service ?? sup.config));
    } catch (error) {
      this.transition(name, sup, 'stopped');
      return { error: `cannot stop service: ${(error as Error).message}` };
    }
    // A process whose runner reports no exit is gone once stop resolves.
    if (!proc.onExit) this.exited(name, sup, proc, { exitCode: null, signal: 'SIGTERM' });
    await gone;
    return {};
  }

  /** handlers.go exited: what the service's action says to do once its process ended. */
  private exited(name: string, sup: Supervised, proc: ServiceProcess, exit: ServiceExit): void {
    if (sup.proc !== proc) return;
    this.timers.clearTimeout(sup.resetTimer);
    const q = JSON.stringify(name);
    const code = exitCode(exit);
    if (sup.phase === 'terminating') {
      if (sup.restarting) {
        this.log(`Service ${q} exited after check failure, restarting`);
        this.backoff(name, sup, 'restart', 'on-check-failure');
      } else {
        this.log(`Service ${q} stopped`);
        this.transition(name, sup, 'stopped');
        sup.onStopped?.();
        sup.onStopped = undefined;
      }
      return;
    }
    if (sup.phase !== 'starting' && sup.phase !== 'running') return;
    sup.onStartExit?.(exit);
    this.log(`Service ${q} stopped unexpectedly with code ${code}`);
    const { action, onType } = exitAction(sup.config, code === 0);
    if (action === 'restart') {
      this.backoff(name, sup, action, onType);
      return;
    }
    if (action === 'ignore') {
      this.log(`Service ${q} ${onType} action is "ignore", not doing anything further`);
      this.transition(name, sup, code === 0 ? 'stopped' : 'exited');
      return;
    }
    // shutdown, success-shutdown, failure-shutdown: Pebble would exit; this server cannot end its host.
    this.log(
      `Service ${q} ${onType} action is ${JSON.stringify(action)}: not supported here, service left exited`,
    );
    this.transition(name, sup, 'exited');
  }

  /** handlers.go doBackoff and backoffTimeElapsed: wait, then run the process again. */
  private backoff(name: string, sup: Supervised, action: ServiceAction, onType: string): void {
    sup.backoffNum++;
    sup.backoffMs = nextBackoffMs(sup.config, sup.backoffMs);
    this.log(
      `Service ${JSON.stringify(name)} ${onType} action is ${JSON.stringify(action)}, waiting ~${sup.backoffMs}ms before restart (backoff ${sup.backoffNum})`,
    );
    this.transition(name, sup, 'backoff');
    this.timers.clearTimeout(sup.backoffTimer);
    sup.backoffTimer = this.timers.setTimeout(
      () => {
        if (sup.phase !== 'backoff') return;
        this.spawn(name, sup).then(
          () => {
            if (sup.phase === 'backoff') this.transition(name, sup, 'running');
          },
          // Pebble logs the error and leaves the service in backoff.
          (error: Error) => this.log(`Cannot restart service ${JSON.stringify(name)}: ${error.message}`),
        );
      },
      sup.backoffMs + jitterMs(sup.backoffMs, () => this.timers.random()),
    );
  }

  /** manager.go CheckFailed and handlers.go checkFailed: act on the services that name the check. */
  override checkFailed(check: string): void {
    for (const [name, sup] of this.supervised) {
      const action = sup.config['on-check-failure']?.[check];
      if (!action || !['running', 'backoff', 'exited'].includes(sup.phase)) continue;
      const q = JSON.stringify(name);
      if (action === 'ignore') continue;
      if (action !== 'restart') {
        this.log(`Service ${q} on-check-failure action is ${JSON.stringify(action)}: not supported here`);
        continue;
      }
      if (sup.phase === 'backoff') {
        this.log(`Service ${q} on-check-failure action is "restart", waiting for current backoff`);
      } else if (sup.phase === 'exited' || !sup.proc) {
        this.backoff(name, sup, action, 'on-check-failure');
      } else {
        this.log(`Service ${q} on-check-failure action is "restart", terminating process before restarting`);
        const proc = sup.proc;
        this.transition(name, sup, 'terminating', true);
        proc.stop(killDelayMs(sup.config)).then(
          () => {
            if (!proc.onExit) this.exited(name, sup, proc, { exitCode: null, signal: 'SIGTERM' });
          },
          (error: Error) => this.log(`Cannot stop service ${q}: ${error.message}`),
        );
      }
    }
  }

  override isActive(name: string): boolean {
    const phase = this.supervised.get(name)?.phase;
    return phase === 'starting' || phase === 'running';
  }

  override deliverSignal(name: string, signal: string): void {
    if (this.isActive(name)) this.supervised.get(name)?.proc?.signal?.(signal);
  }

  /** Cancels restarts and stops every process (the daemon is going away). */
  override async shutdown(): Promise<void> {
    await this.idle();
    const stops: Promise<void>[] = [];
    for (const sup of this.supervised.values()) {
      this.timers.clearTimeout(sup.backoffTimer);
      this.timers.clearTimeout(sup.resetTimer);
      const proc = sup.proc;
      const live = sup.phase === 'starting' || sup.phase === 'running' || sup.phase === 'terminating';
      sup.phase = 'stopped';
      if (proc && live) stops.push(proc.stop(killDelayMs(sup.config)).catch(() => {}));
    }
    await Promise.all(stops);
  }
}
