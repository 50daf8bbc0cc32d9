// The Redis stand-in as a function of state: what it publishes, where, and for whom.
import { ActiveStatus } from '@ops-ts/ops';
import {
  type CharmEvent,
  Context,
  getRelation,
  network,
  type Relation,
  relation,
  state,
} from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { RedisStandInCharm } from '../src/redis-stand-in.js';

const ctx = () =>
  new Context(RedisStandInCharm, { charmcraft: new URL('../charmcraft.yaml', import.meta.url) });
type Ctx = ReturnType<typeof ctx>;

// The OpenCTI charm as requirer: it writes nothing on this relation.
const opencti = () => relation({ endpoint: 'redis', remoteAppName: 'opencti', remoteUnitsData: { 0: {} } });
const pod = network({ binding: 'redis', ingressAddresses: ['10.1.75.171'] });

describe('publishes on every relation hook', () => {
  const events: { name: string; event: (c: Ctx, r: Relation) => CharmEvent }[] = [
    { name: 'relation-created', event: (c, r) => c.on.relationCreated(r) },
    { name: 'relation-joined', event: (c, r) => c.on.relationJoined(r) },
    { name: 'relation-changed', event: (c, r) => c.on.relationChanged(r) },
    { name: 'config-changed', event: (c) => c.on.configChanged() },
  ];

  it.each(events)('$name (leader): unit bag hostname/port, app bag leader-host', async ({ event }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(event(c, rel), state({ leader: true, relations: [rel], networks: [pod] }));
    const bags = getRelation(out, rel);
    expect(bags.localUnitData).toMatchObject({ hostname: '10.1.75.171', port: '6379' });
    expect(bags.localAppData).toEqual({
      'leader-host': 'redis-stand-in-0.redis-stand-in-endpoints.test-model.svc.cluster.local',
    });
    expect(out.unitStatus).toEqual(new ActiveStatus('stand-in redis: 1 relation(s)'));
  });

  it.each(events)('$name (non-leader): unit bag only', async ({ event }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(event(c, rel), state({ relations: [rel], networks: [pod] }));
    expect(getRelation(out, rel).localUnitData).toMatchObject({ hostname: '10.1.75.171', port: '6379' });
    expect(getRelation(out, rel).localAppData).toEqual({});
  });
});

describe('config', () => {
  it('overrides hostname, port and leader-host', async () => {
    const c = ctx();
    const rel = opencti();
    const config = { hostname: 'redis.local', port: 6380, 'leader-host': 'redis-primary.local' };
    const out = await c.run(c.on.configChanged(), state({ leader: true, config, relations: [rel] }));
    expect(getRelation(out, rel).localUnitData).toMatchObject({ hostname: 'redis.local', port: '6380' });
    expect(getRelation(out, rel).localAppData).toEqual({ 'leader-host': 'redis-primary.local' });
  });

  it('reaches every related application', async () => {
    const c = ctx();
    const a = relation({ endpoint: 'redis', remoteAppName: 'opencti', id: 1 });
    const b = relation({ endpoint: 'redis', remoteAppName: 'other', id: 2 });
    const out = await c.run(
      c.on.configChanged(),
      state({ leader: true, relations: [a, b], networks: [pod] }),
    );
    for (const r of [a, b]) expect(getRelation(out, r).localUnitData).toMatchObject({ port: '6379' });
    expect(out.unitStatus).toEqual(new ActiveStatus('stand-in redis: 2 relation(s)'));
  });
});

it('is active with no relation', async () => {
  const c = ctx();
  const out = await c.run(c.on.updateStatus(), state({}));
  expect(out.unitStatus).toEqual(new ActiveStatus('stand-in redis: 0 relation(s)'));
});
