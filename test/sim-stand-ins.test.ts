// Service stand-ins through the `ops-ts sim` CLI, one process per command: the stand-in outlives the
// command that started it (which must not wait for it), later commands find it, and the cleanup
// verbs kill it. Bad input gives one ERROR line, exit 1 and an unchanged model.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { packWebCharm, writeStandInServer } from '../packages/sim/test/stand-in-fixtures.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-test-${process.pid}-stand-ins.mjs`);
let charm: string;
let serverDir: string;
let model: string;

beforeAll(async () => {
  await buildCli(cli);
  charm = packWebCharm();
  serverDir = writeStandInServer();
  model = join(mkdtempSync(join(tmpdir(), 'ops-ts-sim-stand-ins-')), 'model');
});
afterAll(() => {
  // Whatever a failed test left behind.
  if (existsSync(model)) sim('stop-workloads');
  rmSync(cli, { force: true });
});

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'sim', ...args], {
    encoding: 'utf8',
    cwd: serverDir,
    env: { ...process.env, OPS_TS_SIM_DIR: model },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SavedSim {
  workloads?: Record<string, Record<string, Record<string, { pid: number }>>>;
  hostPorts?: Record<string, Record<string, Record<string, number>>>;
}
const saved = (): SavedSim => JSON.parse(readFileSync(join(model, 'sim.json'), 'utf8')) as SavedSim;

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function greeting(port: number | undefined): Promise<string | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
    return ((await res.json()) as { greeting: string }).greeting;
  } catch {
    return undefined;
  }
}

describe('ops-ts sim service-stand-in', () => {
  it('runs the stand-in across commands; stop-workloads and destroy-model kill it', async () => {
    expect(sim('deploy', charm, '--no-wait', '-q').code).toBe(0);
    const record = sim(
      'service-stand-in',
      'web',
      'web',
      'web',
      '--port',
      '8080',
      '--',
      'node',
      './server.mjs',
    );
    expect(record.stderr).toBe('');
    expect(record.code).toBe(0);
    const started = Date.now();
    const wait = sim('wait');
    expect(wait.code).toBe(0);
    expect(wait.stderr).toMatch(/^web\/0: web-pebble-ready ok/m);
    // The CLI exits although the stand-in runs on (its output goes to a file, not to our pipes).
    expect(Date.now() - started).toBeLessThan(30_000);
    const status = JSON.parse(sim('status', '--format', 'json').stdout);
    expect(status.applications.web.units['web/0']['workload-status'].message).toBe(
      'web=active answer=GREETING_VALUE',
    );
    const pid = saved().workloads?.['web/0']?.web?.web?.pid ?? 0;
    const port = saved().hostPorts?.['web/0']?.web?.['8080'];
    expect(alive(pid)).toBe(true);
    expect(await greeting(port)).toBe('GREETING_VALUE');

    expect(sim('update-status').code).toBe(0);
    expect(alive(pid)).toBe(true);

    const stop = sim('stop-workloads', 'web');
    expect(stop.code).toBe(0);
    expect(alive(pid)).toBe(false);
    expect(await greeting(port)).toBeUndefined();

    sim('config', 'web', 'mode=start');
    const again = saved().workloads?.['web/0']?.web?.web?.pid ?? 0;
    expect(alive(again)).toBe(true);
    expect(saved().hostPorts?.['web/0']?.web?.['8080']).toBe(port);

    const destroy = sim('destroy-model');
    expect(destroy.code).toBe(0);
    expect(alive(again)).toBe(false);
    expect(existsSync(model)).toBe(false);
    const missing = sim('destroy-model');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(`ERROR no model in ${model}\n`);
  });

  it.each([
    ['an unknown application', ['nope', 'web', 'web', '--', 'node'], 'ERROR application "nope" not found'],
    [
      'an undeclared container',
      ['web', 'db', 'web', '--', 'node'],
      'ERROR application "web" has no container "db"',
    ],
    [
      'a bad port',
      ['web', 'web', 'web', '--port', 'http', '--', 'node'],
      'ERROR invalid port "http" (expected 1-65535)',
    ],
  ])('refuses %s with one ERROR line and an unchanged model', (_name, args, error) => {
    if (!existsSync(join(model, 'state.json'))) {
      expect(sim('deploy', charm, '--no-wait', '-q').code).toBe(0);
      sim('status'); // the first open after a deploy records its agents as not running
    }
    const before = readFileSync(join(model, 'sim.json'), 'utf8');
    const r = sim('service-stand-in', ...args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([error]);
    expect(readFileSync(join(model, 'sim.json'), 'utf8')).toBe(before);
  });

  it('refuses a stand-in without a command', () => {
    const r = sim('service-stand-in', 'web', 'web', 'web');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: missing required argument 'command'/);
  });
});
