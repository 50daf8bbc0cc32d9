import type { CheckInfo, CheckStatus } from '../api-types.js';
import type { Check } from '../layer-types.js';
import type { ChangeStore } from './change-store.js';
import { badRequest } from './http-io.js';
import type { PlanState } from './plan-state.js';

/** internals/plan/plan.go defaultCheckThreshold, filled into the combined plan. */
export const DEFAULT_CHECK_THRESHOLD = 3;

interface CheckData {
  status: CheckStatus;
  successes: number;
  failures: number;
  /** The running perform-check or recover-check change ('' when the check is stopped). */
  changeId: string;
  prevChangeId: string;
  /** The configuration the running change was made for, to see whether a new plan modifies it. */
  config: string;
}

const enabled = (check: Check | undefined): boolean => check?.startup !== 'disabled';
const threshold = (check: Check | undefined): number => check?.threshold || DEFAULT_CHECK_THRESHOLD;

function kindLabel(check: Check): string {
  if (check.http) return 'HTTP';
  if (check.tcp) return 'TCP';
  if (check.exec) return 'exec';
  return '<unknown>';
}

/**
 * Check states, as checkstate's CheckManager keeps them: every running check is a `perform-check`
 * change (a `recover-check` change once it is down), listed in /v1/changes, with its id as the check's
 * `change-id`. The host sets checks up or down; the API starts and stops them.
 */
export class CheckStore {
  private readonly data = new Map<string, CheckData>();
  /** Bumped each time a check starts or stops, so a runner's loop for an older run ends. */
  private readonly generations = new Map<string, number>();
  private readonly startListeners: ((name: string, check: Check, generation: number) => void)[] = [];
  private readonly thresholdListeners: ((name: string) => void)[] = [];

  constructor(
    private readonly plan: PlanState,
    private readonly changes: ChangeStore,
  ) {
    plan.onChange(() => this.planChanged());
  }

  private checks(): Record<string, Check> {
    return this.plan.plan().checks ?? {};
  }

  private running(name: string): boolean {
    const id = this.data.get(name)?.changeId;
    return Boolean(id && !this.changes.get(id)?.ready);
  }

  // A change with the single task Pebble gives it; stopping (aborting) it leaves the task Done, as the
  // task runner does for an aborted task without an undo handler.
  private newChange(kind: 'perform-check' | 'recover-check', name: string, check: Check): string {
    const verb = kind === 'perform-check' ? 'Perform' : 'Recover';
    const summary = `${verb} ${kindLabel(check)} check ${JSON.stringify(name)}`;
    const change = this.changes.create(kind, summary, [{ kind, summary }]);
    this.changes.onAbort(change.id, () => {
      const task = change.tasks[0];
      if (task) this.changes.finishTask(change.id, task.id);
      return true;
    });
    return change.id;
  }

  private finish(changeId: string, error?: string): void {
    const task = this.changes.get(changeId)?.tasks[0];
    if (task) this.changes.finishTask(changeId, task.id, error ? { error } : {});
  }

  private bump(name: string): number {
    const next = (this.generations.get(name) ?? 0) + 1;
    this.generations.set(name, next);
    return next;
  }

  /** Calls `listener` whenever a check starts running (a check runner schedules its probes). */
  onStart(listener: (name: string, check: Check, generation: number) => void): void {
    this.startListeners.push(listener);
  }

  /** Calls `listener` when a check hits its failure threshold (checkstate callFailureHandlers). */
  onThreshold(listener: (name: string) => void): void {
    this.thresholdListeners.push(listener);
  }

  /** Whether `generation` is still the check's current run. */
  isCurrent(name: string, generation: number): boolean {
    return this.generations.get(name) === generation && this.running(name);
  }

  private startCheck(name: string, check: Check, successes = 0, failures = 0, prev = ''): void {
    const generation = this.bump(name);
    this.data.set(name, {
      status: failures >= threshold(check) ? 'down' : 'up',
      successes,
      failures,
      changeId: this.newChange('perform-check', name, check),
      prevChangeId: prev,
      config: JSON.stringify(check),
    });
    for (const listener of this.startListeners) listener(name, check, generation);
  }

  private stopCheck(name: string): boolean {
    const data = this.data.get(name);
    if (!data?.changeId) return false;
    this.bump(name);
    if (!this.changes.get(data.changeId)?.ready) this.changes.abort(data.changeId);
    data.changeId = '';
    data.status = 'inactive';
    return true;
  }

  // CheckManager.PlanChanged: keep unchanged running checks, restart modified ones, start new enabled ones.
  private planChanged(): void {
    const checks = this.checks();
    for (const [name, data] of this.data) {
      const check = checks[name];
      if (!check) {
        this.stopCheck(name);
        this.data.delete(name);
        continue;
      }
      if (!this.running(name)) continue;
      // A check switched to `startup: disabled` keeps running until stopped.
      if (data.config === JSON.stringify(check) || !enabled(check)) continue;
      this.stopCheck(name);
      this.startCheck(name, check);
    }
    for (const [name, check] of Object.entries(checks)) {
      if (this.data.has(name)) continue;
      if (enabled(check)) this.startCheck(name, check);
      else
        this.data.set(name, {
          status: 'inactive',
          successes: 0,
          failures: 0,
          changeId: '',
          prevChangeId: '',
          config: JSON.stringify(check),
        });
    }
  }

