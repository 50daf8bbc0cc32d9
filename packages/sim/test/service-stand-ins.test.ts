// Service stand-ins: a host process runs in place of a Pebble service, the charm reaches it on a mapped
// loopback port, it outlives the command that started it, and every way of stopping it kills its group.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/index.js';
import { openSim } from './helpers.js';
import { packWebCharm, writeStandInServer } from './stand-in-fixtures.js';

let charm: string;
let serverDir: string;
beforeAll(() => {
  charm = packWebCharm();
  serverDir = writeStandInServer();
});

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.stopWorkloads();
  await sim?.close();
  sim = undefined;
});

const message = (s: Simulator, unit = 'web/0') => s.state.units[unit]?.status.message;
const record = (s: Simulator, unit = 'web/0') => s.sim.workloads?.[unit]?.web?.web;
const hostPort = (s: Simulator, unit = 'web/0') => s.sim.hostPorts?.[unit]?.web?.['8080'];

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX]/.test(stat);
  } catch {
    return false;
  }
}

async function get(
  port: number | undefined,
  path = '/',
): Promise<{ greeting: string; cwd: string; pid: number; env: string[] } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(2000) });
    const text = await res.text();
    return path === '/' ? JSON.parse(text) : { greeting: text, cwd: '', pid: 0, env: [] };
  } catch {
    return undefined;
  }
}

/** A model with the web charm deployed and its stand-in recorded before the first hook. */
async function deployed(units = 1): Promise<Simulator> {
  const s = openSim();
  s.deploy(charm, { numUnits: units });
  s.addServiceStandIn('web', 'web', 'web', ['node', 'server.mjs'], { ports: [8080], cwd: serverDir });
  await s.settle();
  return s;
}

