// `getLogger(name)`: a module-level logger for charm libraries, as Python's `logging.getLogger(__name__)`
// is with ops's Juju log handler. Records reach `juju-log` through the logger of the dispatch that is
// running; in-process dispatches (the testing kit runs several at once) are told apart with
// AsyncLocalStorage, which is switched on only once some module asks for a logger (it costs every
// promise a little).
import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogLevel } from '../backend/backend.js';
import type { Logger } from './logger.js';

let dispatches: AsyncLocalStorage<Logger> | undefined;

/** Runs one dispatch with `logger` as the target of module loggers (a plain call when none exist). */
export function runWithLogger<T>(logger: Logger, body: () => Promise<T>): Promise<T> {
  return dispatches ? dispatches.run(logger, body) : body();
}

/** A logger for a module or library; outside a dispatch, WARNING and above go to stderr. */
export function getLogger(name: string): Logger {
  dispatches ??= new AsyncLocalStorage<Logger>();
  const storage = dispatches;
  const send = (level: LogLevel, message: string) => {
    const target = storage.getStore();
    if (target)
      target[
        level === 'WARNING' ? 'warning' : (level.toLowerCase() as Lowercase<Exclude<LogLevel, 'WARNING'>>)
      ](message);
    else if (level === 'WARNING' || level === 'ERROR' || level === 'CRITICAL')
      process.stderr.write(`${level} ${name}: ${message}\n`);
  };
  return {
    trace: (m) => send('TRACE', m),
    debug: (m) => send('DEBUG', m),
    info: (m) => send('INFO', m),
    warning: (m) => send('WARNING', m),
    error: (m) => send('ERROR', m),
    critical: (m) => send('CRITICAL', m),
    isEnabledFor: (level) =>
      storage.getStore()?.isEnabledFor(level) ?? ['WARNING', 'ERROR', 'CRITICAL'].includes(level),
  };
}
