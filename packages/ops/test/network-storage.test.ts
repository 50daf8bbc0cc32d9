import { describe, expect, it } from 'vitest';
import { leaderGet, leaderSet } from '../src/hooktools/leader-settings.js';
import { HookToolError, invoker } from '../src/hooktools/runner.js';
import {
  CharmBase,
  type Framework,
  type InstallEvent,
  IPAddress,
  IPNetwork,
  ModelError,
  RelationNotFoundError,
  type StorageAttachedEvent,
} from '../src/index.js';
import { DispatchAbort } from '../src/runtime.js';
import { dispatchWith, jujuError, recorder, testModel } from './recorder.js';

const NETWORK = JSON.stringify({
  'bind-addresses': [
    {
      'mac-address': '00:16:3e:aa:bb:cc',
      'interface-name': 'eth0',
      addresses: [
        { hostname: '', value: '10.0.0.5', cidr: '10.0.0.0/24' },
        { value: 'fe80::1', cidr: 'fe80::/64' },
      ],
    },
    { 'interface-name': 'lo', addresses: [{ address: '127.0.0.1', cidr: '' }] },
  ],
  'egress-subnets': ['10.0.0.5/32'],
  'ingress-addresses': ['10.0.0.5', 'db.example.com'],
});

const DB = { requires: { db: { interface: 'pgsql' } } };

describe('network-get', () => {
  it('parses bind, ingress and egress addresses into typed values', () => {
    const t = testModel({ 'network-get': NETWORK }, DB);
    const net = t.model.getBinding('db').network;
    expect(net.interfaces).toEqual([
      { name: 'eth0', address: new IPAddress('10.0.0.5', 4), subnet: new IPNetwork('10.0.0.0', 24, 4) },
      { name: 'eth0', address: new IPAddress('fe80::1', 6), subnet: new IPNetwork('fe80::', 64, 6) },
      // Juju < 2.9 said `address`; an empty cidr gives the address as a /32 (LP: #1864102)
      { name: 'lo', address: new IPAddress('127.0.0.1', 4), subnet: new IPNetwork('127.0.0.1', 32, 4) },
    ]);
    expect(String(net.bindAddress)).toBe('10.0.0.5');
    expect(net.ingressAddresses).toEqual([new IPAddress('10.0.0.5', 4), 'db.example.com']);
    expect(String(net.ingressAddress)).toBe('10.0.0.5');
    expect(net.egressSubnets.map(String)).toEqual(['10.0.0.5/32']);
    expect(t.argsOf('network-get')).toEqual([['--format=json', 'db']]);
  });

  it('an empty answer gives empty lists and no addresses', () => {
    const t = testModel({ 'network-get': '{}' });
    const net = t.model.getBinding('db').network;
    expect([net.interfaces, net.ingressAddresses, net.egressSubnets, net.bindAddress]).toEqual([
      [],
      [],
      [],
      undefined,
    ]);
  });

  it('through a relation: -r <plain id>; bindings and networks cached per key', () => {
    const t = testModel(
      { 'network-get': NETWORK, 'relation-ids': '["db:3"]', 'relation-list': '["pg/0"]' },
      DB,
    );
    const rel = t.model.getRelation('db', 3);
    if (!rel) throw new Error('no relation');
    const binding = t.model.getBinding(rel);
    void binding.network;
    void binding.network;
    expect(t.model.getBinding(rel)).toBe(binding);
    expect(t.argsOf('network-get')).toEqual([['--format=json', '-r', '3', 'db']]);
  });

  it('relation not found with -r: retries without -r, as ops does', () => {
    const t = testModel(
      {
        'network-get': [jujuError('invalid value "3" for option -r: relation not found', 2), NETWORK],
        'relation-ids': '["db:3"]',
        'relation-list': '[]',
      },
      DB,
    );
    const rel = t.model.getRelation('db', 3);
    if (!rel) throw new Error('no relation');
    expect(String(t.model.getBinding(rel).network.bindAddress)).toBe('10.0.0.5');
    expect(t.argsOf('network-get')).toEqual([
      ['--format=json', '-r', '3', 'db'],
      ['--format=json', 'db'],
    ]);
  });

  it('errors: relation not found without -r → RelationNotFoundError; unknown binding → ModelError', () => {
    const dead = testModel({ 'network-get': jujuError('relation not found') });
    expect(() => dead.model.getBinding('db').network).toThrow(RelationNotFoundError);
    const unknown = testModel({ 'network-get': jujuError('no network config found for binding "nope"') });
    let caught: unknown;
    try {
      void unknown.model.getBinding('nope').network;
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ModelError);
    expect(caught).not.toBeInstanceOf(RelationNotFoundError);
    expect((caught as Error).message).toBe('ERROR no network config found for binding "nope"\n');
  });
});

