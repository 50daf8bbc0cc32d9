import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { entryPathProblem, isDirectoryPath } from './entry-path.js';
import { ArchiveError } from './errors.js';
import { readZip } from './read-zip.js';
import type { ReadZipEntry } from './zip-entry.js';

/** Extracts a ZIP archive into `destDir` with each entry's mode; refuses (before writing anything) entries escaping it. */
export function extractZip(buf: Buffer, destDir: string): ReadZipEntry[] {
  const root = resolve(destDir);
  const entries = readZip(buf);
  const targets = entries.map((entry) => ({ entry, target: safeTarget(root, entry.path) }));
  mkdirSync(root, { recursive: true });
  const directories: { target: string; mode: number }[] = [];
  for (const { entry, target } of targets) {
    if (isDirectoryPath(entry.path)) {
      mkdirSync(target, { recursive: true });
      directories.push({ target, mode: entry.mode });
    } else {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, entry.data);
      chmodSync(target, entry.mode);
    }
  }
  // Apply directory modes last, deepest first, so read-only directories do not block their own contents.
  directories.sort((a, b) => b.target.length - a.target.length);
  for (const { target, mode } of directories) chmodSync(target, mode);
  return entries;
}

function safeTarget(root: string, path: string): string {
  const problem = entryPathProblem(path);
  if (problem !== undefined) throw new ArchiveError(`refusing to extract: ${problem}`, path);
  const target = resolve(root, path);
  const rel = relative(root, target);
  if (rel === '' || rel.split(sep)[0] === '..' || isAbsolute(rel)) {
    throw new ArchiveError('refusing to extract: path escapes the destination directory', path);
  }
  return target;
}
