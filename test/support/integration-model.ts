// The model an integration test runs in, on either backend of @ops-ts/jubilant: by default a fresh
// simulated model under a temporary OPS_TS_SIM_HOME (destroyed after the file), with
// OPS_TS_JUJU_BACKEND=real the current model of the `juju` on PATH (for example `juju add-model test`
// on microk8s), where the file's applications are removed afterwards. Each charm test file calls
// `useIntegrationModel` once at its top.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadProject, packCharm } from '@ops-ts/cli';
import { backendFromEnv, Juju, type JujuOptions } from '@ops-ts/jubilant';
import { afterAll, beforeAll } from 'vitest';

const exec = promisify(execFile);

/** The repository root. */
export const ROOT = new URL('../..', import.meta.url).pathname;

/** What a test file gets: the client, which backend it is on, and helpers that differ between them. */
export interface IntegrationModel {
  /** The client, pointed at the model. */
  readonly juju: Juju;
  /** True on a real Juju model. */
  readonly real: boolean;
  /** Seconds between status polls in `wait` (a real model is slower to change). */
  readonly delay: number;
  /** A vitest timeout for one test on this backend, in ms. */
  readonly timeout: number;
  /** Packs the charm project at `dir` (relative to the repository root); a real model's charm carries Node. */
  pack(dir: string): Promise<string>;
  /** Runs `ops-ts sim <verb> -m <model> ...args` (stand-ins, stubs) on the simulated model; refused on a real one. */
  sim(...args: string[]): Promise<string>;
  /** A temporary directory for the test's own files, removed after the file. */
  readonly scratch: string;
}

/**
 * Sets up the model for the calling test file (vitest beforeAll/afterAll): a fresh simulated model named
 * `name`, or the real backend's current model. `apps` are removed from a real model after the file.
 */
export function useIntegrationModel(name: string, apps: readonly string[]): IntegrationModel {
  const backend = backendFromEnv();
  const real = backend.name === 'real';
  const home = mkdtempSync(join(tmpdir(), `ops-ts-it-${name}-`));
  const scratch = mkdtempSync(join(tmpdir(), `ops-ts-it-${name}-files-`));
  // A pinned model directory from the caller's shell would override the temporary home.
  const { OPS_TS_SIM_DIR: _pinned, ...inherited } = process.env;
  const env = { ...inherited, OPS_TS_SIM_HOME: home };
  const options: JujuOptions = real
    ? { backend, waitTimeout: 1200 }
    : { backend, env, cwd: home, waitTimeout: 120 };
  const juju = new Juju(options);

  beforeAll(async () => {
    if (!real) {
      await juju.addModel(name);
      return;
    }
    // One clear failure for the file when there is no juju or no current model, not one per test.
    try {
      await juju.status();
    } catch (error) {
      const why = (error as Error).message.split('\n')[0];
      throw new Error(
        `OPS_TS_JUJU_BACKEND=real needs a juju with a current model (juju add-model test): ${why}`,
      );
    }
  }, 120_000);
  afterAll(async () => {
    if (real) await juju.removeApplication(apps, { force: true }).catch(() => {});
    else await juju.destroyModel(name).catch(() => {});
    rmSync(home, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }, 600_000);

  return {
    juju,
    real,
    delay: real ? 3 : 0.2,
    timeout: real ? 1_800_000 : 180_000,
    scratch,
    pack: (dir) =>
      // A real model's units have no node: the charm carries this one (OPS_TS_CHARM_NODE to choose).
      packCharm(loadProject(join(ROOT, dir)), scratch, {
        ...(real && { node: process.env.OPS_TS_CHARM_NODE || process.execPath }),
      }),
    sim: async (...args) => {
      if (real) throw new Error(`\`ops-ts sim ${args[0] ?? ''}\` is a simulator extra: not on a real model`);
      const script = backend.prefix[0] ?? ''; // the CLI script, before its `juju` verb
      const [verb = '', ...rest] = args;
      const argv = [script, 'sim', verb, '-m', name, ...rest];
      const { stdout } = await exec(backend.command, argv, { env, cwd: home });
      return stdout;
    },
  };
}