describe('storage', () => {
  const META = { storage: { data: { type: 'filesystem', location: '/srv/data' } } };

  it('storages.get: storage-list --format=json <name> (cached); location/kind: storage-get --format=json -s <id>', () => {
    const t = testModel(
      {
        'storage-list': '["data/0","data/1"]',
        'storage-get': '{"kind":"filesystem","location":"/srv/data/1"}',
      },
      META,
    );
    const list = t.model.storages.get('data');
    expect(list.map((s) => [s.name, s.index, s.fullId])).toEqual([
      ['data', 0, 'data/0'],
      ['data', 1, 'data/1'],
    ]);
    expect(t.model.storages.get('data')).toBe(list);
    expect(list[1]?.location).toBe('/srv/data/1');
    expect(list[1]?.kind).toBe('filesystem');
    expect(t.calls.map((c) => [c.tool, ...c.args])).toEqual([
      ['storage-list', '--format=json', 'data'],
      ['storage-get', '--format=json', '-s', 'data/1'],
    ]);
  });

  it('storages.request: storage-add <name>=<n>; unknown names and bad counts refused before any tool runs', () => {
    const t = testModel({}, META);
    t.model.storages.request('data');
    t.model.storages.request('data', 3);
    expect(() => t.model.storages.request('logs')).toThrow(
      /cannot add storage "logs": it is not present in the charm metadata/,
    );
    expect(() => t.model.storages.request('logs')).toThrow(ModelError);
    expect(() => t.model.storages.request('data', 0)).toThrow(
      /storage count must be a positive integer, got 0/,
    );
    expect(() => t.model.storages.request('data', 1.5)).toThrow(TypeError);
    expect(() => t.model.storages.get('logs')).toThrow(
      /storage "logs" not found. Did you mean one of "data"\?/,
    );
    expect(t.argsOf('storage-add')).toEqual([['data=1'], ['data=3']]);
    expect(t.tools()).toEqual(['storage-add', 'storage-add']);
  });

  const STORAGE_META = 'name: test-charm\nstorage:\n  my-data:\n    type: filesystem\n';
  class Charm extends CharmBase {
    static seen: unknown[] = [];
    constructor(fw: Framework) {
      super(fw);
      this.observe(this.on.storageAttached('my-data'), this.onAttached);
    }
    onAttached(event: StorageAttachedEvent) {
      Charm.seen.push([event.storage.name, event.storage.index, event.storage.location]);
    }
  }

  it('a storage hook names its instance from JUJU_STORAGE_ID and reads its location with storage-get', async () => {
    Charm.seen = [];
    const r = await dispatchWith(Charm, {
      path: 'hooks/my-data-storage-attached',
      metadata: STORAGE_META,
      env: { JUJU_STORAGE_ID: 'my-data/1' },
      script: { 'storage-get': '{"kind":"filesystem","location":"/srv/my-data/1"}' },
    });
    expect(r.code).toBe(0);
    expect(Charm.seen).toEqual([['my-data', 1, '/srv/my-data/1']]);
    expect(r.argsOf('storage-get')).toEqual([['--format=json', '-s', 'my-data/1']]);
  });

  it('without JUJU_STORAGE_ID (old Juju) the id comes from storage-get --help, as ops finds it', async () => {
    Charm.seen = [];
    const help =
      'Usage: storage-get [options] [<key>]\n\nOptions:\n--format  (= smart)\n-s  (= my-data/2)\n    specify a storage instance by id\n';
    const r = await dispatchWith(Charm, {
      path: 'hooks/my-data-storage-attached',
      metadata: STORAGE_META,
      script: {
        'storage-get': (call) =>
          call.args[0] === '--help' ? help : '{"kind":"block","location":"/dev/sdb"}',
      },
    });
    expect(r.code).toBe(0);
    expect(Charm.seen).toEqual([['my-data', 2, '/dev/sdb']]);
    expect(r.argsOf('storage-get')).toEqual([['--help'], ['--format=json', '-s', 'my-data/2']]);
  });
});

