import type { Invoke } from './runner.js';

/** `resource-get <name>` → the local path of the resource file (Juju prints it without a newline). */
export function resourceGet(run: Invoke, name: string): string {
  return run('resource-get', [name]).trim();
}
