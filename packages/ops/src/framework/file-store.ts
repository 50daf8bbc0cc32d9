import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type FrameworkStore, StateCorruptError, type StoreData, validateStoreData } from './store.js';

/** The file ops-ts keeps framework state in, inside the charm directory (ops uses `.unit-state.db`). */
export const STATE_FILE = '.unit-state.json';

/**
 * Framework state in a JSON file in the charm directory, written atomically (temp file + rename, mode
 * 0600) so a crash mid-write never leaves half a file. Like ops's SQLite file it is lost when a
 * Kubernetes pod is recreated; use JujuStore to survive that.
 */
export class FileStore implements FrameworkStore {
  readonly path: string;

  constructor(charmDir: string) {
    this.path = join(charmDir, STATE_FILE);
  }

  load(): StoreData {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { snapshots: {}, notices: [] };
      const why = code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
      throw new StateCorruptError(
        `framework state file ${this.path} cannot be read (${why}); it was left as is: move it away to start with empty state`,
      );
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new StateCorruptError(
        `framework state file ${this.path} is corrupt (${(error as Error).message}); it was left as is: ` +
          'move it away to start with empty state',
      );
    }
    return validateStoreData(raw, `framework state file ${this.path}`);
  }

  save(data: StoreData): void {
    const tmp = `${this.path}.tmp-${process.pid}`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(data));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