describe('resources, cloud spec, reboot', () => {
  const META = { resources: { image: { type: 'file', filename: 'image.tar' } } };

  it('resources.fetch: resource-get <name> → the path (cached); unknown names refused before any tool runs', () => {
    const t = testModel(
      { 'resource-get': '/var/lib/juju/agents/unit-test-charm-0/resources/image/image.tar' },
      META,
    );
    expect(t.model.resources.fetch('image')).toBe(
      '/var/lib/juju/agents/unit-test-charm-0/resources/image/image.tar',
    );
    expect(t.model.resources.fetch('image')).toBe(
      '/var/lib/juju/agents/unit-test-charm-0/resources/image/image.tar',
    );
    expect(() => t.model.resources.fetch('other')).toThrow(/invalid resource name: "other"/);
    expect(t.argsOf('resource-get')).toEqual([['image']]);
  });

  it('resource-get failure → ModelError with Juju text', () => {
    const t = testModel(
      { 'resource-get': jujuError('could not download resource: HTTP request failed') },
      META,
    );
    expect(() => t.model.resources.fetch('image')).toThrow(/^ERROR could not download resource/);
  });

  it('getCloudSpec: credential-get --format=json parsed as ops parses it (cached)', () => {
    const raw = {
      type: 'openstack',
      name: 'mycloud',
      region: 'r1',
      endpoint: 'https://keystone:5000/v3',
      'identity-endpoint': '',
      credential: { 'auth-type': 'userpass', attrs: { username: 'u', password: 'p' } },
      cacertificates: ['CERT'],
      'skip-tls-verify': true,
    };
    const t = testModel({ 'credential-get': JSON.stringify(raw) });
    const spec = t.model.getCloudSpec();
    expect(spec).toEqual({
      type: 'openstack',
      name: 'mycloud',
      region: 'r1',
      endpoint: 'https://keystone:5000/v3',
      credential: { authType: 'userpass', attributes: { username: 'u', password: 'p' }, redacted: [] },
      caCertificates: ['CERT'],
      skipTlsVerify: true,
      isControllerCloud: false,
    });
    expect(t.model.getCloudSpec()).toBe(spec);
    expect(t.argsOf('credential-get')).toEqual([['--format=json']]);
  });

  it('credential-get without trust → ModelError', () => {
    const t = testModel({
      'credential-get': jujuError('cannot access cloud credentials: permission denied'),
    });
    expect(() => t.model.getCloudSpec()).toThrow(/permission denied/);
  });

  it('unit.reboot(): juju-reboot; reboot({ now: true }): juju-reboot --now, then the dispatch ends', () => {
    const t = testModel();
    t.model.unit.reboot();
    expect(() => t.model.unit.reboot({ now: true })).toThrow(DispatchAbort);
    expect(t.argsOf('juju-reboot')).toEqual([[], ['--now']]);
    expect(() => t.model.getUnit('other/0').reboot()).toThrow(/remote unit/);
    expect(t.calls).toHaveLength(2);
  });

  it('reboot({ now: true }) in a hook: exit 0; neither the rest of the handler nor collect-status (is-leader) runs', async () => {
    const after: string[] = [];
    class Charm extends CharmBase {
      constructor(fw: Framework) {
        super(fw);
        this.observe(this.on.install, this.onInstall);
      }
      onInstall(_event: InstallEvent) {
        this.unit.reboot({ now: true });
        after.push('ran');
      }
    }
    const r = await dispatchWith(Charm, { path: 'hooks/install' });
    expect(r.code).toBe(0);
    expect(after).toEqual([]);
    expect(r.tools()).toEqual(['juju-reboot']);
  });
});

describe('legacy leader settings (hook-tool layer only)', () => {
  it('leader-get --format=json and leader-set k=v', () => {
    const rec = recorder({ 'leader-get': '{"a":"1"}' });
    const run = invoker(rec.runner);
    expect(leaderGet(run)).toEqual({ a: '1' });
    leaderSet(run, { a: '2', b: '' });
    expect(rec.calls.map((c) => [c.tool, ...c.args])).toEqual([
      ['leader-get', '--format=json'],
      ['leader-set', 'a=2', 'b='],
    ]);
  });

  it('leader-set as a non-leader fails with Juju text', () => {
    const rec = recorder({
      'leader-set': jujuError('cannot write leadership settings: cannot write settings: not the leader'),
    });
    expect(() => leaderSet(invoker(rec.runner), { a: '1' })).toThrow(HookToolError);
    expect(() => leaderSet(invoker(rec.runner), { a: '1' })).toThrow(/not the leader/);
  });
});
