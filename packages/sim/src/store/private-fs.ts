/**
 * Writing the model's files: every file 0600 and every directory 0700 (they hold secret contents and
 * Pebble plans whose environments carry passwords), and durable writes (fsync before rename) so a crash
 * never leaves a half-written file where a whole one is expected.
 */
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';

/** Mode of every file the model writes. */
export const PRIVATE_FILE = 0o600;
/** Mode of every directory the model creates. */
export const PRIVATE_DIR = 0o700;

/** Creates a directory (and its parents) readable by the owner only. */
export function mkdirPrivate(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  // `mode` applies only to directories created now; one made by an older version keeps its mode.
  if ((statSync(dir).mode & 0o077) !== 0) chmodSync(dir, PRIVATE_DIR);
}

/** Flushes a directory's entries (a rename in it) to disk; best effort where directories cannot be opened. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some filesystems refuse fsync on a directory: the rename is still atomic, only less durable.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` to `path` durably: created 0600 (also when it existed), flushed before it returns. */
export function writeDurable(path: string, data: string | Uint8Array): void {
  const fd = openSync(path, 'w', PRIVATE_FILE);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(path, PRIVATE_FILE);
}

/** Replaces `path` with `data` atomically: readers see the old file or the new one, never a part. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  mkdirPrivate(dirname(path));
  const tmp = `${path}.${process.pid}.tmp`;
  writeDurable(tmp, data);
  renameSync(tmp, path);
  fsyncDir(dirname(path));
}
