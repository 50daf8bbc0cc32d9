import type { Change, ChangeStatus, Task } from '../api-types.js';
import { formatRfc3339, now, nowNs } from './clock.js';

/** A task to create inside a new change. */
export interface TaskSpec {
  kind: string;
  summary: string;
}

/** How a task ended. */
export interface TaskOutcome {
  /** An error message makes the task (and change) fail. */
  error?: string;
  /** INFO lines for the task log (stamped as Pebble's Task.Logf does). */
  log?: string[];
  data?: Record<string, unknown>;
}

interface StoredChange {
  change: Change;
  /** Services the change acts on, for `GET /v1/changes?for=`. */
  services: string[];
  waiters: (() => void)[];
  /** Error text per failed task id, used to build the change's `err`. */
  taskErrors: Map<string, string>;
  /** Called on abort; returning true means the handler finished the tasks itself. */
  onAbort?: () => boolean | undefined;
}

/** Changes and their tasks, with waiting for readiness. */
export class ChangeStore {
  private readonly changes = new Map<string, StoredChange>();
  private nextChangeId = 1;
  private nextTaskId = 1;

  /** Create an in-progress change with the given tasks. */
  create(
    kind: string,
    summary: string,
    tasks: readonly TaskSpec[],
    services: readonly string[] = [],
  ): Change {
    const spawn = now();
    const change: Change = {
      id: String(this.nextChangeId++),
      kind,
      summary,
      status: 'Doing',
      tasks: tasks.map(
        (t): Task => ({
          id: String(this.nextTaskId++),
          kind: t.kind,
          summary: t.summary,
          status: 'Doing',
          log: [],
          progress: { label: '', done: 0, total: 1 },
          'spawn-time': spawn,
          data: {},
        }),
      ),
      ready: false,
      'spawn-time': spawn,
      data: {},
    };
    this.changes.set(change.id, { change, services: [...services], waiters: [], taskErrors: new Map() });
    if (tasks.length === 0) this.settle(change.id);
    return change;
  }

  /** Register what to do when a client aborts the change (return true when it finished the tasks). */
  onAbort(changeId: string, handler: () => boolean | undefined): void {
    const stored = this.changes.get(changeId);
    if (stored) stored.onAbort = handler;
  }

  /** Finish one task; the change becomes ready once all its tasks are finished. */
  finishTask(changeId: string, taskId: string, outcome: TaskOutcome = {}): void {
    const stored = this.changes.get(changeId);
    const task = stored?.change.tasks.find((t) => t.id === taskId);
    if (!stored || !task || isFinished(task.status)) return;
    const atNs = nowNs();
    const stamp = formatRfc3339(atNs);
    task.status = outcome.error ? 'Error' : 'Done';
    task.progress = { label: '', done: 1, total: 1 };
    task['ready-time'] = now();
    task.log.push(...(outcome.log ?? []).map((line) => `${stamp} INFO ${line}`));
    if (outcome.error) task.log.push(`${stamp} ERROR ${outcome.error}`);
    Object.assign(task.data, outcome.data ?? {});
    if (outcome.error) stored.taskErrors.set(task.id, outcome.error);
    this.settle(changeId);
  }

  private settle(changeId: string): void {
    const stored = this.changes.get(changeId);
    if (!stored || stored.change.ready) return;
    const { change } = stored;
    if (!change.tasks.every((t) => isFinished(t.status))) return;
    const failed = change.tasks.filter((t) => t.status === 'Error');
    change.status = failed.length > 0 ? 'Error' : 'Done';
    change.ready = true;
    change['ready-time'] = now();
    if (failed.length > 0) {
      // Pebble's wording for a change whose tasks failed.
      const lines = failed.map((t) => `- ${t.summary} (${stored.taskErrors.get(t.id) ?? 'error'})`);
      change.err = `cannot perform the following tasks:\n${lines.join('\n')}`;
    }
    for (const wake of stored.waiters.splice(0)) wake();
  }

  /** Abort an in-progress change: unfinished tasks fail with "task aborted". */
  abort(changeId: string): Change | undefined {
    const stored = this.changes.get(changeId);
    if (!stored) return undefined;
    if (stored.onAbort?.()) return stored.change;
    for (const task of stored.change.tasks) {
      if (!isFinished(task.status)) this.finishTask(changeId, task.id, { error: 'task aborted' });
    }
    return stored.change;
  }

  /** A change by id. */
  get(changeId: string): Change | undefined {
    return this.changes.get(changeId)?.change;
  }

  /** All changes in id order, optionally only those for one service. */
  list(service?: string): Change[] {
    const all = [...this.changes.values()];
    return all.filter((s) => service === undefined || s.services.includes(service)).map((s) => s.change);
  }

  /** Resolve true when the change is ready, false after `timeoutMs` (null waits until ready). */
  waitReady(changeId: string, timeoutMs: number | null): Promise<boolean> {
    const stored = this.changes.get(changeId);
    if (!stored || stored.change.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = timeoutMs === null ? undefined : setTimeout(() => done(false), timeoutMs);
      const wake = (): void => done(true);
      function done(ready: boolean): void {
        clearTimeout(timer);
        if (stored) stored.waiters = stored.waiters.filter((w) => w !== wake);
        resolve(ready);
      }
      stored.waiters.push(wake);
    });
  }
}

function isFinished(status: ChangeStatus): boolean {
  return status === 'Done' || status === 'Error' || status === 'Undone' || status === 'Hold';
}
