// `ops-ts sim deploy --workloads real`, one CLI process per command: the container's Pebble daemon
// outlives the commands and supervises a real HTTP server. Killing the server takes its http check
// down; Pebble's on-failure restart (after backoff-delay) brings it and the check back, while no
// command runs. destroy-model leaves no process behind. Every wait polls against a deadline.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { Client } from '../packages/pebble/src/index.js';
import { packShellCharm } from '../packages/sim/test/shell-charm.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-test-${process.pid}-real-workloads.mjs`);
let charm: string;
let model: string;
let serverDir: string;

/** The workload: answers its pid on the host port that stands for container port 8080. */
const SERVER = `import { createServer } from 'node:http';
const port = Number(process.env.OPS_TS_PORT_8080);
createServer((req, res) => res.end(JSON.stringify({ pid: process.pid }))).listen(port, '127.0.0.1', () =>
  console.log('listening on', port),
);
`;

function layer(serverPath: string): string {
  return JSON.stringify({
    action: 'add',
    label: 'web',
    format: 'yaml',
    combine: true,
    layer: [
      'services:',
      '  web:',
      '    override: replace',
      `    command: node ${serverPath}`,
      '    startup: enabled',
      // Long enough for the check to see the server gone before Pebble restarts it.
      '    backoff-delay: 4s',
      '    kill-delay: 1s',
      'checks:',
      '  up:',
      '    override: replace',
      '    period: 200ms',
      '    threshold: 2',
      '    http:',
      '      url: http://localhost:8080/',
      '',
    ].join('\n'),
  });
}

function dispatch(serverPath: string): string {
  return `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
api() { curl -sf --unix-socket "$OPS_TS_PEBBLE_DIR/web/pebble.socket" "$@"; }
case "$hook" in
  web-pebble-ready)
    api -XPOST http://localhost/v1/layers -d '${layer(serverPath)}' >/dev/null || exit 1
    api -XPOST http://localhost/v1/services -d '{"action":"replan","services":[]}' >/dev/null || exit 1
    status-set active "replanned" ;;
  web-pebble-check-failed) status-set blocked "check $JUJU_PEBBLE_CHECK_NAME of $JUJU_WORKLOAD_NAME failed" ;;
  web-pebble-check-recovered) status-set active "check $JUJU_PEBBLE_CHECK_NAME recovered" ;;
esac
`;
}

beforeAll(async () => {
  await buildCli(cli);
  serverDir = mkdtempSync(join(tmpdir(), 'ops-ts-real-server-'));
  writeFileSync(join(serverDir, 'server.mjs'), SERVER);
  charm = packShellCharm({
    name: 'web',
    containers: { web: { resource: 'web-image' } },
    dispatch: dispatch(join(serverDir, 'server.mjs')),
  });
  model = join(mkdtempSync(join(tmpdir(), 'ops-ts-sim-real-')), 'model');
});
afterAll(() => {
  // Whatever a failed test left behind.
  if (existsSync(model)) sim('destroy-model');
  rmSync(cli, { force: true });
  rmSync(serverDir, { recursive: true, force: true });
});

