import type { Change, ServiceStatus } from '../api-types.js';
import { parseDuration } from '../duration.js';
import type { Service } from '../layer-types.js';
import type { ChangeStore, TaskOutcome, TaskSpec } from './change-store.js';
import { now } from './clock.js';
import { badRequest, HttpError } from './http-io.js';
import type { PlanState } from './plan-state.js';
import { type ServiceExit, type ServiceRunner, STATE_ONLY_RUNNER } from './service-runner.js';
import type { ServiceSnapshot } from './snapshot.js';

/** What the manager keeps per service. */
export interface ServiceState {
  current: ServiceStatus;
  since: string;
  /** Configuration the service was started with, to detect changes on replan. */
  startedWith?: string;
}

type Step = { action: 'start' | 'stop'; name: string };

/** Pebble's `okayDelay`: a service that exits sooner after its start has failed to start. */
export const DEFAULT_OKAY_DELAY_MS = 1000;
/** Pebble's default `kill-delay`: SIGKILL follows SIGTERM after this long. */
const DEFAULT_KILL_DELAY_MS = 5000;

/** A service's configuration as a stable string, to tell whether a new plan changed it. */
export const canonical = (service: Service | undefined): string =>
  JSON.stringify(service ?? {}, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** The service's `kill-delay` in milliseconds, else Pebble's default (handlers.go killDelayDefault). */
export function killDelayMs(service: Service | undefined): number {
  try {
    return service?.['kill-delay'] ? parseDuration(service['kill-delay']) * 1000 : DEFAULT_KILL_DELAY_MS;
  } catch {
    return DEFAULT_KILL_DELAY_MS;
  }
}

/**
 * The state a service is in after its process ended on its own. Pebble restarts it (state `backoff`)
 * unless its `on-success`/`on-failure` action is `ignore` (then `inactive`); without supervision
 * (see SupervisingServiceManager) nothing restarts it, so a service Pebble would restart shows `error`. An exit nobody saw counts as a failure.
 */
function stateAfterExit(service: Service | undefined, exit: ServiceExit): ServiceStatus {
  const action = exit.exitCode === 0 ? service?.['on-success'] : service?.['on-failure'];
  return action === 'ignore' ? 'inactive' : 'error';
}

/** Service states and the actions that change them, running processes through a {@link ServiceRunner}. */
export class ServiceManager {
  protected readonly states = new Map<string, ServiceState>();
  private readonly startErrors = new Map<string, string>();
  /** Services with a start or stop in flight: their process is not judged meanwhile. */
  private readonly busy = new Set<string>();
  /** Changes run one after the other, as their steps may wait for processes. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    protected readonly plan: PlanState,
    protected readonly changes: ChangeStore,
    protected readonly runner: ServiceRunner = STATE_ONLY_RUNNER,
    protected readonly okayDelayMs: number = DEFAULT_OKAY_DELAY_MS,
  ) {}

  protected state(name: string): ServiceState {
    let state = this.states.get(name);
    if (!state) {
      state = { current: 'inactive', since: now() };
      this.states.set(name, state);
    }
    return state;
  }

  /** Moves services whose process ended by itself out of `active`. */
  protected observeExits(): void {
    const services = this.plan.plan().services ?? {};
    for (const [name, state] of this.states) {
      if (state.current !== 'active' || this.busy.has(name)) continue;
      const exit = this.runner.find(name)?.exit();
      if (!exit) continue;
      state.current = stateAfterExit(services[name], exit);
      state.since = now();
    }
  }

  /**
   * Service infos for the plan's services (all when `names` is empty). As servstate's Services():
   * `startup` is `disabled` unless set to `enabled`; a service that never ran has no `current-since`.
   */
  list(
    names: readonly string[],
  ): { name: string; startup: string; current: ServiceStatus; 'current-since'?: string }[] {
    this.observeExits();
    const services = this.plan.plan().services ?? {};
    return Object.keys(services)
      .sort()
      .filter((name) => names.length === 0 || names.includes(name))
      .map((name) => {
        const state = this.states.get(name);
        return {
          name,
          startup: services[name]?.startup === 'enabled' ? 'enabled' : 'disabled',
          current: state?.current ?? 'inactive',
          ...(state ? { 'current-since': state.since } : {}),
        };
      });
  }

  /** Saved state of every service that has one. */
  snapshot(): Record<string, ServiceSnapshot> {
    this.observeExits();
    return Object.fromEntries([...this.states].map(([name, state]) => [name, { ...state }]));
  }

  /** Replace service states with saved ones. */
  restore(saved: Readonly<Record<string, ServiceSnapshot>>): void {
    this.states.clear();
    for (const [name, state] of Object.entries(saved)) this.states.set(name, { ...state });
  }

  /** Current status of every service in the plan. */
  statuses(): Record<string, ServiceStatus> {
    return Object.fromEntries(this.list([]).map((s) => [s.name, s.current]));
  }

  /** Make future starts of `name` fail with `message` (null clears it). */
  setStartError(name: string, message: string | null): void {
    if (message === null) this.startErrors.delete(name);
    else this.startErrors.set(name, message);
  }

  /** Whether a service exists and is running. */
  isActive(name: string): boolean {
    this.observeExits();
    return this.states.get(name)?.current === 'active';
  }

  /** Delivers a signal to a running service's process, when its runner can (`POST /v1/signals`). */
  deliverSignal(name: string, signal: string): void {
    this.runner.find(name)?.signal?.(signal);
  }

  /** A check reached its failure threshold (servstate CheckFailed); only a supervising manager acts. */
  checkFailed(_check: string): void {}

  /** Stops timers and service processes (a supervising manager's shutdown); a no-op here. */
  async shutdown(): Promise<void> {}

  /** Resolves once every change asked for so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /**
   * Run a `POST /v1/services` action: returns the change at once; its tasks finish as processes do.
   * Validation, texts, tasks and summaries follow internals/daemon/api_services.go v1PostServices.
   */
  act(action: string, names: readonly string[]): Change {
    const services = this.plan.plan().services ?? {};
    let requested = [...names];
    const enabled = Object.keys(services)
      .sort()
      .filter((n) => services[n]?.startup === 'enabled');
    if (action === 'replan' || action === 'autostart') {
      if (requested.length > 0) throw badRequest(`${action} accepts no service names`);
      if (action === 'autostart') {
        if (enabled.length === 0) throw new HttpError(400, 'no default services', 'no-default-services');
        requested = enabled;
      }
    } else if (requested.length === 0) {
      throw badRequest(`must specify services for ${action} action`);
    }
    const exists = (list: readonly string[]): void => {
      const missing = list.find((n) => !(n in services));
      if (missing !== undefined)
        throw badRequest(`cannot ${action} services: service ${JSON.stringify(missing)} does not exist`);
    };
    const unique = (list: readonly string[]): string[] => [...new Set(list)];
    const steps: Step[] = [];
    let counted: string[] = [];
    switch (action) {
      case 'start':
      case 'autostart':
        exists(requested);
        // Already running services still get a start task (it logs "already started").
        for (const name of unique(requested)) steps.push({ action: 'start', name });
        counted = unique(requested);
        break;
      case 'stop':
        exists(requested);
        for (const name of unique(requested)) steps.push({ action: 'stop', name });
        counted = unique(requested);
        break;
      case 'restart':
        exists(requested);
        // Stop every named service (running or not), then start them all.
        for (const name of unique(requested)) steps.push({ action: 'stop', name });
        for (const name of unique(requested)) steps.push({ action: 'start', name });
        counted = unique(requested);
        break;
      case 'replan': {
        // servstate Replan(): services that ever ran and whose configuration changed are stopped and
        // started; every `startup: enabled` service gets a start task too.
        this.observeExits();
        const changed = [...this.states.keys()]
          .sort()
          .filter((n) => this.states.get(n)?.startedWith !== canonical(services[n]));
        const stop = changed.filter((n) => n in services);
        const start = unique([...stop, ...enabled]).sort();
        for (const name of stop) steps.push({ action: 'stop', name });
        for (const name of start) steps.push({ action: 'start', name });
        requested = unique([...stop, ...start]).sort();
        counted = requested;
        break;
      }
      default:
        throw badRequest(`invalid action ${JSON.stringify(action)}`);
    }
    const verb = (s: Step): string => (s.action === 'start' ? 'Start' : 'Stop');
    const tasks: TaskSpec[] = steps.map((s) => ({
      kind: s.action,
      summary: `${verb(s)} service ${JSON.stringify(s.name)}`,
    }));
    const title = action.charAt(0).toUpperCase() + action.slice(1);
    const summary =
      steps.length === 0
        ? `${title} - no services`
        : counted.length === 1
          ? `${title} service ${JSON.stringify(requested[0])}`
          : `${title} service ${JSON.stringify(requested[0])} and ${counted.length - 1} more`;
    const change = this.changes.create(action, summary, tasks, unique(steps.map((s) => s.name)));
    this.queue = this.queue.then(() => this.run(change, steps, services));
    return change;
  }

  private async run(
    change: Change,
    steps: readonly Step[],
    services: Record<string, Service>,
  ): Promise<void> {
    for (const [i, step] of steps.entries()) {
      const task = change.tasks[i];
      if (!task) continue;
      const outcome =
        step.action === 'start'
          ? await this.start(step.name, services[step.name])
          : await this.stop(step.name, services[step.name]);
      this.changes.finishTask(change.id, task.id, outcome);
    }
  }

  /** Starts one service (servstate doStart/serviceForStart); the outcome carries the error or log. */
  protected async start(name: string, service: Service | undefined): Promise<TaskOutcome> {
    this.observeExits();
    const existing = this.states.get(name);
    if (existing?.current === 'active') {
      existing.startedWith = canonical(service);
      return { log: [`Service ${JSON.stringify(name)} already started.`] };
    }
    const state = this.state(name);
    state.since = now();
    state.startedWith = canonical(service);
    const injected = this.startErrors.get(name);
    if (injected) {
      state.current = 'error';
      return { error: injected };
    }
    // Pebble reports a starting service as active.
    state.current = 'active';
    this.busy.add(name);
    try {
      const proc = await this.runner.start(name, service ?? {});
      const early = proc ? await proc.waitExit(this.okayDelayMs) : undefined;
      if (early) {
        state.current = 'error';
        state.since = now();
        // Go's ExitCode() is -1 for a process killed by a signal.
        return { error: `cannot start service: exited quickly with code ${early.exitCode ?? -1}` };
      }
      return {};
    } catch (error) {
      state.current = 'error';
      state.since = now();
      return { error: `cannot start service: ${(error as Error).message}` };
    } finally {
      this.busy.delete(name);
    }
  }

  /** Stops one service (servstate doStop/serviceForStop); the outcome carries the error or log. */
  protected async stop(name: string, service: Service | undefined): Promise<TaskOutcome> {
    this.observeExits();
    const state = this.states.get(name);
    const q = JSON.stringify(name);
    if (!state) return { log: [`Service ${q} has never been started.`] };
    if (state.current === 'inactive') return { log: [`Service ${q} already stopped.`] };
    if (state.current === 'error') {
      // An exited service moves to stopped.
      state.current = 'inactive';
      state.since = now();
      return { log: [`Service ${q} had already exited.`] };
    }
    this.busy.add(name);
    try {
      await this.runner.find(name)?.stop(killDelayMs(service));
      state.current = 'inactive';
      state.since = now();
      return {};
    } catch (error) {
      return { error: `cannot stop service: ${(error as Error).message}` };
    } finally {
      this.busy.delete(name);
    }
  }
}
