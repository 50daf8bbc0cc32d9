/** Go's `*os.PathError` text for a failed file read (`open /abs/path: no such file or directory`). */

// syscall.Errno strings for the errors a file read can meet.
const ERRNO_TEXT: Readonly<Record<string, string>> = Object.freeze({
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'file name too long',
});

/** The message Go prints for `op path` failing with a Node.js error. */
export function pathErrorMessage(op: 'open' | 'read', path: string, err: unknown): string {
  const code = (err as { code?: unknown } | null)?.code;
  const text = typeof code === 'string' ? ERRNO_TEXT[code] : undefined;
  if (text === undefined) return err instanceof Error ? err.message : String(err);
  // os.Open succeeds on a directory; reading it is what fails.
  return `${code === 'EISDIR' ? 'read' : op} ${path}: ${text}`;
}
