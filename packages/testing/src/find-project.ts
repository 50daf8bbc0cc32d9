/**
 * Where a Context finds the charm's declarations when given none: the nearest `charmcraft.yaml` above
 * the test file that built the Context (with the split layout's metadata/config/actions.yaml beside it),
 * as Scenario loads the one above the charm's module. The test file stands in for the module: ESM classes do not know where they were defined.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This module's folder (the kit's src or dist): frames from it are the kit's, not the caller's. */
const KIT_DIR = dirname(fileURLToPath(import.meta.url));

/** The files of the stack (innermost first), from V8's structured call sites. */
function stackFiles(): string[] {
  const original = Error.prepareStackTrace;
  try {
    Error.prepareStackTrace = (_error, sites) => sites;
    const holder: { stack?: unknown } = {};
    Error.captureStackTrace(holder);
    const sites = holder.stack as NodeJS.CallSite[] | undefined;
    return (sites ?? []).map((s) => s.getFileName() ?? '').filter((f) => f !== '');
  } finally {
    Error.prepareStackTrace = original;
  }
}

function toPath(file: string): string {
  return file.startsWith('file:') ? fileURLToPath(file) : file;
}

/** The first file on the stack outside the kit and outside installed modules: the test file. */
function callerFile(): string | undefined {
  return stackFiles()
    .map(toPath)
    .find((f) => f.startsWith('/') && !resolve(f).startsWith(`${KIT_DIR}/`) && !f.includes('/node_modules/'));
}

/** The charm project folder above the caller (or the working directory); an error names where it looked. */
export function findCharmProject(): string {
  const caller = callerFile();
  const start = caller ? dirname(caller) : process.cwd();
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'charmcraft.yaml'))) return dir;
    if (dirname(dir) === dir) break;
  }
  throw new Error(
    `Context found no charmcraft.yaml in ${start} or above it: pass \`charmcraft\` (its path) or \`meta\``,
  );
}
