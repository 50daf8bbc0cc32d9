// Services, signals, checks and plan as Pebble v1.32 reports them, through raw HTTP and our client.
import { describe, expect, it } from 'vitest';
import type { APIError, Layer } from '../src/index.js';
import { startPebble } from './helpers.js';
import { message, raw } from './raw-http.js';

const layer: Layer = {
  services: {
    web: { override: 'replace', command: 'web', startup: 'enabled' },
    worker: { override: 'replace', command: 'worker' },
  },
  checks: {
    up: { override: 'replace', level: 'alive', http: { url: 'http://localhost/' } },
    off: { override: 'replace', startup: 'disabled', tcp: { port: 1 }, threshold: 5 },
  },
};

async function withLayer() {
  const f = await startPebble();
  await f.client.addLayer('base', layer);
  return f;
}

describe('GET /v1/services (servstate Services, api_services.go v1GetServices)', () => {
  it('reports startup disabled when unset and no current-since for a service that never ran', async () => {
    const { server, client } = await withLayer();
    const resp = await raw(server.socketPath, 'GET', '/v1/services');
    expect(resp.body.result).toEqual([
      { name: 'web', startup: 'enabled', current: 'inactive' },
      { name: 'worker', startup: 'disabled', current: 'inactive' },
    ]);
    await client.startServices(['worker']);
    const [worker] = await client.getServices(['worker']);
    expect(worker?.['current-since']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });
});

describe('POST /v1/services (api_services.go v1PostServices, servstate serviceForStart/serviceForStop)', () => {
  it.each([
    [
      'start of a running service',
      'start',
      ['web'],
      [['start', 'Start service "web"', 'Service "web" already started.']],
    ],
    [
      'restart: stop + start',
      'restart',
      ['web', 'worker'],
      [
        ['stop', 'Stop service "web"', undefined],
        ['stop', 'Stop service "worker"', 'Service "worker" has never been started.'],
        ['start', 'Start service "web"', undefined],
        ['start', 'Start service "worker"', undefined],
      ],
    ],
    [
      'stop of a service never started',
      'stop',
      ['worker'],
      [['stop', 'Stop service "worker"', 'Service "worker" has never been started.']],
    ],
  ])('%s', async (_name, action, services, tasks) => {
    const { server, client } = await withLayer();
    await client.replan();
    const resp = await raw(server.socketPath, 'POST', '/v1/services', { action, services });
    expect(resp.status).toBe(202);
    const change = await client.waitChange(String(resp.body.change));
    expect(change.status).toBe('Done');
    expect(change.tasks.map((t) => [t.kind, t.summary, t.log[0]?.replace(/^\S+ INFO /, '')])).toEqual(tasks);
    const summary =
      services.length === 1 ? `"${services[0]}"` : `"${services[0]}" and ${services.length - 1} more`;
    expect(change.summary).toBe(`${action[0]?.toUpperCase()}${action.slice(1)} service ${summary}`);
  });

  it.each([
    [{ action: 'start', services: ['nope'] }, 'cannot start services: service "nope" does not exist'],
    [{ action: 'stop', services: ['nope'] }, 'cannot stop services: service "nope" does not exist'],
    [{ action: 'restart', services: ['nope'] }, 'cannot restart services: service "nope" does not exist'],
    [{ action: 'start', services: [] }, 'must specify services for start action'],
    [{ action: 'bogus', services: ['web'] }, 'invalid action "bogus"'],
    [{ action: 'replan', services: ['web'] }, 'replan accepts no service names'],
    [{ action: 'autostart', services: ['web'] }, 'autostart accepts no service names'],
  ])('refuses %j with Pebble text', async (body, text) => {
    const { server, client } = await withLayer();
    const resp = await raw(server.socketPath, 'POST', '/v1/services', body);
    expect([resp.status, message(resp)]).toEqual([400, text]);
    if (body.action === 'start' && body.services.length > 0) {
      const err = (await client.startServices(body.services).catch((e: unknown) => e)) as APIError;
      expect(err.detail).toBe(text);
    }
  });

  it('autostart without enabled services is 400 kind no-default-services', async () => {
    const { server } = await startPebble();
    const resp = await raw(server.socketPath, 'POST', '/v1/services', { action: 'autostart' });
    expect([resp.status, resp.body.result]).toEqual([
      400,
      { message: 'no default services', kind: 'no-default-services' },
    ]);
  });
});

describe('POST /v1/signals (api_signals.go v1PostSignals, servstate SendSignal/sendSignal)', () => {
  it.each([
    [
      'unknown name to a running service',
      'SIGFOO',
      ['web'],
      'cannot send signal to "web": invalid signal name "SIGFOO"',
    ],
    [
      'an alias Go does not know',
      'SIGIOT',
      ['web'],
      'cannot send signal to "web": invalid signal name "SIGIOT"',
    ],
    ['a stopped service', 'SIGHUP', ['worker'], 'cannot send signal to "worker": service is not running'],
    [
      'a stopped service, bad name too',
      'SIGFOO',
      ['worker'],
      'cannot send signal to "worker": service is not running',
    ],
    [
      'both at once',
      'SIGHUP',
      ['worker', 'nope'],
      'cannot send signal to "worker": service is not running; cannot send signal to "nope": service is not running',
    ],
  ])('%s is a 500 with Pebble text', async (_name, signal, services, text) => {
    const { server, client } = await withLayer();
    await client.replan();
    const resp = await raw(server.socketPath, 'POST', '/v1/signals', { signal, services });
    expect([resp.status, message(resp)]).toEqual([500, text]);
    const err = (await client.sendSignal(signal, services).catch((e: unknown) => e)) as APIError;
    expect([err.code, err.detail]).toEqual([500, text]);
  });

  it('a running service takes a known signal', async () => {
    const { server, client } = await withLayer();
    await client.replan();
    await client.sendSignal('SIGUSR1', ['web']);
    expect(server.signals()).toEqual([{ signal: 'SIGUSR1', services: ['web'] }]);
    const resp = await raw(server.socketPath, 'POST', '/v1/signals', { signal: 'SIGHUP', services: [] });
    expect(message(resp)).toBe('must specify one or more services');
  });
});

describe('checks are changes (checkstate manager.go PlanChanged/StartChecks/StopChecks, api_checks.go)', () => {
  it('every running check has a change-id and a perform-check change; startup defaults to enabled', async () => {
    const { server, client } = await withLayer();
    const resp = await raw(server.socketPath, 'GET', '/v1/checks');
    const [off, up] = resp.body.result as Record<string, unknown>[];
    expect(off).toEqual({ name: 'off', startup: 'disabled', status: 'inactive', successes: 0, threshold: 5 });
    expect(up).toMatchObject({
      name: 'up',
      level: 'alive',
      startup: 'enabled',
      status: 'up',
      successes: 0,
      threshold: 3,
    });
    const changes = await client.getChanges();
    expect(changes.map((c) => [c.id, c.kind, c.summary])).toEqual([
      [up?.['change-id'], 'perform-check', 'Perform HTTP check "up"'],
    ]);
    expect(await client.startChecks(['off', 'up'])).toEqual(['off']);
    const started = (await client.getChecks({ names: ['off'] }))[0];
    expect((await client.getChange(started?.['change-id'] ?? '')).summary).toBe('Perform TCP check "off"');
  });

  it('a check going down moves to a recover-check change, and back', async () => {
    const { server, client } = await withLayer();
    const first = (await client.getChecks({ names: ['up'] }))[0]?.['change-id'];
    server.setCheckStatus('up', 'down');
    const down = (await client.getChecks({ names: ['up'] }))[0];
    expect(down).toMatchObject({ status: 'down', failures: 3, 'prev-change-id': first });
    expect((await client.getChange(down?.['change-id'] ?? '')).kind).toBe('recover-check');
    expect((await client.getChange(first ?? '')).status).toBe('Error');
    server.setCheckStatus('up', 'up');
    const back = (await client.getChecks({ names: ['up'] }))[0];
    expect(back).toMatchObject({ status: 'up', successes: 1, failures: 0 });
    expect((await client.getChange(back?.['change-id'] ?? '')).kind).toBe('perform-check');
  });

  it('stopping a check ends its change and clears its change-id', async () => {
    const { client } = await withLayer();
    const id = (await client.getChecks({ names: ['up'] }))[0]?.['change-id'] ?? '';
    expect(await client.stopChecks(['up'])).toEqual(['up']);
    expect(await client.getChecks({ names: ['up'] })).toMatchObject([{ status: 'inactive' }]);
    expect((await client.getChecks({ names: ['up'] }))[0]?.['change-id']).toBeUndefined();
    expect((await client.getChange(id)).ready).toBe(true);
  });

  it.each([
    [
      { action: 'start', checks: ['nope', 'gone'] },
      'cannot start checks: cannot find checks in plan: gone, nope',
    ],
    [{ action: 'stop', checks: ['nope'] }, 'cannot stop checks: cannot find checks in plan: nope'],
    [{ action: 'start', checks: [] }, 'must specify checks for start action'],
    [{ action: 'pause', checks: ['up'] }, 'invalid action "pause"'],
  ])('refuses %j with Pebble text', async (body, text) => {
    const { server } = await withLayer();
    const resp = await raw(server.socketPath, 'POST', '/v1/checks', body);
    expect([resp.status, message(resp)]).toEqual([400, text]);
  });

  it('/v1/plan fills in the check threshold default (plan.go CombineLayers)', async () => {
    const { server, client } = await withLayer();
    const resp = await raw(server.socketPath, 'GET', '/v1/plan?format=yaml');
    expect(String(resp.body.result)).toContain('threshold: 3');
    expect((await client.getPlan()).checks.up?.threshold).toBe(3);
    expect(message(await raw(server.socketPath, 'GET', '/v1/plan'))).toBe('invalid format ""');
  });
});
