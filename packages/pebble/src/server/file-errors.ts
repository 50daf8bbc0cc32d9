import type { FileType } from '../api-types.js';

/** A per-path error in Pebble's shape. */
export interface PathErrorBody {
  kind: 'not-found' | 'permission-denied' | 'generic-file-error';
  message: string;
}

const DESCRIPTIONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file exists',
  ENOTEMPTY: 'directory not empty',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
};

/** Map a Node fs error to Pebble's kind and a Go-style message naming the container path. */
export function toPathError(err: unknown, op: string, containerPath: string): PathErrorBody {
  const e = err as NodeJS.ErrnoException;
  const code = e.code ?? '';
  const kind =
    code === 'ENOENT'
      ? 'not-found'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission-denied'
        : 'generic-file-error';
  // Never leak the host-side path of filesRoot into messages.
  const description = DESCRIPTIONS[code] ?? e.message;
  return { kind, message: `${op} ${containerPath}: ${description}` };
}

/** Pebble's file type name for an fs.Stats-like object. */
export function fileType(stats: {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  isSocket(): boolean;
  isFIFO(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): FileType {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isSocket()) return 'socket';
  if (stats.isFIFO()) return 'named-pipe';
  if (stats.isBlockDevice() || stats.isCharacterDevice()) return 'device';
  return 'unknown';
}

/** Match a name against a shell glob (`*`, `?`, `[...]`), as Go's filepath.Match does for one segment. */
export function globMatch(pattern: string, name: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) return false;
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('^')) body = `!${body.slice(1)}`;
      re += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
      i = close;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += `\\${pattern[++i]}`;
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`${re}$`).test(name);
}
