// The RabbitMQ stand-in as a function of state: the password only once a user was requested.
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
import { RabbitmqStandInCharm } from '../src/rabbitmq-stand-in.js';

const ctx = () =>
  new Context(RabbitmqStandInCharm, { charmcraft: new URL('../charmcraft.yaml', import.meta.url) });
type Ctx = ReturnType<typeof ctx>;

const unitAddress = network({ binding: 'amqp', ingressAddresses: ['10.212.71.5'] });
// What the OpenCTI charm writes (app bag, through the rabbitmq_k8s library, plus its own `admin`).
const openctiRequest = { username: 'opencti', vhost: '/', admin: 'true' };
const address = { hostname: '10.212.71.5', 'private-address': '10.212.71.5' };
const password = 'stand-in-rabbitmq-password';

describe('what each unit publishes', () => {
  const cases: {
    name: string;
    remote: Pick<Parameters<typeof relation>[0], 'remoteAppData' | 'remoteUnitsData'>;
    published: Record<string, string>;
  }[] = [
    { name: 'no request yet: the address only', remote: {}, published: address },
    {
      name: 'username and vhost in the app bag (the OpenCTI charm)',
      remote: { remoteAppData: openctiRequest },
      published: { ...address, password },
    },
    {
      name: 'username and vhost in a unit bag (classic requirers)',
      remote: { remoteUnitsData: { 0: { username: 'nova', vhost: 'openstack' } } },
      published: { ...address, password },
    },
    {
      name: 'a username without vhost is not a request',
      remote: { remoteAppData: { username: 'opencti' } },
      published: address,
    },
  ];

  it.each(cases.flatMap((c) => [true, false].map((leader) => ({ ...c, leader }))))(
    '$name (leader=$leader)',
    async ({ remote, published, leader }) => {
      const c = ctx();
      const rel = relation({
        endpoint: 'amqp',
        remoteAppName: 'opencti',
        remoteUnitsData: { 0: {} },
        ...remote,
      });
      const out = await c.run(
        c.on.relationChanged(rel),
        state({ leader, relations: [rel], networks: [unitAddress] }),
      );
      const bags = getRelation(out, rel);
      expect(bags.localUnitData).toMatchObject(published);
      if (!('password' in published)) expect(bags.localUnitData).not.toHaveProperty('password');
      // rabbitmq-server uses unit bags only.
      expect(bags.localAppData).toEqual({});
      expect(out.unitStatus).toEqual(new ActiveStatus('stand-in rabbitmq: 1 relation(s)'));
    },
  );
});

describe('relation hooks and config', () => {
  const events: { name: string; event: (c: Ctx, r: Relation) => CharmEvent }[] = [
    { name: 'relation-created', event: (c, r) => c.on.relationCreated(r) },
    { name: 'relation-joined', event: (c, r) => c.on.relationJoined(r) },
    { name: 'relation-changed (app data)', event: (c, r) => c.on.relationChanged(r, { remoteUnit: null }) },
    { name: 'config-changed', event: (c) => c.on.configChanged() },
  ];

  it.each(events)('$name publishes', async ({ event }) => {
    const c = ctx();
    const rel = relation({ endpoint: 'amqp', remoteAppName: 'opencti', remoteAppData: openctiRequest });
    const out = await c.run(event(c, rel), state({ relations: [rel], networks: [unitAddress] }));
    expect(getRelation(out, rel).localUnitData).toMatchObject({ ...address, password });
  });

  it('config sets the hostname and password, and the password stays out of logs and status', async () => {
    const c = new Context(RabbitmqStandInCharm, {
      charmcraft: new URL('../charmcraft.yaml', import.meta.url),
      logLevel: 'DEBUG',
    });
    const rel = relation({ endpoint: 'amqp', remoteAppName: 'opencti', remoteAppData: openctiRequest });
    const config = { hostname: 'rabbitmq.local', password: 'guest-pw' };
    const out = await c.run(c.on.configChanged(), state({ config, relations: [rel] }));
    expect(getRelation(out, rel).localUnitData).toMatchObject({
      hostname: 'rabbitmq.local',
      'private-address': 'rabbitmq.local',
      password: 'guest-pw',
    });
    const seen = JSON.stringify([c.jujuLog, c.unitStatusHistory, c.trace.map((t) => t.args)]);
    expect(seen).not.toContain('guest-pw');
  });
});