describe('service stand-ins', () => {
  it('runs the stand-in in the container directory, with the plan environment and the mapped port', async () => {
    sim = await deployed();
    expect(sim.unitsInError()).toEqual([]);
    expect(message(sim)).toBe('web=active answer=GREETING_VALUE');
    const proc = record(sim);
    expect(proc?.command).toEqual(['node', join(serverDir, 'server.mjs')]);
    const answer = await get(hostPort(sim));
    expect(answer?.pid).toBe(proc?.pid);
    expect(answer?.cwd).toBe(sim.store.containerRoot('web/0', 'web'));
    expect(answer?.env).toEqual(['GREETING', 'HOME', 'LANG', 'OPS_TS_PORT_8080', 'PATH']);
    // Its own process group, so stopping it ends what it started.
    const stat = readFileSync(`/proc/${proc?.pid}/stat`, 'utf8');
    expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])).toBe(proc?.pid);
    const log = readFileSync(sim.store.workloadLog('web/0', 'web', 'web'), 'utf8');
    expect(log).toMatch(/ops-ts sim: starting node .*server\.mjs\n/);
    expect(log).toContain(`listening on ${hostPort(sim)}`);
  });

  it('keeps running after the command ends; a later command sees it active and reaches it', async () => {
    sim = await deployed();
    const dir = sim.store.dir;
    const pid = record(sim)?.pid ?? 0;
    const port = hostPort(sim);
    await sim.close();
    sim = undefined;
    expect(alive(pid)).toBe(true);
    expect((await get(port))?.greeting).toBe('GREETING_VALUE');

    sim = openSim({ modelDir: dir });
    sim.queueUpdateStatus();
    await sim.settle();
    expect(message(sim)).toBe('web=active answer=GREETING_VALUE');
    expect(hostPort(sim)).toBe(port);
  });

  it('stop kills the process group; start runs it again on the same port', async () => {
    sim = await deployed();
    const pid = record(sim)?.pid ?? 0;
    const helper = Number(readFileSync(join(sim.store.containerRoot('web/0', 'web'), 'helper.pid'), 'utf8'));
    const port = hostPort(sim);
    expect(alive(helper)).toBe(true);
    sim.setConfig('web', { mode: 'stop' });
    await sim.settle();
    expect(message(sim)).toBe('web=inactive answer=unreachable');
    expect(alive(pid)).toBe(false);
    expect(alive(helper)).toBe(false);
    expect(await get(port)).toBeUndefined();
    expect(record(sim)).toBeUndefined();

    sim.setConfig('web', { mode: 'start' });
    await sim.settle();
    expect(message(sim)).toBe('web=active answer=GREETING_VALUE');
    expect(record(sim)?.pid).not.toBe(pid);
    expect(hostPort(sim)).toBe(port);
  });

  it('restart and a replan of a changed service replace the process', async () => {
    sim = await deployed();
    const first = record(sim)?.pid ?? 0;
    sim.setConfig('web', { mode: 'restart' });
    await sim.settle();
    const second = record(sim)?.pid ?? 0;
    expect(second).not.toBe(first);
    expect(alive(first)).toBe(false);
    sim.setConfig('web', { mode: 'greeting=hello' });
    await sim.settle();
    expect(message(sim)).toBe('web=active answer=hello');
    expect(alive(second)).toBe(false);
  });

  it('a stand-in that crashes shows as error; one that exits at once fails the start', async () => {
    sim = await deployed();
    await get(hostPort(sim), '/crash');
    await new Promise((resolve) => setTimeout(resolve, 200));
    sim.queueUpdateStatus();
    await sim.settle();
    expect(message(sim)).toBe('web=error answer=unreachable');

    sim.addServiceStandIn('web', 'web', 'web', ['node', '-e', 'process.exit(3)']);
    sim.setConfig('web', { mode: 'start' });
    await sim.settle();
    expect(sim.state.units['web/0']?.status).toMatchObject({
      status: 'blocked',
      message: expect.stringContaining('web=error') as string,
    });
    expect(message(sim)).toContain('cannot start service: exited quickly with code 3');
  });

  it('remove-application kills its stand-ins and frees their records', async () => {
    sim = await deployed(2);
    const pids = ['web/0', 'web/1'].map((u) => record(sim as Simulator, u)?.pid ?? 0);
    expect(pids.every(alive)).toBe(true);
    expect(hostPort(sim, 'web/0')).not.toBe(hostPort(sim, 'web/1'));
    sim.removeApplication('web');
    await sim.settle();
    expect(pids.some(alive)).toBe(false);
    expect(sim.sim.workloads ?? {}).toEqual({});
    expect(sim.sim.hostPorts ?? {}).toEqual({});
    expect(sim.sim.orphanWorkloads).toBeUndefined();
  });

  it('remove-unit --force kills the unit stand-in by close at the latest', async () => {
    sim = await deployed(2);
    const pid = record(sim, 'web/1')?.pid ?? 0;
    const other = record(sim, 'web/0')?.pid ?? 0;
    sim.removeUnit(['web/1'], true);
    await sim.close();
    sim = undefined;
    expect(alive(pid)).toBe(false);
    expect(alive(other)).toBe(true);
    process.kill(-other, 'SIGKILL');
  });

  it('stopWorkloads kills them and marks the services inactive; destroy kills and deletes', async () => {
    sim = await deployed();
    const pid = record(sim)?.pid ?? 0;
    await sim.stopWorkloads(['web']);
    expect(alive(pid)).toBe(false);
    expect(sim.sim.pebble['web/0']?.web?.services.web?.current).toBe('inactive');
    sim.queueUpdateStatus();
    await sim.settle();
    expect(message(sim)).toBe('web=inactive answer=unreachable');

    sim.setConfig('web', { mode: 'start' });
    await sim.settle();
    const again = record(sim)?.pid ?? 0;
    expect(alive(again)).toBe(true);
    const dir = sim.store.dir;
    await sim.destroy();
    sim = undefined;
    expect(alive(again)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('debug-log shows the stand-in output after Juju lines, with secret contents redacted', async () => {
    sim = await deployed();
    sim.addSecret('api', { token: 'sekrit-token-1' });
    sim.setConfig('web', { mode: 'greeting=sekrit-token-1' });
    await sim.settle();
    expect(message(sim)).toBe('web=active answer=sekrit-token-1');
    const lines = sim.debugLog({ include: ['web/0'] });
    const workload = lines.filter((l) => l.startsWith('unit-web-0: workload.web.web '));
    expect(workload.some((l) => l.includes('ops-ts sim: starting node'))).toBe(true);
    expect(workload.at(-1)).toBe(
      `unit-web-0: workload.web.web listening on ${hostPort(sim)} greeting **redacted**`,
    );
    expect(lines.join('\n')).not.toContain('sekrit-token-1');
    expect(sim.debugLog({ level: 'WARNING' }).some((l) => l.includes('workload.'))).toBe(false);
    expect(sim.debugLog({ lines: 1 })).toEqual([workload.at(-1)]);
  });

  it('keeps the model files private (0600): they hold plan environments and secrets', async () => {
    sim = await deployed();
    for (const file of ['state.json', 'sim.json', 'hooks.jsonl']) {
      expect((statSync(join(sim.store.dir, file)).mode & 0o777).toString(8)).toBe('600');
    }
    expect((statSync(sim.store.workloadLog('web/0', 'web', 'web')).mode & 0o777).toString(8)).toBe('600');
  });

  it.each([
    ['an unknown application', ['nope', 'web', 'web', ['node']], 'application "nope" not found'],
    [
      'a container the charm does not declare',
      ['web', 'db', 'web', ['node']],
      'application "web" has no container "db"',
    ],
    ['no command', ['web', 'web', 'web', []], 'service stand-in needs a command'],
    ['a bad service name', ['web', 'web', '../x', ['node']], 'invalid service name "../x"'],
  ] as const)(
    'refuses %s and leaves the model unchanged',
    (_name, [app, container, service, command], error) => {
      sim = openSim();
      sim.deploy(charm);
      const before = JSON.stringify(sim.sim);
      expect(() => sim?.addServiceStandIn(app, container, service, [...command])).toThrow(error);
      expect(JSON.stringify(sim.sim)).toBe(before);
    },
  );

  it('refuses a port out of range', () => {
    sim = openSim();
    sim.deploy(charm);
    expect(() => sim?.addServiceStandIn('web', 'web', 'web', ['node'], { ports: [70000] })).toThrow(
      'invalid port 70000 (expected 1-65535)',
    );
  });
});
