import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Keys that are safe as file names and as the `key` part of `key#file=`; Juju's own rule is stricter. */
const FILE_KEY_RE = /^[a-z0-9][a-z0-9-]*$/;

/**
 * Runs `use` with `key#file=<path>` arguments for `content`, each value written to its own file (mode 0600)
 * in a fresh private temp directory that is removed afterwards, even when `use` throws. Secret values
 * thus never appear on any process's argv (which `ps` and `/proc` show to every local user), as in ops.
 */
export function withContentFiles<T>(
  content: Readonly<Record<string, string>>,
  use: (args: string[]) => T,
): T {
  for (const key of Object.keys(content)) {
    // Only the key is named: values must never reach an error message.
    if (!FILE_KEY_RE.test(key)) throw new Error(`secret key ${JSON.stringify(key)} not valid`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-secret-')); // mkdtemp creates it 0700
  try {
    const args = Object.entries(content).map(([key, value]) => {
      const path = join(dir, key);
      writeFileSync(path, value, { mode: 0o600, flag: 'wx' });
      return `${key}#file=${path}`;
    });
    return use(args);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
