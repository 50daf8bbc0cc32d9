// A task: the result of `juju run` (an action) or `juju exec` on one unit, as jubilant's `Task`
// (canonical/jubilant jubilant/_task.py): Juju's special `return-code`, `stdout` and `stderr` result keys
// are lifted out of `results` into their own fields.
import { isObject, type JsonObject, num, str, strs } from './json.js';

/** A task's status (a Juju operation's): typically `completed` or `failed`. */
export type TaskStatus = 'aborted' | 'cancelled' | 'completed' | 'error' | 'failed' | 'pending' | 'running';

/** The result of running an action or an exec command on a single unit. */
export class Task {
  /** Task id, for `juju show-task`. */
  readonly id: string;
  /** Status of the task. */
  readonly status: TaskStatus;
  /** Results the charm set (`action-set`), without Juju's `return-code`, `stdout` and `stderr`. */
  readonly results: JsonObject;
  /** Exit code of the action hook or command. */
  readonly returnCode: number;
  /** Standard output of the hook or command. */
  readonly stdout: string;
  /** Standard error of the hook or command. */
  readonly stderr: string;
  /** Failure message (`action-fail`), if any. */
  readonly message: string;
  /** Messages logged with `action-log`. */
  readonly log: readonly string[];

  constructor(fields: {
    id: string;
    status: TaskStatus;
    results?: JsonObject;
    returnCode?: number;
    stdout?: string;
    stderr?: string;
    message?: string;
    log?: readonly string[];
  }) {
    this.id = fields.id;
    this.status = fields.status;
    this.results = fields.results ?? {};
    this.returnCode = fields.returnCode ?? 0;
    this.stdout = fields.stdout ?? '';
    this.stderr = fields.stderr ?? '';
    this.message = fields.message ?? '';
    this.log = fields.log ?? [];
  }

  /** Whether the task completed with return code 0 (jubilant's `Task.success`). */
  get success(): boolean {
    return this.status === 'completed' && this.returnCode === 0;
  }

  /** Throws a TaskError unless the task succeeded. */
  raiseOnFailure(): void {
    if (!this.success) throw new TaskError(this);
  }

  /** One line of status, then the results, output, message and log, as jubilant's `Task.__str__`. */
  toString(): string {
    const details: string[] = [];
    if (Object.keys(this.results).length) details.push(`Results: ${JSON.stringify(this.results)}`);
    if (this.stdout) details.push(`Stdout:\n${this.stdout}`);
    if (this.stderr) details.push(`Stderr:\n${this.stderr}`);
    if (this.message) details.push(`Message: ${this.message}`);
    if (this.log.length) details.push(`Log:\n${this.log.join('\n')}`);
    const head = `Task ${this.id}: status '${this.status}', return code ${this.returnCode}`;
    return details.length ? `${head}, details:\n${details.join('\n')}` : head;
  }
}

/** An action or exec command did not succeed; `task` holds what Juju reported. */
export class TaskError extends Error {
  override readonly name = 'TaskError';
  /** The failed task. */
  readonly task: Task;

  constructor(task: Task, message = `task error: ${task.toString()}`) {
    super(message);
    this.task = task;
  }
}

const STATUSES: readonly string[] = [
  'aborted',
  'cancelled',
  'completed',
  'error',
  'failed',
  'pending',
  'running',
];

/** One unit's entry of `juju run --format json` / `juju exec --format json` as a Task. */
export function taskFromJson(d: JsonObject): Task {
  const results: JsonObject = { ...(isObject(d.results) ? d.results : {}) };
  const returnCode = num(results, 'return-code', 0);
  const stdout = str(results, 'stdout');
  const stderr = str(results, 'stderr');
  delete results['return-code'];
  delete results.stdout;
  delete results.stderr;
  const status = str(d, 'status');
  return new Task({
    id: str(d, 'id'),
    status: (STATUSES.includes(status) ? status : 'error') as TaskStatus,
    results,
    returnCode,
    stdout,
    stderr,
    message: str(d, 'message'),
    log: strs(d, 'log'),
  });
}

/**
 * The task of `juju run`/`juju exec --format json` output, which is keyed by unit (or machine). The first
 * entry is taken, not the one named by the caller, because `app/leader` comes back as `app/N` (jubilant
 * does the same). Undefined when the output holds no task (no such unit).
 */
export function taskFromOutput(output: unknown): Task | undefined {
  if (!isObject(output)) return undefined;
  const first = Object.values(output)[0];
  return isObject(first) ? taskFromJson(first) : undefined;
}
