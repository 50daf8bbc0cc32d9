import type { Change, ServiceStatus } from '../api-types.js';
import { parseDuration } from '../duration.js';
import type { Service } from '../layer-types.js';
import type { ChangeStore, TaskSpec } from './change-store.js';
import { now } from './clock.js';
import { badRequest } from './http-io.js';
import type { PlanState } from './plan-state.js';
import { type ServiceExit, type ServiceRunner, STATE_ONLY_RUNNER } from './service-runner.js';
import type { ServiceSnapshot } from './snapshot.js';

interface ServiceState {
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

const canonical = (service: Service | undefined): string =>
  JSON.stringify(service ?? {}, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

function killDelayMs(service: Service | undefined): number {
  try {
    return service?.['kill-delay'] ? parseDuration(service['kill-delay']) * 1000 : DEFAULT_KILL_DELAY_MS;
  } catch {
    return DEFAULT_KILL_DELAY_MS;
  }
}

/**
 * The state a service is in after its process ended on its own. Pebble restarts it (state `backoff`)
 * unless its `on-success`/`on-failure` action is `ignore` (then `inactive`); this server does not
 * restart, so a service Pebble would restart shows `error`. An exit nobody saw counts as a failure.
 */
function stateAfterExit(service: Service | undefined, exit: ServiceExit): ServiceStatus {
  const action = exit.exitCode === 0 ? service?.['on-success'] : service?.['on-failure'];
  return action === 'ignore' ? 'inactive' : 'error';
}

/** Service states and the actions that change them, running processes through a {@link ServiceRunner}. */
export class ServiceManager {
  private readonly states = new Map<string, ServiceState>();
  private readonly startErrors = new Map<string, string>();
  /** Services with a start or stop in flight: their process is not judged meanwhile. */
  private readonly busy = new Set<string>();
  /** Changes run one after the other, as their steps may wait for processes. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly plan: PlanState,
    private readonly changes: ChangeStore,
    private readonly runner: ServiceRunner = STATE_ONLY_RUNNER,
    private readonly okayDelayMs: number = DEFAULT_OKAY_DELAY_MS,
  ) {}

  private state(name: string): ServiceState {
    let state = this.states.get(name);
    if (!state) {
      state = { current: 'inactive', since: now() };
      this.states.set(name, state);
    }
    return state;
  }

  /** Moves services whose process ended by itself out of `active`. */
  private observeExits(): void {
    const services = this.plan.plan().services ?? {};
    for (const [name, state] of this.states) {
      if (state.current !== 'active' || this.busy.has(name)) continue;
      const exit = this.runner.find(name)?.exit();
      if (!exit) continue;
      state.current = stateAfterExit(services[name], exit);
      state.since = now();
    }
  }

  /** Service infos for the plan's services (all when `names` is empty). */
  list(
    names: readonly string[],
  ): { name: string; startup: string; current: ServiceStatus; 'current-since': string }[] {
    this.observeExits();
    const services = this.plan.plan().services ?? {};
    return Object.keys(services)
      .sort()
      .filter((name) => names.length === 0 || names.includes(name))
      .map((name) => {
        const state = this.state(name);
        return {
          name,
          startup: services[name]?.startup ?? '',
          current: state.current,
          'current-since': state.since,
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

  /** Resolves once every change asked for so far has finished. */
  idle(): Promise<void> {
    return this.queue;
  }

  /** Run a `POST /v1/services` action: returns the change at once; its tasks finish as processes do. */
  act(action: string, names: readonly string[]): Change {
    const services = this.plan.plan().services ?? {};
    if (action === 'start' || action === 'stop' || action === 'restart') {
      if (names.length === 0) throw badRequest(`no services to ${action} provided`);
      for (const name of names) {
        if (!(name in services)) throw badRequest(`service ${JSON.stringify(name)} does not exist`);
      }
    }
    const enabled = Object.keys(services).filter((n) => services[n]?.startup === 'enabled');
    const steps: Step[] = [];
    const active = (n: string): boolean => this.isActive(n);
    switch (action) {
      case 'start':
        for (const name of names) if (!active(name)) steps.push({ action: 'start', name });
        break;
      case 'stop':
        for (const name of names) if (active(name)) steps.push({ action: 'stop', name });
        break;
      case 'restart':
        for (const name of names) if (active(name)) steps.push({ action: 'stop', name });
        for (const name of names) steps.push({ action: 'start', name });
        break;
      case 'autostart':
        if (enabled.length === 0) throw badRequest('no default services');
        for (const name of enabled) if (!active(name)) steps.push({ action: 'start', name });
        break;
      case 'replan': {
        // Restart running services whose configuration changed; start enabled ones that are down.
        const changed = Object.keys(services).filter(
          (n) => active(n) && this.state(n).startedWith !== canonical(services[n]),
        );
        const down = enabled.filter((n) => !active(n));
        for (const name of changed) steps.push({ action: 'stop', name });
        for (const name of [...changed, ...down]) steps.push({ action: 'start', name });
        break;
      }
      default:
        throw badRequest(`action ${JSON.stringify(action)} is unsupported`);
    }
    const verb = (s: Step): string => (s.action === 'start' ? 'Start' : 'Stop');
    const tasks: TaskSpec[] = steps.map((s) => ({
      kind: s.action,
      summary: `${verb(s)} service ${JSON.stringify(s.name)}`,
    }));
    const touched = [...new Set(steps.map((s) => s.name))];
    const change = this.changes.create(action, summarise(action, touched), tasks, touched);
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
      this.changes.finishTask(change.id, task.id, outcome === undefined ? {} : { error: outcome });
    }
  }

  /** Starts one service; returns the error text when it failed. */
  private async start(name: string, service: Service | undefined): Promise<string | undefined> {
    const state = this.state(name);
    state.since = now();
    const injected = this.startErrors.get(name);
    if (injected) {
      state.current = 'error';
      return injected;
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
        return `cannot start service: exited quickly with code ${early.exitCode ?? -1}`;
      }
      state.startedWith = canonical(service);
      return undefined;
    } catch (error) {
      state.current = 'error';
      state.since = now();
      return `cannot start service: ${(error as Error).message}`;
    } finally {
      this.busy.delete(name);
    }
  }

  /** Stops one service (and its process, if it has one); returns the error text when it failed. */
  private async stop(name: string, service: Service | undefined): Promise<string | undefined> {
    const state = this.state(name);
    if (state.current !== 'active') return undefined;
    this.busy.add(name);
    try {
      await this.runner.find(name)?.stop(killDelayMs(service));
      state.current = 'inactive';
      state.since = now();
      return undefined;
    } catch (error) {
      return `cannot stop service: ${(error as Error).message}`;
    } finally {
      this.busy.delete(name);
    }
  }
}

function summarise(action: string, names: string[]): string {
  const verb = action.charAt(0).toUpperCase() + action.slice(1);
  if (names.length === 0) return `${verb} - no services`;
  return `${verb} service ${names.map((n) => JSON.stringify(n)).join(' and ')}`;
}
