import type { CheckInfo, CheckStatus } from '../api-types.js';
import { badRequest } from './http-io.js';
import type { PlanState } from './plan-state.js';

interface CheckState {
  status: CheckStatus;
  failures: number;
  successes: number;
}

/** Check states for the plan's checks; the host sets up/down, the API starts and stops them. */
export class CheckStore {
  private readonly states = new Map<string, CheckState>();

  constructor(private readonly plan: PlanState) {}

  private state(name: string): CheckState {
    let state = this.states.get(name);
    if (!state) {
      const startup = this.plan.plan().checks?.[name]?.startup;
      state = { status: startup === 'disabled' ? 'inactive' : 'up', failures: 0, successes: 0 };
      this.states.set(name, state);
    }
    return state;
  }

  /** Check infos, filtered by level and names. */
  list(level: string | undefined, names: readonly string[]): CheckInfo[] {
    const checks = this.plan.plan().checks ?? {};
    return Object.keys(checks)
      .sort()
      .filter((name) => names.length === 0 || names.includes(name))
      .filter((name) => !level || checks[name]?.level === level)
      .map((name) => {
        const check = checks[name] ?? {};
        const state = this.state(name);
        return {
          name,
          level: check.level ?? '',
          startup: check.startup ?? '',
          status: state.status,
          successes: state.successes,
          failures: state.failures,
          threshold: check.threshold ?? 3,
        };
      });
  }

  /** Set a check's status from the host side (`down` defaults failures to the threshold). */
  set(name: string, status: CheckStatus, failures?: number): void {
    const check = this.plan.plan().checks?.[name];
    if (!check) throw new Error(`check ${JSON.stringify(name)} is not in the plan`);
    const state = this.state(name);
    state.status = status;
    state.failures = failures ?? (status === 'down' ? (check.threshold ?? 3) : 0);
    if (status === 'up') state.successes += 1;
  }

  /** Start or stop checks; returns the names whose state changed. */
  act(action: string, names: readonly string[]): string[] {
    if (action !== 'start' && action !== 'stop') throw badRequest(`invalid action ${JSON.stringify(action)}`);
    if (names.length === 0) throw badRequest('must specify checks');
    const checks = this.plan.plan().checks ?? {};
    const missing = names.filter((n) => !(n in checks));
    if (missing.length > 0) throw badRequest(`cannot find checks: ${missing.join(', ')}`);
    const changed: string[] = [];
    for (const name of names) {
      const state = this.state(name);
      if (action === 'start' && state.status === 'inactive') {
        state.status = 'up';
        state.failures = 0;
        changed.push(name);
      } else if (action === 'stop' && state.status !== 'inactive') {
        state.status = 'inactive';
        changed.push(name);
      }
    }
    return changed;
  }

  /** Whether every (filtered) running check is up. */
  healthy(level: string | undefined, names: readonly string[]): boolean {
    return this.list(level, names).every((c) => c.status !== 'down');
  }
}