function sim(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'sim', ...args], {
    encoding: 'utf8',
    env: { ...process.env, OPS_TS_SIM_DIR: model },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface SavedSim {
  pebbleDaemons?: Record<string, Record<string, { pid: number; socket: string }>>;
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

/** Polls `probe` until it returns something other than undefined; fails after `ms`. */
async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function servedPid(port: number | undefined): Promise<number | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
  return ((await res.json()) as { pid: number }).pid;
}

describe('ops-ts sim --workloads real', () => {
  it('a killed workload takes its check down; on-failure restart brings both back', async () => {
    const deploy = sim('deploy', charm, '--workloads', 'real', '--workload-port', '8080');
    expect(deploy.stderr).toMatch(/^web\/0: web-pebble-ready ok/m);
    expect(deploy.code).toBe(0);
    const daemon = saved().pebbleDaemons?.['web/0']?.web;
    const port = saved().hostPorts?.['web/0']?.web?.['8080'];
    expect(daemon && alive(daemon.pid)).toBe(true);
    const client = new Client({ socketPath: daemon?.socket ?? '', timeout: 5 });
    const check = async () => (await client.getChecks({ names: ['up'] }))[0];
    const service = async () => (await client.getServices(['web']))[0]?.current;

    // The daemon ran the service after the deploy command ended; its check is up.
    const first = await eventually('the server to answer', () => servedPid(port));
    await eventually('the check to pass', async () => ((await check())?.successes ?? 0) > 0 || undefined);
    expect((await check())?.status).toBe('up');

    // Exec runs for real, with the port mapping in its environment.
    const exec = await client.exec(['sh', '-c', 'echo "$OPS_TS_PORT_8080"']);
    expect((await exec.waitOutput()).stdout.toString().trim()).toBe(String(port));

    process.kill(first, 'SIGKILL');
    await eventually('the service to back off', async () =>
      (await service()) === 'backoff' ? true : undefined,
    );
    await eventually('the check to go down', async () =>
      (await check())?.status === 'down' ? true : undefined,
    );
    expect((await check())?.failures).toBeGreaterThanOrEqual(2);
    // The next command tells the charm, as Juju does when the perform-check change fails.
    const failed = sim('wait');
    expect(failed.stderr).toMatch(/^web\/0: web-pebble-check-failed ok/m);
    expect(
      JSON.parse(sim('status', '--format', 'json').stdout).applications.web.units['web/0'],
    ).toMatchObject({
      'workload-status': { current: 'blocked', message: 'check up of web failed' },
    });

    // Pebble restarts it after backoff-delay; the check recovers.
    const second = await eventually('the restarted server', async () => {
      const pid = await servedPid(port);
      return pid !== first ? pid : undefined;
    });
    expect(await service()).toBe('active');
    await eventually('the check to recover', async () =>
      (await check())?.status === 'up' ? true : undefined,
    );
    const recovered = sim('wait');
    expect(recovered.stderr).toMatch(/^web\/0: web-pebble-check-recovered ok/m);
    expect(recovered.stderr).not.toMatch(/check-failed/);
    // Nothing new since: no more check hooks.
    expect(sim('wait').stderr).not.toMatch(/pebble-check/);
    const changes = (await client.getChanges({ select: 'all' })).map((c) => `${c.kind}:${c.status}`);
    expect(changes).toEqual(
      expect.arrayContaining(['perform-check:Error', 'recover-check:Done', 'perform-check:Doing']),
    );

    // The model shows the mode; debug-log has the service's output.
    const status = JSON.parse(sim('status', '--format', 'json').stdout);
    expect(status.applications.web.workloads).toBe('real');
    expect(
      JSON.parse(sim('show-unit', 'web/0', '--format', 'json').stdout)['web/0']['pebble-daemons'].web.pid,
    ).toBe(daemon?.pid);
    expect(sim('debug-log').stdout).toMatch(/workload\.web\.web .*\[web\] listening on/);

    const destroy = sim('destroy-model');
    expect(destroy.code).toBe(0);
    expect(existsSync(model)).toBe(false);
    await eventually('every process to be gone', async () =>
      [daemon?.pid ?? 0, second].some(alive) ? undefined : true,
    );
    expect(existsSync(daemon?.socket ?? '')).toBe(false);
  });

  it('a dead daemon is replaced (state lost, pebble-ready again); stop-workloads ends it all', async () => {
    expect(sim('deploy', charm, '--workloads', 'real', '--workload-port', '8080', '-q').code).toBe(0);
    const port = saved().hostPorts?.['web/0']?.web?.['8080'];
    const old = saved().pebbleDaemons?.['web/0']?.web;
    const first = await eventually('the server to answer', () => servedPid(port));
    // The daemon dies without stopping its service (like a crashed pod's pebble).
    process.kill(old?.pid ?? 0, 'SIGKILL');
    await eventually('the daemon to die', async () => (alive(old?.pid ?? 0) ? undefined : true));

    const next = sim('update-status');
    expect(next.code).toBe(0);
    expect(next.stderr).toContain(
      `ops-ts sim: the Pebble daemon of web/0 container web (pid ${old?.pid}) is gone; starting a new one`,
    );
    expect(next.stderr).toMatch(/^web\/0: web-pebble-ready ok/m);
    // The orphaned server was killed, the new daemon runs the service again from pebble-ready's layer.
    expect(alive(first)).toBe(false);
    const renewed = saved().pebbleDaemons?.['web/0']?.web;
    expect(renewed?.pid).not.toBe(old?.pid);
    const second = await eventually('the new server', async () => {
      const pid = await servedPid(port);
      return pid !== first ? pid : undefined;
    });

    expect(sim('stop-workloads', 'web').code).toBe(0);
    expect(alive(renewed?.pid ?? 0)).toBe(false);
    expect(alive(second)).toBe(false);
    expect(saved().pebbleDaemons?.['web/0']).toBeUndefined();

    // The next hook starts a fresh daemon and tells the charm with pebble-ready.
    const again = sim('update-status');
    expect(again.stderr).toMatch(/^web\/0: web-pebble-ready ok/m);
    const third = await eventually('the server after stop-workloads', async () => {
      const pid = await servedPid(port);
      return pid !== second ? pid : undefined;
    });
    expect(sim('destroy-model').code).toBe(0);
    await eventually('the server to be gone', async () => (alive(third) ? undefined : true));
  });

  it("remove-unit ends the unit's daemon and its services", async () => {
    expect(sim('deploy', charm, '--workloads', 'real', '--workload-port', 'web:8080', '-q').code).toBe(0);
    const port = saved().hostPorts?.['web/0']?.web?.['8080'];
    const daemon = saved().pebbleDaemons?.['web/0']?.web;
    const server = await eventually('the server to answer', () => servedPid(port));
    const removed = sim('remove-unit', 'web/0');
    expect(removed.code).toBe(0);
    expect(removed.stderr).toMatch(/^web\/0: remove ok/m);
    expect(alive(daemon?.pid ?? 0)).toBe(false);
    expect(alive(server)).toBe(false);
    expect(saved().pebbleDaemons?.['web/0']).toBeUndefined();
    expect(sim('destroy-model').code).toBe(0);
  });

  it.each([
    [
      'an unknown mode',
      ['--workloads', 'fake'],
      'ERROR invalid workloads mode "fake" (expected "stub" or "real")',
    ],
    [
      'a port without real workloads',
      ['--workload-port', '8080'],
      'ERROR workload ports need --workloads real',
    ],
    [
      'a bad port',
      ['--workloads', 'real', '--workload-port', 'web:http'],
      'ERROR invalid --workload-port "web:http" (expected [container:]port, port 1-65535)',
    ],
    [
      'an undeclared container',
      ['--workloads', 'real', '--workload-port', 'db:5432'],
      'ERROR the charm has no container "db"',
    ],
  ])('deploy refuses %s with one ERROR line', (_label, args, error) => {
    const r = sim('deploy', charm, ...args);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([error]);
    if (existsSync(model)) sim('destroy-model');
  });
});
