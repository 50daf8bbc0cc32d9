import { describe, expect, it } from 'vitest';
import { APIError, ChangeError, type Layer, socketPathFor } from '../src/index.js';
import { startPebble } from './helpers.js';

const base: Layer = {
  summary: 'base',
  services: {
    web: { override: 'replace', command: 'web --port 80', startup: 'enabled', environment: { A: '1' } },
    worker: { override: 'replace', command: 'worker', startup: 'disabled' },
  },
};

describe('socketPathFor', () => {
  it('uses /charm/containers by default and OPS_TS_PEBBLE_DIR when set', () => {
    expect(socketPathFor('workload', {})).toBe('/charm/containers/workload/pebble.socket');
    expect(socketPathFor('workload', { OPS_TS_PEBBLE_DIR: '/tmp/sim' })).toBe(
      '/tmp/sim/workload/pebble.socket',
    );
  });
});

describe('layers and plan', () => {
  it('adds a layer and returns the parsed plan', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    const plan = await client.getPlan();
    expect(plan.services.web?.command).toBe('web --port 80');
    expect(plan.services.worker?.startup).toBe('disabled');
    expect(server.layers().map((l) => l.label)).toEqual(['base']);
  });

  it('rejects a duplicate label unless combine is set, then merges into it', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    const extra: Layer = { services: { web: { override: 'merge', environment: { B: '2' } } } };
    const err = await client.addLayer('base', extra).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).code).toBe(400);
    expect((err as APIError).detail).toBe('layer "base" already exists');
    await client.addLayer('base', extra, { combine: true });
    expect((await client.getPlan()).services.web?.environment).toEqual({ A: '1', B: '2' });
    expect(server.layers()).toHaveLength(1);
  });

  it('rejects a service without override with Pebble text and leaves the plan alone', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    const err = (await client
      .addLayer('bad', 'services:\n  web:\n    command: x\n')
      .catch((e: unknown) => e)) as APIError;
    expect(err.detail).toBe('layer "bad" must define "override" for service "web"');
    expect(server.getPlan().services?.web?.command).toBe('web --port 80');
  });

  it('sends dict layers as sorted YAML without falsy fields', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('l', {
      services: { s: { override: 'replace', command: 'c', summary: '', after: [] } },
    });
    expect(server.layers()[0]?.layer).toEqual({ services: { s: { command: 'c', override: 'replace' } } });
  });
});

describe('services and changes', () => {
  it('replan starts enabled services and waits for the change', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    expect(server.serviceStatuses()).toEqual({ web: 'inactive', worker: 'inactive' });
    const changeId = await client.replan();
    expect(server.serviceStatuses()).toEqual({ web: 'active', worker: 'inactive' });
    const change = await client.getChange(changeId);
    expect(change).toMatchObject({ kind: 'replan', status: 'Done', ready: true });
    const services = await client.getServices();
    expect(services.map((s) => [s.name, s.startup, s.current])).toEqual([
      ['web', 'enabled', 'active'],
      ['worker', 'disabled', 'inactive'],
    ]);
  });

  it('replan restarts only services whose configuration changed', async () => {
    const { client } = await startPebble();
    await client.addLayer('base', base);
    await client.replan();
    await client.startServices(['worker']);
    await client.addLayer('more', { services: { web: { override: 'merge', environment: { A: '2' } } } });
    const change = await client.getChange(await client.replan());
    expect(change.tasks.map((t) => t.summary)).toEqual(['Stop service "web"', 'Start service "web"']);
    // servstate Replan(): enabled services always get a start task; a running one logs "already started".
    const unchanged = await client.getChange(await client.replan());
    expect(unchanged.tasks.map((t) => t.summary)).toEqual(['Start service "web"']);
    expect(unchanged.tasks[0]?.log[0]).toMatch(/ INFO Service "web" already started\.$/);
  });

  it('start, stop and restart change statuses; getServices filters by name', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    await client.startServices(['worker']);
    expect((await client.getServices(['worker']))[0]?.current).toBe('active');
    await client.restartServices(['worker', 'web']);
    expect(server.serviceStatuses()).toEqual({ web: 'active', worker: 'active' });
    await client.stopServices(['worker']);
    expect((await client.getServices(['worker'])).map((s) => s.current)).toEqual(['inactive']);
  });

  it('autostart starts startup-enabled services', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    await client.autostartServices();
    expect(server.serviceStatuses().web).toBe('active');
    expect(server.serviceStatuses().worker).toBe('inactive');
  });

  it('unknown service is an APIError', async () => {
    const { client } = await startPebble();
    await client.addLayer('base', base);
    const err = (await client.startServices(['nope']).catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    // api_services.go v1PostServices wraps plan.StartOrder's error.
    expect(err.detail).toBe('cannot start services: service "nope" does not exist');
  });

  it('a failed start raises ChangeError carrying the change and task logs', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    server.setServiceStartError('worker', 'exited quickly with code 1');
    const err = (await client.startServices(['worker']).catch((e: unknown) => e)) as ChangeError;
    expect(err).toBeInstanceOf(ChangeError);
    expect(err.err).toBe(
      'cannot perform the following tasks:\n- Start service "worker" (exited quickly with code 1)',
    );
    expect(err.change.status).toBe('Error');
    expect(err.message).toContain('----- Logs from task 0 -----');
    expect(err.message).toContain('ERROR exited quickly with code 1');
    expect(server.serviceStatuses().worker).toBe('error');
  });

  it('timeout 0 returns the change id without waiting', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    server.setServiceStartError('worker', 'boom');
    const id = await client.startServices(['worker'], { timeout: 0 });
    expect((await client.getChange(id)).err).toContain('boom');
  });

  it('getChanges selects by state and service', async () => {
    const { client } = await startPebble();
    await client.addLayer('base', base);
    const id = await client.startServices(['worker']);
    await client.startServices(['web']);
    expect(await client.getChanges()).toEqual([]);
    expect((await client.getChanges({ select: 'all' })).map((c) => c.id)).toHaveLength(2);
    expect((await client.getChanges({ select: 'ready', service: 'worker' })).map((c) => c.id)).toEqual([id]);
  });

  it('getChange of an unknown id is a 404 APIError', async () => {
    const { client } = await startPebble();
    const err = (await client.getChange('42').catch((e: unknown) => e)) as APIError;
    expect(err.code).toBe(404);
    expect(err.message).toContain('GET /v1/changes/42');
  });

  it('sendSignal reaches running services and is refused for stopped ones', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('base', base);
    await client.replan();
    await client.sendSignal('SIGHUP', ['web']);
    expect(server.signals()).toEqual([{ signal: 'SIGHUP', services: ['web'] }]);
    await expect(client.sendSignal('SIGHUP', ['worker'])).rejects.toThrow('service is not running');
  });
});
