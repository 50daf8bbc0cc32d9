import type { Change, ServiceStatus } from '../api-types.js';
import type { Service } from '../layer-types.js';
import type { ChangeStore, TaskSpec } from './change-store.js';
import { now } from './clock.js';
import { badRequest } from './http-io.js';
import type { PlanState } from './plan-state.js';
import type { ServiceSnapshot } from './snapshot.js';

interface ServiceState {
  current: ServiceStatus;
  since: string;
  /** Configuration the service was started with, to detect changes on replan. */
  startedWith?: string;
}

type Step = { action: 'start' | 'stop'; name: string };

const canonical = (service: Service | undefined): string =>
  JSON.stringify(service ?? {}, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/** Service states and the actions that change them (no real processes are run). */
export class ServiceManager {
  private readonly states = new Map<string, ServiceState>();
  private readonly startErrors = new Map<string, string>();

  constructor(
    private readonly plan: PlanState,
    private readonly changes: ChangeStore,
  ) {}

  private state(name: string): ServiceState {
    let state = this.states.get(name);
    if (!state) {
      state = { current: 'inactive', since: now() };
      this.states.set(name, state);
    }
    return state;
  }

  /** Service infos for the plan's services (all when `names` is empty). */
  list(
    names: readonly string[],
  ): { name: string; startup: string; current: ServiceStatus; 'current-since': string }[] {
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
    return this.states.get(name)?.current === 'active';
  }

  /** Run a `POST /v1/services` action; returns the (already finished) change. */
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
    return this.run(action, steps, services);
  }

  private run(action: string, steps: Step[], services: Record<string, Service>): Change {
    const verb = (s: Step): string => (s.action === 'start' ? 'Start' : 'Stop');
    const tasks: TaskSpec[] = steps.map((s) => ({
      kind: s.action,
      summary: `${verb(s)} service ${JSON.stringify(s.name)}`,
    }));
    const touched = [...new Set(steps.map((s) => s.name))];
    const summary = summarise(action, touched);
    const change = this.changes.create(action, summary, tasks, touched);
    steps.forEach((step, i) => {
      const task = change.tasks[i];
      if (!task) return;
      const state = this.state(step.name);
      state.since = now();
      if (step.action === 'stop') {
        state.current = 'inactive';
        this.changes.finishTask(change.id, task.id);
        return;
      }
      const error = this.startErrors.get(step.name);
      if (error) {
        state.current = 'error';
        this.changes.finishTask(change.id, task.id, { error });
        return;
      }
      state.current = 'active';
      state.startedWith = canonical(services[step.name]);
      this.changes.finishTask(change.id, task.id);
    });
    return change;
  }
}

function summarise(action: string, names: string[]): string {
  const verb = action.charAt(0).toUpperCase() + action.slice(1);
  if (names.length === 0) return `${verb} - no services`;
  return `${verb} service ${names.map((n) => JSON.stringify(n)).join(' and ')}`;
}
