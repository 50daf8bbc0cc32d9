// The OpenSearch stand-in as a function of state: what the leader publishes, and what goes in secrets.
import { ActiveStatus } from '@ops-ts/ops';
import {
  type CharmEvent,
  Context,
  getRelation,
  getSecret,
  network,
  type Relation,
  relation,
  secret,
  state,
} from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { OpensearchStandInCharm } from '../src/opensearch-stand-in.js';

const charmcraft = new URL('../charmcraft.yaml', import.meta.url);
const ctx = () => new Context(OpensearchStandInCharm, { charmcraft, logLevel: 'DEBUG' });
type Ctx = ReturnType<typeof ctx>;
type Bag = Record<string, string>;

const ID = 7;
const userLabel = `opensearch-client.${ID}.user.secret`;
const tlsLabel = `opensearch-client.${ID}.tls.secret`;
const password = 'stand-in-opensearch-password';
const node = network({ binding: 'opensearch-client', ingressAddresses: ['10.212.71.100'] });
// What the OpenCTI charm's OpenSearchRequires(index="x-opencti", extra_user_roles="admin") writes.
const openctiRequest = {
  index: 'x-opencti',
  'extra-user-roles': 'admin',
  'requested-secrets': JSON.stringify([
    'username',
    'password',
    'tls',
    'tls-ca',
    'uris',
    'read-only-uris',
    'entity-name',
    'entity-password',
  ]),
  'provided-secrets': JSON.stringify(['mtls-cert']),
};
const opencti = (remoteAppData: Record<string, string> = openctiRequest, localAppData = {}) =>
  relation({ endpoint: 'opensearch-client', id: ID, remoteAppName: 'opencti', remoteAppData, localAppData });
const plain = { index: 'x-opencti', endpoints: '10.212.71.100:9200', version: '2.17.0' };
const user = { username: `opensearch-client_${ID}`, password };

describe('the leader answers an index request on every relation hook', () => {
  const events: { name: string; event: (c: Ctx, r: Relation) => CharmEvent }[] = [
    { name: 'relation-created', event: (c, r) => c.on.relationCreated(r) },
    { name: 'relation-joined', event: (c, r) => c.on.relationJoined(r) },
    { name: 'relation-changed', event: (c, r) => c.on.relationChanged(r, { remoteUnit: null }) },
    { name: 'config-changed', event: (c) => c.on.configChanged() },
  ];

  it.each(events)(
    '$name: plain fields, and the user in a secret granted to the relation',
    async ({ event }) => {
      const c = ctx();
      const rel = opencti();
      const out = await c.run(event(c, rel), state({ leader: true, relations: [rel], networks: [node] }));
      const added = getSecret(out, { label: userLabel });
      expect(added).toMatchObject({ owner: 'app', latestContent: user, remoteGrants: { [ID]: ['opencti'] } });
      expect(getRelation(out, rel).localAppData).toEqual({
        ...plain,
        'secret-user': expect.stringContaining(added.id.slice(7)),
      });
      expect(out.secrets).toHaveLength(1);
      expect(out.unitStatus).toEqual(new ActiveStatus('stand-in opensearch: 1 relation(s)'));
      // The password travels only inside the secret: not in the bag, argv, stdin, logs or statuses.
      const seen = JSON.stringify([
        getRelation(out, rel).localAppData,
        c.trace,
        c.jujuLog,
        c.unitStatusHistory,
      ]);
      expect(seen).not.toContain(password);
    },
  );
});

describe('what is published', () => {
  it.each([
    { name: 'nothing from a non-leader', leader: false, remote: openctiRequest },
    {
      name: 'nothing before the requirer asks for an index',
      leader: true,
      remote: { 'requested-secrets': '[]' },
    },
  ])('$name', async ({ leader, remote }) => {
    const c = ctx();
    const rel = opencti(remote);
    const out = await c.run(c.on.relationChanged(rel), state({ leader, relations: [rel], networks: [node] }));
    expect(getRelation(out, rel).localAppData).toEqual({});
    expect(out.secrets).toEqual([]);
  });

  it('a requirer that requests no secrets gets the credentials in plain', async () => {
    const c = ctx();
    const rel = opencti({ index: 'x-opencti', 'requested-secrets': '[]' });
    const out = await c.run(
      c.on.relationChanged(rel),
      state({ leader: true, relations: [rel], networks: [node] }),
    );
    expect(getRelation(out, rel).localAppData).toEqual({ ...plain, ...user });
    expect(out.secrets).toEqual([]);
  });

  it('a configured CA goes in the TLS secret; endpoints and version from config', async () => {
    const c = ctx();
    const rel = opencti();
    const ca = '-----BEGIN CERTIFICATE-----\nFAKE\n-----END CERTIFICATE-----';
    const config = { 'tls-ca': ca, endpoints: 'os-0.local:9200,os-1.local:9200', version: '2.19.1' };
    const out = await c.run(c.on.configChanged(), state({ leader: true, config, relations: [rel] }));
    const tls = getSecret(out, { label: tlsLabel });
    expect(tls).toMatchObject({
      owner: 'app',
      latestContent: { 'tls-ca': ca },
      remoteGrants: { [ID]: ['opencti'] },
    });
    expect(getRelation(out, rel).localAppData).toMatchObject({
      endpoints: 'os-0.local:9200,os-1.local:9200',
      version: '2.19.1',
      'secret-tls': expect.stringContaining(tls.id.slice(7)),
    });
    expect(getRelation(out, rel).localAppData).not.toHaveProperty('tls-ca');
  });
});

describe('an existing user secret', () => {
  const owned = (content: Record<string, string>) =>
    secret({ owner: 'app', label: userLabel, content, remoteGrants: { [ID]: ['opencti'] } });

  it.each<{ name: string; config: Bag; revision: number; content: Bag }>([
    { name: 'same content: no new revision', config: {}, revision: 1, content: user },
    {
      name: 'new password: a new revision',
      config: { password: 'rotated' },
      revision: 2,
      content: { ...user, password: 'rotated' },
    },
  ])('$name', async ({ config, revision, content }) => {
    const c = ctx();
    const s = owned(user);
    const rel = opencti(openctiRequest, { ...plain, 'secret-user': s.id });
    const out = await c.run(
      c.on.configChanged(),
      state({ leader: true, config, relations: [rel], secrets: [s], networks: [node] }),
    );
    expect(getSecret(out, { id: s.id })).toMatchObject({ latestRevision: revision, latestContent: content });
    expect(getRelation(out, rel).localAppData).toEqual({ ...plain, 'secret-user': s.id });
    expect(JSON.stringify([c.trace, c.jujuLog, c.unitStatusHistory])).not.toContain('rotated');
  });

  it('is removed on relation-broken', async () => {
    const c = ctx();
    const s = owned(user);
    const rel = opencti(openctiRequest, { ...plain, 'secret-user': s.id });
    const out = await c.run(
      c.on.relationBroken(rel),
      state({ leader: true, relations: [rel], secrets: [s] }),
    );
    expect(out.secrets).toEqual([]);
    expect(out.unitStatus).toEqual(new ActiveStatus('stand-in opensearch: 0 relation(s)'));
  });
});
