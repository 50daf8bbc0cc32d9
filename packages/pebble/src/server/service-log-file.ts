/**
 * A service's log file that cannot grow without bound. Pebble keeps each service's output in a ring
 * buffer in memory (canonical/pebble internals/servicelog); this server keeps it in a file, so the same
 * promise is kept by rotation: once the file passes its cap it becomes `<file>.1` (replacing an older
 * one) and a new file starts, so at most twice the cap is kept.
 */
import { appendFileSync, renameSync, statSync } from 'node:fs';

/** The default cap of one service log file, in bytes. */
export const SERVICE_LOG_CAP_BYTES = 1024 * 1024;

/** Appends `text` to `path` (0600), rotating it to `path.1` once it is larger than `cap` bytes. */
export function appendCapped(path: string, text: string, cap = SERVICE_LOG_CAP_BYTES): void {
  try {
    appendFileSync(path, text, { mode: 0o600 });
    if (statSync(path).size > cap) renameSync(path, `${path}.1`);
  } catch {
    // A log that cannot be written must not take the service down.
  }
}
