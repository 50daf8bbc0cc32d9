/**
 * Task output as juju 3.6 writes it (juju/juju cmd/juju/action/runcommon.go formatActionResult,
 * printPlainOutput; cmd/juju/action/exec.go printExecOutput): a document keyed by unit, or the plain text.
 */
import type { ActionRecord, JsonValue } from '@ops-ts/sim';
import { stringify } from 'yaml';
import type { VerbContext } from './context.js';
import { formatDocument, goTime } from './output.js';

/** One task's document (formatActionResult). */
export type TaskDoc = Record<string, JsonValue>;

/** One finished action as juju prints it. */
export function taskDoc(
  record: ActionRecord,
  timing: { enqueued: string; started: string; completed: string },
): TaskDoc {
  const results = { ...record.results };
  return {
    id: record.id,
    ...(record.logs.length > 0 ? { log: record.logs.map((l) => `${goTime(l.timestamp)} ${l.message}`) } : {}),
    ...(record.failureMessage ? { message: record.failureMessage } : {}),
    ...(Object.keys(results).length > 0 ? { results } : {}),
    status: record.status,
    timing,
    unit: record.unit,
  };
}

function returnCode(doc: TaskDoc): number {
  const results = doc.results;
  if (typeof results !== 'object' || results === null || Array.isArray(results)) return -1;
  const code = results['return-code'];
  return typeof code === 'number' ? code : -1;
}

/** Writes the tasks in the chosen format; returns the exit code (runcommon.go processOperationResults). */
export function writeTasks(
  ctx: VerbContext,
  format: string,
  tasks: Record<string, TaskDoc>,
  plain: (tasks: Record<string, TaskDoc>) => string = plainOutput,
): number {
  if (format === 'plain') ctx.io.stdout(plain(tasks));
  else ctx.io.stdout(formatDocument(tasks, format));
  const failed = Object.values(tasks)
    .map((t) => ({ id: String(t.id), code: returnCode(t) }))
    .filter((t) => t.code >= 1)
    .map((t) => ` - id "${t.id}" with return code ${t.code}`)
    .sort();
  if (failed.length === 0) return 0;
  const s = failed.length > 1 ? 's' : '';
  ctx.io.stderr(
    `ERROR the following task${s} failed:\n${failed.join('\n')}\n\nuse 'juju show-task' to inspect the failure${s}\n`,
  );
  return 1;
}

const FILTERED = new Set(['return-code', 'stdout', 'stderr', 'stdout-encoding', 'stderr-encoding']);

/** run.go printPlainOutput: one task's results as YAML (then its stdout and stderr); several as a YAML map. */
export function plainOutput(tasks: Record<string, TaskDoc>): string {
  const info: Record<string, { id: JsonValue; output: string; status: JsonValue; message?: JsonValue }> = {};
  let stdout = '';
  let stderr = '';
  for (const [unit, task] of Object.entries(tasks)) {
    const results = task.results;
    let output = '';
    if (typeof results === 'object' && results !== null && !Array.isArray(results)) {
      const kept = Object.fromEntries(
        Object.entries(results).filter(([k]) => !FILTERED.has(k.toLowerCase())),
      );
      if (typeof results.stdout === 'string' && results.stdout !== '') stdout = results.stdout;
      if (typeof results.stderr === 'string' && results.stderr !== '') stderr = results.stderr;
      if (Object.keys(kept).length > 0) output = stringify(kept);
    } else output = `Task ${String(task.id)} ${String(task.status)}\n`;
    info[unit] = {
      id: task.id ?? '',
      output,
      status: task.status ?? '',
      ...(task.message ? { message: task.message } : {}),
    };
  }
  if (Object.keys(info).length > 1) return stringify(info);
  let out = '';
  for (const i of Object.values(info)) {
    if (i.status === 'failed') out += `Action id ${String(i.id)} failed: ${String(i.message ?? '')}\n`;
    out += `${i.output}\n`;
  }
  if (stdout !== '') out += `${stdout.replace(/^\n+|\n+$/g, '')}\n`;
  if (stderr !== '') out += `${stderr.replace(/^\n+|\n+$/g, '')}\n`;
  return out;
}

/** `s` ending in a newline when not empty (exec.go forceNewline). */
function withNewline(s: string): string {
  return s !== '' && !s.endsWith('\n') ? `${s}\n` : s;
}

/** exec.go printExecOutput: each target's stdout then stderr; with several targets, each under its name. */
export function execPlainOutput(tasks: Record<string, TaskDoc>): string {
  const names = Object.keys(tasks).sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  let out = '';
  for (const name of names) {
    const results = tasks[name]?.results;
    let text = '';
    if (typeof results === 'object' && results !== null && !Array.isArray(results)) {
      if (typeof results.stdout === 'string') text += withNewline(results.stdout);
      if (typeof results.stderr === 'string') text += withNewline(results.stderr);
    }
    out += names.length > 1 ? `${name}:\n${text}\n` : text;
  }
  return out;
}
