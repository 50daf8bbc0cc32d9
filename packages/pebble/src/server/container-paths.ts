/**
 * Container paths on a host that has no container: the files root stands for `/`. A real container
 * sees only its own filesystem; here a command runs on the host, so an absolute path that exists under
 * the files root (a script or directory the charm pushed) is taken from there, and any other (the
 * host's `/usr/bin/python3`) is left as it is.
 */
import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';

/** The host path of a container path (never outside the files root). */
export function containerPath(filesRoot: string, path: string): string {
  return join(filesRoot, posix.normalize(`/${path}`));
}

/** The argv with absolute paths that exist under the files root mapped there. */
export function mapArgs(filesRoot: string, argv: readonly string[]): string[] {
  return argv.map((arg) => {
    if (!arg.startsWith('/') || arg === '/') return arg;
    const host = containerPath(filesRoot, arg);
    return existsSync(host) ? host : arg;
  });
}

/** PATH, HOME and LANG of this process: what commands get besides their own environment. */
export function minimalEnvironment(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
  };
}
