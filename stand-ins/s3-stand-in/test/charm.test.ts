// The S3 stand-in as a function of state: the leader answers a bucket request in its app bag.
import { ActiveStatus } from '@ops-ts/ops';
import { type CharmEvent, Context, getRelation, type Relation, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { S3StandInCharm } from '../src/s3-stand-in.js';

const charmcraft = new URL('../charmcraft.yaml', import.meta.url);
const ctx = () => new Context(S3StandInCharm, { charmcraft });
type Ctx = ReturnType<typeof ctx>;
type Bag = Record<string, string>;

// The OpenCTI charm asks for a bucket named after itself (S3Requirer(bucket_name=app.name)).
const opencti = (remoteAppData: Record<string, string> = { bucket: 'opencti' }) =>
  relation({ endpoint: 's3-credentials', remoteAppName: 'opencti', remoteAppData });

const defaults = {
  bucket: 'opencti',
  'access-key': 'stand-in-access-key',
  'secret-key': 'stand-in-secret-key',
  endpoint: 'http://s3.stand-in.local:9000',
  region: 'us-east-1',
  's3-uri-style': 'path',
};

describe('the leader publishes on every relation hook', () => {
  const events: { name: string; event: (c: Ctx, r: Relation) => CharmEvent }[] = [
    { name: 'relation-created', event: (c, r) => c.on.relationCreated(r) },
    { name: 'relation-joined', event: (c, r) => c.on.relationJoined(r) },
    { name: 'relation-changed', event: (c, r) => c.on.relationChanged(r, { remoteUnit: null }) },
    { name: 'config-changed', event: (c) => c.on.configChanged() },
  ];

  it.each(events)('$name', async ({ event }) => {
    const c = ctx();
    const rel = opencti();
    const out = await c.run(event(c, rel), state({ leader: true, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual(defaults);
    expect(out.unitStatus).toEqual(new ActiveStatus('stand-in s3: 1 relation(s)'));
  });
});

describe('what is published', () => {
  it.each<{
    name: string;
    leader: boolean;
    remote: Bag;
    config: Bag;
    app: Record<string, string | undefined>;
  }>([
    { name: 'nothing before the requirer asks for a bucket', leader: true, remote: {}, config: {}, app: {} },
    { name: 'nothing from a non-leader', leader: false, remote: { bucket: 'opencti' }, config: {}, app: {} },
    {
      name: 'the configured bucket wins over the requested one',
      leader: true,
      remote: { bucket: 'opencti' },
      config: { bucket: 'shared' },
      app: { ...defaults, bucket: 'shared' },
    },
    {
      name: 'path when set; empty options are left out',
      leader: true,
      remote: { bucket: 'opencti' },
      config: { path: 'opencti/files', region: '', 's3-uri-style': '' },
      app: { ...defaults, path: 'opencti/files', region: undefined, 's3-uri-style': undefined },
    },
  ])('$name', async ({ leader, remote, config, app }) => {
    const c = ctx();
    const rel = opencti(remote);
    const out = await c.run(
      c.on.relationChanged(rel, { remoteUnit: null }),
      state({ leader, config, relations: [rel] }),
    );
    expect(getRelation(out, rel).localAppData).toEqual(JSON.parse(JSON.stringify(app)));
  });

  it('a config change updates the published keys and deletes emptied ones', async () => {
    const c = ctx();
    const rel = relation({
      endpoint: 's3-credentials',
      remoteAppName: 'opencti',
      remoteAppData: { bucket: 'opencti' },
      localAppData: { ...defaults, path: 'old' },
    });
    const config = { 'secret-key': 'rotated', path: '' };
    const out = await c.run(c.on.configChanged(), state({ leader: true, config, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual({ ...defaults, 'secret-key': 'rotated' });
  });

  it('keeps the keys out of logs and status', async () => {
    const c = new Context(S3StandInCharm, { charmcraft, logLevel: 'DEBUG' });
    const rel = opencti();
    await c.run(
      c.on.configChanged(),
      state({ leader: true, config: { 'secret-key': 'sk-123' }, relations: [rel] }),
    );
    expect(JSON.stringify([c.jujuLog, c.unitStatusHistory, c.trace.map((t) => t.args)])).not.toContain(
      'sk-123',
    );
  });
});