  /** Check infos (checkInfoFromInternal in api_checks.go), filtered by level and names. */
  list(level: string | undefined, names: readonly string[]): CheckInfo[] {
    const checks = this.checks();
    return Object.keys(checks)
      .sort()
      .filter((name) => names.length === 0 || names.includes(name))
      .filter((name) => !level || checks[name]?.level === level)
      .map((name) => {
        const check = checks[name] ?? {};
        const data = this.data.get(name);
        const info: Record<string, unknown> = { name };
        if (check.level) info.level = check.level;
        info.startup = enabled(check) ? 'enabled' : 'disabled';
        info.status = data?.status ?? 'inactive';
        info.successes = data?.successes ?? 0;
        if (data?.failures) info.failures = data.failures;
        info.threshold = threshold(check);
        if (data?.changeId) info['change-id'] = data.changeId;
        if (data?.prevChangeId) info['prev-change-id'] = data.prevChangeId;
        return info as unknown as CheckInfo;
      });
  }

  /**
   * Set a check's status from the host side, moving it through Pebble's changes: `down` ends the
   * perform-check change in error and starts a recover-check one; `up` after that ends the recovery and
   * starts a new perform-check; `inactive` stops it. `failures` defaults to the threshold when down.
   */
  set(name: string, status: CheckStatus, failures?: number): void {
    const check = this.checks()[name];
    if (!check) throw new Error(`check ${JSON.stringify(name)} is not in the plan`);
    const data = this.data.get(name);
    if (status === 'inactive') {
      this.stopCheck(name);
      return;
    }
    const kind = data?.changeId ? this.changes.get(data.changeId)?.kind : undefined;
    if (!data || !this.running(name)) this.startCheck(name, check, data?.successes ?? 0);
    const current = this.data.get(name) as CheckData;
    if (status === 'down') {
      current.failures = failures ?? threshold(check);
      if (kind !== 'recover-check' && this.changes.get(current.changeId)?.kind === 'perform-check') {
        const prev = current.changeId;
        this.finish(prev, `check failed ${current.failures} time(s)`);
        current.prevChangeId = prev;
        current.changeId = this.newChange('recover-check', name, check);
      }
      current.status = 'down';
      return;
    }
    current.failures = failures ?? 0;
    current.status = 'up';
    if (this.changes.get(current.changeId)?.kind === 'recover-check') {
      const prev = current.changeId;
      this.finish(prev);
      current.prevChangeId = prev;
      current.changeId = this.newChange('perform-check', name, check);
      current.successes = 1;
    } else {
      current.successes += 1;
    }
  }

  /**
   * The outcome of one real probe (`error` undefined on success), moving the check as checkstate's
   * handlers.go does: in a perform-check change, failures count up while the status stays `up`; at the
   * threshold the change ends in error with the probe's error, a recover-check change starts, the
   * status is `down` and the failure handlers run (servstate CheckFailed). In recover-check, a success
   * ends it and starts a new perform-check with one success and no failures.
   */
  record(name: string, error: string | undefined): void {
    const data = this.data.get(name);
    const check = this.checks()[name];
    if (!data || !check || !this.running(name)) return;
    const kind = this.changes.get(data.changeId)?.kind;
    if (kind === 'perform-check') {
      if (error === undefined) {
        data.successes += 1;
        data.failures = 0;
        return;
      }
      data.failures += 1;
      if (data.failures < threshold(check)) return;
      const prev = data.changeId;
      this.finish(prev, error);
      data.prevChangeId = prev;
      data.changeId = this.newChange('recover-check', name, check);
      data.status = 'down';
      for (const listener of this.thresholdListeners) listener(name);
      return;
    }
    if (error !== undefined) {
      data.failures += 1;
      return;
    }
    const prev = data.changeId;
    this.finish(prev);
    data.prevChangeId = prev;
    data.changeId = this.newChange('perform-check', name, check);
    data.status = 'up';
    data.successes = 1;
    data.failures = 0;
  }

  /** Start or stop checks (api_checks.go v1PostChecks); returns the sorted names whose state changed. */
  act(action: string, names: readonly string[]): string[] {
    if (names.length === 0) throw badRequest(`must specify checks for ${action} action`);
    if (action !== 'start' && action !== 'stop') throw badRequest(`invalid action ${JSON.stringify(action)}`);
    const checks = this.checks();
    const missing = [...new Set(names.filter((n) => !(n in checks)))].sort();
    if (missing.length > 0)
      throw badRequest(`cannot ${action} checks: cannot find checks in plan: ${missing.join(', ')}`);
    const changed: string[] = [];
    for (const name of new Set(names)) {
      const check = checks[name] as Check;
      if (action === 'start' && !this.data.get(name)?.changeId) {
        this.startCheck(name, check, 0, 0, this.data.get(name)?.prevChangeId ?? '');
        changed.push(name);
      } else if (action === 'stop' && this.stopCheck(name)) {
        changed.push(name);
      }
    }
    return changed.sort();
  }

  /** CheckManager.Replan (on a services replan): start the enabled checks that are not running. */
  replan(): void {
    for (const [name, check] of Object.entries(this.checks())) {
      if (enabled(check) && !this.data.get(name)?.changeId) this.startCheck(name, check);
    }
  }

  /** Whether every (filtered) running check is up. */
  healthy(level: string | undefined, names: readonly string[]): boolean {
    return this.list(level, names).every((c) => c.status !== 'down');
  }
}
