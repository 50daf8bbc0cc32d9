import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { entryPathProblem, isDirectoryPath } from './entry-path.js';
import { ArchiveError } from './errors.js';
import { type ReadZipOptions, readZip } from './read-zip.js';
import type { ReadZipEntry } from './zip-entry.js';

/** Options of {@link extractZip}. */
export interface ExtractZipOptions extends ReadZipOptions {
  /** Permission bits kept from each entry's mode (default all): `0o700` makes the tree private. */
  modeMask?: number;
}

/**
 * Checks that every entry can be extracted under one directory: a safe relative path, no duplicate,
 * no entry below a file. Throws the ArchiveError of the first problem; lets callers refuse an archive
 * before they change anything.
 */
export function assertExtractable(entries: readonly { path: string }[]): void {
  const seen = new Set<string>();
  const files = new Set<string>();
  for (const { path } of entries) {
    safeTarget('/x', path);
    const key = isDirectoryPath(path) ? path.slice(0, -1) : path;
    if (seen.has(key)) throw new ArchiveError('refusing to extract: duplicate entry', path);
    seen.add(key);
    if (!isDirectoryPath(path)) files.add(key);
  }
  for (const key of seen) {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (files.has(parent)) throw new ArchiveError(`refusing to extract: parent "${parent}" is a file`, key);
    }
  }
}

/** Extracts a ZIP archive into `destDir` with each entry's mode; refuses (before writing anything) entries escaping it. */
export function extractZip(buf: Buffer, destDir: string, options: ExtractZipOptions = {}): ReadZipEntry[] {
  const root = resolve(destDir);
  const entries = readZip(buf, options);
  assertExtractable(entries);
  const mask = options.modeMask ?? 0o7777;
  const targets = entries.map((entry) => ({ entry, target: safeTarget(root, entry.path) }));
  mkdirSync(root, { recursive: true, mode: 0o755 & mask });
  const directories: { target: string; mode: number }[] = [];
  for (const { entry, target } of targets) {
    if (isDirectoryPath(entry.path)) {
      mkdirSync(target, { recursive: true, mode: 0o755 & mask });
      directories.push({ target, mode: entry.mode & mask });
    } else {
      mkdirSync(dirname(target), { recursive: true, mode: 0o755 & mask });
      writeFileSync(target, entry.data, { mode: entry.mode & mask });
      chmodSync(target, entry.mode & mask);
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
