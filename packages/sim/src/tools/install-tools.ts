import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_NAMES } from '@ops-ts/juju';
import { JUJUC_SCRIPT } from './jujuc-script.js';

/** Writes `jujuc` and one symlink per hook tool into `dir` (the hook's tools directory), owner-only like the model. */
export function installTools(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const jujuc = join(dir, 'jujuc');
  writeFileSync(jujuc, JUJUC_SCRIPT, { mode: 0o700 });
  chmodSync(jujuc, 0o700);
  for (const name of TOOL_NAMES) {
    const link = join(dir, name);
    if (!existsSync(link)) symlinkSync('jujuc', link);
  }
  return dir;
}
