import type { Invoke } from './runner.js';

/** `application-version-set -- <version>`. */
export function applicationVersionSet(run: Invoke, version: string): void {
  run('application-version-set', ['--', version]);
}
