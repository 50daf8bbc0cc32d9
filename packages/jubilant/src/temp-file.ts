// Secret content and action params reach juju through a file only it and we can read (0600, in a 0700
// directory), never through argv; the directory is removed once juju has returned. A snap-confined juju
// cannot read /tmp, so then the file goes under ~/snap/juju/common, as jubilant does
// (canonical/jubilant jubilant/_juju.py `_temp_dir`).

import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { basename, delimiter, join } from 'node:path';

/** Where `command` is found on `pathEnv`, or undefined. */
export function which(command: string, pathEnv: string | undefined): string | undefined {
  if (command.includes('/')) return existsSync(command) ? command : undefined;
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

/** The directory juju can read temporary files from: ~/snap/juju/common for the snap, else the temp dir. */
export async function tempRoot(snap: boolean, home = homedir()): Promise<string> {
  if (!snap) return tmpdir();
  const dir = join(home, 'snap/juju/common');
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Runs `f` with a new private directory under `root`, removed afterwards. */
export async function withTempDir<T>(root: string, f: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(root, 'ops-ts-jubilant-'));
  try {
    return await f(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes `content` to a new 0600 file `name` in `dir` and returns its path. */
export async function writePrivate(dir: string, name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content, { mode: 0o600, flag: 'wx' });
  return path;
}

/** Copies a local file into `dir` (for a snap-confined juju) and returns the copy's path. */
export async function copyInto(dir: string, path: string, name = basename(path)): Promise<string> {
  const copy = join(dir, name);
  await copyFile(path, copy);
  return copy;
}
