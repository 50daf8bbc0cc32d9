/**
 * The model's lock: one command at a time changes a model. The lock file appears whole (written aside,
 * then hard-linked into place, so no reader sees it empty) and names its holder by pid and start time
 * (a reused pid is not taken for the holder). A lock whose holder is dead is taken over under a second,
 * short-lived lock and re-checked there, so two commands that find the same stale lock never both win.
 */
import { linkSync, lstatSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ModelLockedError, SimError } from '../errors.js';
import { processRunning, processStartTime } from '../workloads/process-group.js';
import { writeDurable } from './private-fs.js';

/** Who holds a lock: its file's text and the process it names. */
interface Holder {
  text: string;
  pid: number;
  startTime?: string;
}

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function holderOf(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const [pidText = '', startTime] = text.trim().split(/\s+/);
  const pid = /^\d+$/.test(pidText) ? Number(pidText) : 0;
  return { text, pid, ...(startTime ? { startTime } : {}) };
}

function alive(holder: Holder): boolean {
  return holder.pid > 0 && processRunning(holder.pid, holder.startTime);
}

/** Creates `path` holding our pid, atomically; false when it exists. */
function tryCreate(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeDurable(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Removes `path` only while it still holds `text` (never a lock someone else took meanwhile). */
function removeIf(path: string, text: string): void {
  if (holderOf(path)?.text === text) rmSync(path, { force: true });
}

/** Removes the stale lock `stale` under the takeover lock, if it is still that one. */
function takeOver(path: string, stale: Holder, me: string): void {
  const guard = `${path}.takeover`;
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(guard, me)) {
      try {
        if (holderOf(path)?.text === stale.text) rmSync(path, { force: true });
      } finally {
        removeIf(guard, me);
      }
      return;
    }
    const other = holderOf(guard);
    // A takeover lock outlives its holder only if that process died within these few lines.
    if (other && !alive(other) && Date.now() - (statSafe(guard) ?? Date.now()) > 2000)
      removeIf(guard, other.text);
    sleepSync(10);
  }
}

function statSafe(path: string): number | undefined {
  return statSync(path, { throwIfNoEntry: false })?.mtimeMs;
}

/** Takes the lock of the model in `dir`; returns the release function. */
export function lockModel(dir: string): () => void {
  const path = join(dir, 'lock');
  const st = lstatSync(path, { throwIfNoEntry: false });
  if (st && !st.isFile()) {
    throw new SimError(
      `cannot lock model in ${dir}: ${path} is not a file (remove it if no command is using the model)`,
    );
  }
  const me = `${process.pid} ${processStartTime(process.pid) ?? ''}`.trim();
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, me)) return () => removeIf(path, me);
    const holder = holderOf(path);
    if (!holder) continue;
    // Our own pid: this process opened the model before (as before, the newer open wins).
    if (holder.pid !== process.pid && alive(holder)) {
      throw new ModelLockedError(`model in ${dir} is in use by process ${holder.pid}`);
    }
    takeOver(path, holder, me);
  }
  throw new ModelLockedError(`cannot lock model in ${dir}`);
}
