// End to end in the simulator: the packed example charms deployed, integrated, configured, scaled and
// removed, with the model state and the recorded hook order asserted.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, packCharm } from '@ops-ts/cli';
import { type HookLogEntry, Simulator } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const webserverDir = join(root, 'examples/webserver');
let greeter: string;

beforeAll(async () => {
  greeter = await packCharm(
    loadProject(join(root, 'examples/greeter')),
    mkdtempSync(join(tmpdir(), 'ops-ts-pack-')),
  );
});

const hooks = (sim: Simulator, unit: string, since: number) =>
  sim
    .hookLog()
    .filter((e: HookLogEntry) => e.unit === unit && e.seq > since)
    .map((e) =>
      e.remoteUnit ? `${e.hook}(${e.remoteUnit})` : e.remoteApp ? `${e.hook}(${e.remoteApp})` : e.hook,
    );

describe('greeter in the simulator', () => {
  let sim: Simulator;
  afterAll(async () => sim?.close());

  it('deploys, integrates, reconfigures, scales and removes', async () => {
    sim = Simulator.open({ modelDir: mkdtempSync(join(tmpdir(), 'ops-ts-sim-e2e-')), concurrency: 2 });
    sim.deploy(greeter, { numUnits: 2, config: { greeting: 'hi' } });
    sim.deploy(greeter, { app: 'fan' });
    await sim.settle();
    expect(hooks(sim, 'greeter/0', 0).slice(0, 5)).toEqual([
      'install',
      'greeters-relation-created',
      'leader-elected',
      'config-changed',
      'start',
    ]);
    expect(hooks(sim, 'greeter/1', 0)).toContain('leader-settings-changed');

    // integrate: created, then joined → changed per remote unit.
    let since = sim.sim.hookSeq;
    const id = sim.integrate('greeter:greeting', 'fan:audience');
    await sim.settle();
    expect(hooks(sim, 'fan/0', since).slice(0, 5)).toEqual([
      'audience-relation-created',
      'audience-relation-joined(greeter/0)',
      'audience-relation-changed(greeter/0)',
      'audience-relation-joined(greeter/1)',
      'audience-relation-changed(greeter/1)',
    ]);
    const rel = () => sim.state.relations[String(id)];
    expect(rel()?.appData.greeter).toEqual({ greeting: 'hi' });
    expect(rel()?.unitData['greeter/1']).toMatchObject({ host: 'greeter-1.local:8080' });
    expect(sim.status().applications.greeter?.units['greeter/0']?.['workload-status']).toEqual({
      current: 'active',
      message: 'greeting 1 audience member(s)',
    });

    // config: config-changed on each greeter unit; the fan hears about the new app data.
    since = sim.sim.hookSeq;
    sim.setConfig('greeter', { greeting: 'hey', port: '9090' });
    await sim.settle();
    expect(hooks(sim, 'greeter/1', since)).toEqual(['config-changed']);
    expect(hooks(sim, 'fan/0', since)).toEqual(
      expect.arrayContaining(['audience-relation-changed(greeter)', 'audience-relation-changed(greeter/0)']),
    );
    expect(rel()?.appData.greeter).toEqual({ greeting: 'hey' });
    expect(rel()?.unitData['greeter/0']?.host).toBe('greeter-0.local:9090');

    // scale up: the new unit installs and joins; the fan joins it.
    since = sim.sim.hookSeq;
    sim.addUnit('greeter');
    await sim.settle();
    expect(hooks(sim, 'greeter/2', since).slice(0, 7)).toEqual([
      'install',
      'greeters-relation-created',
      'greeting-relation-created',
      'leader-settings-changed',
      'config-changed',
      'start',
      'greeters-relation-joined(greeter/0)',
    ]);
    expect(hooks(sim, 'fan/0', since).slice(0, 2)).toEqual([
      'audience-relation-joined(greeter/2)',
      'audience-relation-changed(greeter/2)',
    ]);
    expect(rel()?.unitData['greeter/2']?.host).toBe('greeter-2.local:9090');

    // scale down and remove the relation.
    since = sim.sim.hookSeq;
    sim.removeUnit(['greeter/2']);
    sim.removeRelation('greeter', 'fan');
    await sim.settle();
    expect(hooks(sim, 'greeter/2', since)).toEqual([
      'stop',
      'greeters-relation-departed(greeter/0)',
      'greeters-relation-departed(greeter/1)',
      'greeting-relation-departed(fan/0)',
      'greeting-relation-broken',
      'remove',
    ]);
    expect(hooks(sim, 'fan/0', since)).toEqual([
      'audience-relation-departed(greeter/2)',
      'audience-relation-departed(greeter/0)',
      'audience-relation-departed(greeter/1)',
      'audience-relation-broken',
    ]);
    expect(rel()).toBeUndefined();
    expect(sim.status().applications.greeter?.units['greeter/0']?.['workload-status'].message).toBe(
      'no audience yet',
    );

    // remove the application.
    sim.removeApplication('fan');
    await sim.settle();
    expect(Object.keys(sim.state.applications)).toEqual(['greeter']);
    expect(Object.keys(sim.state.units)).toEqual(['greeter/0', 'greeter/1']);
    expect(sim.hookLog().every((e) => e.exitCode === 0)).toBe(true);
    expect(sim.pendingHooks()).toBe(0);
  });
});

describe.skipIf(!existsSync(join(webserverDir, 'charmcraft.yaml')))('webserver (Kubernetes example)', () => {
  it('gets its Pebble layer on pebble-ready, with exec answered by a stub', async () => {
    const charm = await packCharm(loadProject(webserverDir), mkdtempSync(join(tmpdir(), 'ops-ts-pack-')));
    const sim = Simulator.open({ modelDir: mkdtempSync(join(tmpdir(), 'ops-ts-sim-k8s-')), concurrency: 1 });
    try {
      sim.deploy(charm);
      sim.addExecStub('webserver', {
        container: 'webserver',
        command: ['python3', '--version'],
        exitCode: 0,
        stdout: 'Python 3.12.3\n',
        stderr: '',
      });
      await sim.settle();
      expect(sim.unitsInError()).toEqual([]);
      expect(sim.plan('webserver/0', 'webserver').services?.webserver?.command).toContain('http.server 8080');
      expect(sim.status().applications.webserver).toMatchObject({
        version: '3.12.3',
        'application-status': { current: 'active', message: 'serving on port 8080' },
      });
    } finally {
      await sim.close();
    }
  });
});
