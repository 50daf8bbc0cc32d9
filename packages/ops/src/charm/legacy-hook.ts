import { spawnSync } from 'node:child_process';
import { accessSync, constants, lstatSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from './juju-context.js';

/**
 * Runs `<charm dir>/<dispatch path>` (e.g. `hooks/install`) first when it exists, is executable and is not
 * a link back to the charm itself, as ops does for legacy hooks. Returns its non-zero exit code, or 0.
 */
export function runLegacyHook(
  charmDir: string,
  dispatchPath: string,
  env: Env,
  warn: (m: string) => void,
): number {
  if (!dispatchPath) return 0;
  const path = join(charmDir, dispatchPath);
  try {
    const stat = lstatSync(path);
    if (!stat.isFile() && !stat.isSymbolicLink()) return 0;
  } catch {
    return 0;
  }
  try {
    const target = realpathSync(path);
    if (target === realpathSync(join(charmDir, 'dispatch'))) return 0;
  } catch {
    // dispatch missing: compare nothing
  }
  try {
    accessSync(path, constants.X_OK);
  } catch {
    warn(`Legacy ${dispatchPath} exists but is not executable.`);
    return 0;
  }
  warn('Legacy hooks are deprecated.');
  const result = spawnSync(path, [], {
    cwd: charmDir,
    env: { ...env, OPERATOR_DISPATCH: '1' },
    stdio: 'inherit',
  });
  if (result.error) return 1;
  return result.status ?? 1;
}
