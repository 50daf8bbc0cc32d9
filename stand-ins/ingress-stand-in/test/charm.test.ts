// The ingress stand-in as a function of state: the URL traefik-k8s would publish, in the app bag.
import { ActiveStatus, BlockedStatus } from '@ops-ts/ops';
import { type CharmEvent, Context, getRelation, type Relation, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { IngressStandInCharm } from '../src/ingress-stand-in.js';

const ctx = () =>
  new Context(IngressStandInCharm, { charmcraft: new URL('../charmcraft.yaml', import.meta.url) });
type Ctx = ReturnType<typeof ctx>;
type Bag = Record<string, string>;

// What the OpenCTI charm writes through IngressPerAppRequirer(port=8080): JSON-encoded values.
const openctiApp = { model: '"opencti-model"', name: '"opencti"', port: '8080' };
const openctiUnit = {
  host: '"opencti-0.opencti-endpoints.opencti-model.svc.cluster.local"',
  ip: '"10.1.2.3"',
};
const opencti = (remoteAppData: Record<string, string> = openctiApp) =>
  relation({
    endpoint: 'ingress',
    remoteAppName: 'opencti',
    remoteAppData,
    remoteUnitsData: { 0: openctiUnit },
  });
const published = (url: string) => ({ ingress: JSON.stringify({ url }) });

describe('the leader publishes on every relation hook', () => {
  const events: { name: string; event: (c: Ctx, r: Relation) => CharmEvent }[] = [
    { name: 'relation-created', event: (c, r) => c.on.relationCreated(r) },
    { name: 'relation-joined', event: (c, r) => c.on.relationJoined(r) },
    { name: 'relation-changed', event: (c, r) => c.on.relationChanged(r, { remoteUnit: null }) },
    { name: 'config-changed', event: (c) => c.on.configChanged() },
  ];

  it.each(events)('$name: http://<external_hostname>/<model>-<app>', async ({ event }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(event(c, rel), state({ leader: true, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual(
      published('http://opencti.local/opencti-model-opencti'),
    );
    expect(getRelation(out, rel).localUnitData).not.toHaveProperty('ingress');
    expect(out.unitStatus).toEqual(new ActiveStatus('stand-in ingress: 1 relation(s)'));
  });

  it("a non-leader publishes nothing (the app bag is the leader's)", async () => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(c.on.relationChanged(rel), state({ relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual({});
  });
});

describe('the URL', () => {
  it.each<{ name: string; config: Bag; url: string }>([
    {
      name: 'configured host',
      config: { external_hostname: 'cti.example.com' },
      url: 'http://cti.example.com/opencti-model-opencti',
    },
    {
      name: 'subdomain routing',
      config: { routing_mode: 'subdomain' },
      url: 'http://opencti-model-opencti.opencti.local/',
    },
  ])('$name', async ({ config, url }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(c.on.configChanged(), state({ leader: true, config, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual(published(url));
  });

  it.each<{ name: string; remote: Bag }>([
    { name: 'no data yet', remote: {} },
    { name: 'no port', remote: { model: '"m"', name: '"opencti"' } },
    { name: 'values not JSON-encoded', remote: { model: 'm', name: 'opencti', port: '8080' } },
    { name: 'port out of range', remote: { ...openctiApp, port: '70000' } },
  ])('not published when the requirer data is incomplete or invalid: $name', async ({ remote }) => {
    const c = ctx();
    const rel = opencti(remote);
    const out = await c.run(
      c.on.relationChanged(rel, { remoteUnit: null }),
      state({ leader: true, relations: [rel] }),
    );
    expect(getRelation(out, rel).localAppData).toEqual({});
  });

  it('one URL per related application', async () => {
    const c = ctx();
    const a = relation({ endpoint: 'ingress', remoteAppName: 'opencti', remoteAppData: openctiApp, id: 1 });
    const b = relation({
      endpoint: 'ingress',
      remoteAppName: 'grafana',
      remoteAppData: { model: '"cos"', name: '"grafana"', port: '3000' },
      id: 2,
    });
    const out = await c.run(c.on.configChanged(), state({ leader: true, relations: [a, b] }));
    expect(getRelation(out, a).localAppData).toEqual(published('http://opencti.local/opencti-model-opencti'));
    expect(getRelation(out, b).localAppData).toEqual(published('http://opencti.local/cos-grafana'));
  });
});

describe('bad config blocks and publishes nothing', () => {
  it.each<{ config: Bag; status: BlockedStatus }>([
    { config: { routing_mode: 'port' }, status: new BlockedStatus('invalid routing mode: port') },
    { config: { external_hostname: '' }, status: new BlockedStatus('external_hostname must be set') },
  ])('$config', async ({ config, status }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(c.on.configChanged(), state({ leader: true, config, relations: [rel] }));
    expect(out.unitStatus).toEqual(status);
    expect(getRelation(out, rel).localAppData).toEqual({});
  });
});
