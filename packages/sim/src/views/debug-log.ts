/** `debug-log`: the model's log lines (juju-log, hook output, hook results) in Juju's layout. */
import type { LogEntry, ModelState } from '@ops-ts/juju';
import { SimError } from '../errors.js';

/** Filters of {@link debugLog}. */
export interface DebugLogOptions {
  /** Only these units or applications. */
  include?: readonly string[];
  /** Not these units or applications (`debug-log --exclude`). */
  exclude?: readonly string[];
  /** Minimum level (TRACE < DEBUG < INFO < WARNING < ERROR < CRITICAL). */
  level?: string;
  /** Only the last N lines. */
  lines?: number;
  /** End each line with the hook that logged it, `[config-changed]` (default true; juju's own lines have none). */
  hookLabels?: boolean;
}

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];

function included(entry: LogEntry, include: readonly string[]): boolean {
  return include.length === 0 || include.some((i) => entry.unit === i || entry.unit.startsWith(`${i}/`));
}

/** Log lines as `unit-app-0: 12:00:00 INFO unit.app/0.juju-log message`. */
export function debugLog(state: ModelState, opts: DebugLogOptions = {}): string[] {
  const min = LEVELS.indexOf((opts.level ?? 'TRACE').toUpperCase());
  if (min < 0) {
    throw new SimError(`invalid level ${JSON.stringify(opts.level)} (expected one of ${LEVELS.join(', ')})`);
  }
  const lines = state.logs
    .filter(
      (e) =>
        included(e, opts.include ?? []) &&
        !(opts.exclude?.length && included(e, opts.exclude)) &&
        LEVELS.indexOf(e.level) >= Math.max(0, min),
    )
    .map((e) => {
      const time = e.timestamp.slice(11, 19);
      const logger = e.message.startsWith('juju.worker.') ? '' : `unit.${e.unit}.juju-log `;
      const label = opts.hookLabels === false ? '' : ` [${e.context}]`;
      return `unit-${e.unit.replace('/', '-')}: ${time} ${e.level} ${logger}${e.message}${label}`;
    });
  return opts.lines !== undefined && opts.lines > 0 ? lines.slice(-opts.lines) : lines;
}
