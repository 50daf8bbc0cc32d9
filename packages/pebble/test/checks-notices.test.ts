import { describe, expect, it } from 'vitest';
import { APIError, type Layer } from '../src/index.js';
import { startPebble } from './helpers.js';

const checksLayer: Layer = {
  checks: {
    alive: { override: 'replace', level: 'alive', tcp: { port: 8080 } },
    ready: { override: 'replace', level: 'ready', http: { url: 'http://localhost/ready' }, threshold: 5 },
    manual: { override: 'replace', startup: 'disabled', exec: { command: 'true' } },
  },
};

describe('checks', () => {
  it('lists checks with level and names filters and reflects host-set status', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('checks', checksLayer);
    const all = await client.getChecks();
    expect(all.map((c) => [c.name, c.level, c.status, c.threshold])).toEqual([
      ['alive', 'alive', 'up', 3],
      ['manual', '', 'inactive', 3],
      ['ready', 'ready', 'up', 5],
    ]);
    server.setCheckStatus('ready', 'down');
    const ready = await client.getChecks({ level: 'ready' });
    expect(ready.map((c) => [c.name, c.status, c.failures])).toEqual([['ready', 'down', 5]]);
    expect((await client.getChecks({ names: ['alive', 'manual'] })).map((c) => c.name)).toEqual([
      'alive',
      'manual',
    ]);
  });

  it('starts and stops checks, reporting only those that changed', async () => {
    const { client } = await startPebble();
    await client.addLayer('checks', checksLayer);
    expect(await client.startChecks(['manual', 'alive'])).toEqual(['manual']);
    expect(await client.stopChecks(['alive'])).toEqual(['alive']);
    expect(await client.stopChecks(['alive'])).toEqual([]);
    expect((await client.getChecks({ names: ['alive'] }))[0]?.status).toBe('inactive');
    await expect(client.startChecks(['nope'])).rejects.toBeInstanceOf(APIError);
  });

  it('health turns false when a check is down', async () => {
    const { client, server } = await startPebble();
    await client.addLayer('checks', checksLayer);
    expect(await client.getHealth()).toEqual({ healthy: true });
    server.setCheckStatus('ready', 'down');
    expect(await client.getHealth()).toEqual({ healthy: false });
    expect(await client.getHealth({ level: 'alive' })).toEqual({ healthy: true });
  });
});

describe('notices', () => {
  it('notify records a custom notice; repeats update it', async () => {
    const { client } = await startPebble();
    const id = await client.notify('custom', 'example.com/thing', { data: { a: '1' }, repeatAfter: 3600 });
    const again = await client.notify('custom', 'example.com/thing', { data: { a: '2' } });
    expect(again).toBe(id);
    const notice = await client.getNotice(id);
    expect(notice).toMatchObject({
      id,
      type: 'custom',
      key: 'example.com/thing',
      occurrences: 2,
      'last-data': { a: '2' },
    });
    // state.AddNotice (internals/overlord/state/notices.go): each occurrence replaces repeat-after,
    // so the second notify (without one) clears it.
    expect(notice['repeat-after']).toBeUndefined();
  });

  it('validates type and key like Pebble', async () => {
    const { client } = await startPebble();
    await expect(client.notify('change-update', 'example.com/x')).rejects.toThrow(
      'can only add "custom" notices',
    );
    await expect(client.notify('custom', 'no-domain')).rejects.toThrow('invalid key "no-domain"');
  });

  it('filters by type and key, and the host can add notices', async () => {
    const { client, server } = await startPebble();
    await client.notify('custom', 'example.com/a');
    await client.notify('custom', 'example.com/b');
    const hostNotice = server.addNotice({ type: 'change-update', key: '7' });
    expect((await client.getNotices({ types: ['custom'] })).map((n) => n.key)).toEqual([
      'example.com/a',
      'example.com/b',
    ]);
    expect((await client.getNotices({ keys: ['example.com/b', '7'] })).map((n) => n.key)).toEqual([
      'example.com/b',
      '7',
    ]);
    expect((await client.getNotice(hostNotice.id)).type).toBe('change-update');
    const err = (await client.getNotice('999').catch((e: unknown) => e)) as APIError;
    expect(err.code).toBe(404);
  });
});
