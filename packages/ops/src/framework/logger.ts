import type { LogLevel, ModelBackend } from '../backend/backend.js';

const ORDER: Record<LogLevel, number> = { TRACE: 0, DEBUG: 1, INFO: 2, WARNING: 3, ERROR: 4, CRITICAL: 5 };

/** A logger whose records go to Juju's log (`juju debug-log`). */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
  critical(message: string): void;
  /** Whether a record at this level would be sent anywhere. */
  isEnabledFor(level: LogLevel): boolean;
}

/** Options of the Juju logger. */
export interface JujuLoggerOptions {
  /** Records below this level are dropped. Default WARNING: each record costs a `juju-log` process. */
  level?: LogLevel;
  /** Also write every record (at any level) to stderr, as ops does under `JUJU_DEBUG`. */
  stderr?: boolean;
}

/** Parses a level name case-insensitively (`warn` → WARNING); undefined when unknown. */
export function parseLogLevel(name: string | undefined): LogLevel | undefined {
  if (!name) return undefined;
  const upper = name.toUpperCase();
  if (upper === 'WARN') return 'WARNING';
  return upper in ORDER ? (upper as LogLevel) : undefined;
}

/**
 * Sends records through `juju-log`. Unlike ops (one process per record at any level), only records at or
 * above the configured level run the tool, so a quiet hook spawns no logging process at all.
 */
export class JujuLogger implements Logger {
  readonly level: LogLevel;
  readonly #stderr: boolean;
  #inLog = false;

  constructor(
    private readonly backend: ModelBackend,
    options: JujuLoggerOptions = {},
  ) {
    this.level = options.level ?? 'WARNING';
    this.#stderr = options.stderr ?? false;
  }

  isEnabledFor(level: LogLevel): boolean {
    return ORDER[level] >= ORDER[this.level];
  }

  /** Logs one record. A failing `juju-log` is reported on stderr rather than crashing the charm. */
  log(level: LogLevel, message: string): void {
    if (this.#stderr) process.stderr.write(`${new Date().toISOString()} ${level.padEnd(8)} ${message}\n`);
    if (!this.isEnabledFor(level) || this.#inLog) return;
    this.#inLog = true; // a log record raised while logging must not recurse
    try {
      this.backend.jujuLog(level, message);
    } catch (error) {
      process.stderr.write(`juju-log failed: ${(error as Error).message}\n`);
    } finally {
      this.#inLog = false;
    }
  }
  trace(message: string): void {
    this.log('TRACE', message);
  }
  debug(message: string): void {
    this.log('DEBUG', message);
  }
  info(message: string): void {
    this.log('INFO', message);
  }
  warning(message: string): void {
    this.log('WARNING', message);
  }
  error(message: string): void {
    this.log('ERROR', message);
  }
  critical(message: string): void {
    this.log('CRITICAL', message);
  }
}
