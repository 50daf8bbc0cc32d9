/** Why `path` is not a safe relative archive path (absolute, `..`, backslash, NUL, empty segment…), or undefined if it is. */
export function entryPathProblem(path: string): string | undefined {
  if (path === '' || path === '/') return 'empty path';
  if (path.includes('\0')) return 'path contains a NUL byte';
  if (path.includes('\\')) return 'path contains a backslash';
  if (path.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(path)) return 'absolute path (drive letter)';
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  for (const segment of segments) {
    if (segment === '..') return 'path escapes the destination (`..` segment)';
    if (segment === '.') return 'path contains a `.` segment';
    if (segment === '') return 'path contains an empty segment';
  }
  return undefined;
}

/** True when the archive path names a directory (ends with `/`). */
export function isDirectoryPath(path: string): boolean {
  return path.endsWith('/');
}
