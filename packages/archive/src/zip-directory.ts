import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ArchiveError } from './errors.js';
import { type WriteZipOptions, writeZip } from './write-zip.js';
import type { ZipEntry } from './zip-entry.js';
import { PERMISSION_MASK } from './zip-format.js';

/** Options for zipDirectory (same as writeZip: entry timestamps default to 1980-01-01). */
export type ZipDirectoryOptions = WriteZipOptions;

/** Zips every file under `dir` (sorted, symlinks followed, modes kept, empty directories kept) deterministically. */
export function zipDirectory(dir: string, options: ZipDirectoryOptions = {}): Buffer {
  return writeZip(collectDirectory(dir), options);
}

/** Lists the entries zipDirectory would write for `dir`, in archive order, with their modes. */
export function collectDirectory(dir: string): ZipEntry[] {
  const root = statSync(dir, { throwIfNoEntry: false });
  if (!root?.isDirectory()) throw new ArchiveError(`not a directory: ${dir}`);
  const entries: ZipEntry[] = [];
  walk(dir, '', new Set([realpathSync(dir)]), entries);
  return entries;
}

function walk(absolute: string, prefix: string, ancestors: Set<string>, out: ZipEntry[]): void {
  const names = readdirSync(absolute).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (names.length === 0 && prefix !== '') {
    out.push({ path: prefix, data: '', mode: statSync(absolute).mode & PERMISSION_MASK });
    return;
  }
  for (const name of names) {
    const path = join(absolute, name);
    const entryPath = prefix + name;
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat === undefined) throw new ArchiveError('dangling symlink', entryPath);
    if (stat.isDirectory()) {
      const real = realpathSync(path);
      if (ancestors.has(real)) throw new ArchiveError('symlink cycle', entryPath);
      ancestors.add(real);
      walk(path, `${entryPath}/`, ancestors, out);
      ancestors.delete(real);
    } else if (stat.isFile()) {
      out.push({ path: entryPath, data: readFileSync(path), mode: stat.mode & PERMISSION_MASK });
    } else {
      throw new ArchiveError('not a regular file or directory', entryPath);
    }
  }
}
