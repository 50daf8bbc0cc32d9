// Which `juju` the client runs, chosen by the environment: `OPS_TS_JUJU_BACKEND=sim` (the default) runs
// the simulator's juju verbs (`node <@ops-ts/cli>/dist/ops-ts.mjs juju ...`, or `node $OPS_TS_CLI juju ...`
// to use another checkout's CLI), `OPS_TS_JUJU_BACKEND=real`
// runs `juju` from PATH (`$OPS_TS_JUJU_BINARY` if set) against its current controller.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The environment variable that picks the backend. */
export const BACKEND_ENV = 'OPS_TS_JUJU_BACKEND';

/** `sim`: the ops-ts simulator; `real`: the juju CLI on PATH. */
export type BackendName = 'sim' | 'real';

/** A way to run juju: `command ...prefix <juju args>`. */
export interface Backend {
  /** Which backend this is. */
  readonly name: BackendName;
  /** The program to run. */
  readonly command: string;
  /** Arguments before juju's own (for the simulator: the CLI script and `juju`). */
  readonly prefix: readonly string[];
}

/** The simulator's `ops-ts juju`, run by this Node. */
export function simBackend(cliScript: string = resolveOpsTsCli()): Backend {
  return { name: 'sim', command: process.execPath, prefix: [cliScript, 'juju'] };
}

/** The juju CLI (`juju` from PATH unless a path is given). */
export function realBackend(binary = 'juju'): Backend {
  return { name: 'real', command: binary, prefix: [] };
}

/** The backend `env` asks for; an unknown value fails in one line naming it. */
export function backendFromEnv(env: NodeJS.ProcessEnv = process.env): Backend {
  const name = env[BACKEND_ENV] || 'sim';
  if (name === 'sim') return simBackend(env.OPS_TS_CLI || undefined);
  if (name === 'real') return realBackend(env.OPS_TS_JUJU_BINARY || 'juju');
  throw new Error(`${BACKEND_ENV}=${JSON.stringify(name)}: expected "sim" or "real"`);
}

/**
 * The `ops-ts` CLI script of the installed `@ops-ts/cli` (this workspace's, or the one next to this
 * package): its bundled `dist/ops-ts.mjs` when built, else its `ops-ts` bin, which builds it first.
 */
export function resolveOpsTsCli(): string {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@ops-ts/cli');
  } catch {
    throw new Error(`@ops-ts/cli is not installed: install it for the simulator, or set ${BACKEND_ENV}=real`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; bin?: Record<string, string> };
    if (pkg.name !== '@ops-ts/cli') continue;
    const bundle = join(dir, 'dist/ops-ts.mjs');
    return existsSync(bundle) ? bundle : join(dir, pkg.bin?.['ops-ts'] ?? 'bin/ops-ts.mjs');
  }
  throw new Error(`@ops-ts/cli resolved to ${entry}, but no package.json of @ops-ts/cli is above it`);
}
