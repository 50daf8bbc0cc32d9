// A script written for the real `juju` CLI (test/juju-script/deploy-integrate.sh) runs unchanged with
// the simulator's `juju` on PATH: the shim `ops-ts juju env` writes, as a user would put it there.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, packCharm } from '@ops-ts/cli';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-juju-script-${process.pid}.mjs`);
let home: string;
let keeper: string;
let greeter: string;

function run(file: string, args: readonly string[], env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { env, cwd: home, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

beforeAll(async () => {
  await buildCli(cli);
  home = mkdtempSync(join(tmpdir(), 'ops-ts-juju-script-'));
  const out = mkdtempSync(join(tmpdir(), 'ops-ts-pack-'));
  keeper = await packCharm(loadProject(join(root, 'examples/secret-keeper')), out);
  greeter = await packCharm(loadProject(join(root, 'examples/greeter')), out);
});
afterAll(() => {
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
});

it('deploys, integrates, waits for active and reads an action result through the juju shim', async () => {
  const { JUJU_MODEL: _model, ...inherited } = process.env;
  const base = { ...inherited, OPS_TS_SIM_HOME: home };
  const env = await run(process.execPath, [cli, 'juju', 'env'], base);
  expect(env.code).toBe(0);
  // The printed lines are `export OPS_TS_SIM_HOME=...` and `export PATH=<bin>:"$PATH"`.
  const bin = /^export PATH='([^']+)':"\$PATH"$/m.exec(env.stdout)?.[1];
  expect(bin).toBe(join(home, 'bin'));
  const script = join(root, 'test/juju-script/deploy-integrate.sh');
  const r = await run('bash', [script, keeper, greeter], {
    ...base,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    MODEL: 'script',
  });
  expect(r.stderr).not.toMatch(/^ERROR/m);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('model script is active\n');
  expect(r.stdout).toMatch(
    /^rotated on keeper\/0: 32 hex characters, secret keeper-password \(1 rotation\(s\)\)$/m,
  );
  // The script's trap destroyed its model.
  const models = await run(process.execPath, [cli, 'juju', 'models', '--format', 'json'], base);
  expect(JSON.parse(models.stdout).models).toEqual([]);
}, 120_000);
