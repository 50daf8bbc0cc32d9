// Secrets, config and version outputs of juju 3.6 (fixtures/README.md says where each is from).
import { describe, expect, it } from 'vitest';
import {
  parseConfig,
  parseSecrets,
  parseShownSecret,
  parseUnitInfo,
  parseVersion,
  secretId,
} from '../src/index.js';
import { fixture } from './support/recording-juju.js';

const json = (name: string) => JSON.parse(fixture(name));

describe('secrets', () => {
  it('lists secrets keyed by id as secret: URIs with dates', () => {
    const [first, second] = parseSecrets(json('secrets.json'));
    expect(first).toMatchObject({
      uri: 'secret:d0vdtqnmp25c762e7jug',
      revision: 2,
      owner: '<model>',
      name: 'admin-account',
      created: new Date('2025-06-03T11:39:23Z'),
      updated: new Date('2025-06-03T11:39:35Z'),
      label: undefined,
      access: [],
      revisions: [],
    });
    expect(second?.owner).toBe('user');
    expect(parseSecrets({})).toEqual([]);
  });

  it('reveals content from under Data, with the 3.6 checksum', () => {
    const s = parseShownSecret(json('show-secret-revealed.json'), 'example');
    expect(s).toMatchObject({
      uri: 'secret:d1ehcifmp25c76e01vhg',
      owner: 'example-charm',
      rotation: 'daily',
      rotates: new Date('2025-06-27T09:43:38Z'),
      expires: '2025-06-27T09:43:38Z',
      label: 'example-charm-secret',
      description: 'Some description',
      checksum: '6e7780224ca82a052f4fe9bc57f8e25d2bd012fa0ca40891a083c8f1b2748a29',
      content: { password: 'secret', username: 'admin' },
    });
  });

  it('reads revisions and grants', () => {
    const r = parseShownSecret(json('show-secret-revisions.json'), 'x');
    expect(r.revisions.map((v) => [v.revision, v.backend, v.expires?.toISOString()])).toEqual([
      [1, 'demo-local', '2025-06-27T09:43:38.000Z'],
      [2, 'demo-local', '2025-06-28T09:43:38.000Z'],
    ]);
    expect('content' in r).toBe(false);
    expect(parseShownSecret(json('show-secret-access.json'), 'x').access).toEqual([
      {
        target: 'application-example-charm',
        scope: 'model-7fc4913e-e356-4783-8e80-f2ac9f19759e',
        role: 'view',
      },
    ]);
  });

  it('fails in one line naming the secret when there is none', () => {
    expect(() => parseShownSecret({}, 'my-secret')).toThrow(
      'juju show-secret my-secret: no secret in the output',
    );
  });

  it.each([
    ['secret:9m4e2mr0ui3e8a215n4g', '9m4e2mr0ui3e8a215n4g'],
    ['secret://2f9f3c6a-0000-4000-8000-000000000000/9m4e2mr0ui3e8a215n4g', '9m4e2mr0ui3e8a215n4g'],
    ['9m4e2mr0ui3e8a215n4g', '9m4e2mr0ui3e8a215n4g'],
  ])('secretId(%s)', (uri, id) => expect(secretId(uri)).toBe(id));
});

describe('config', () => {
  it('reads charm settings with their JSON types, secrets as URIs', () => {
    expect(parseConfig(json('config.json'))).toEqual({
      booly: true,
      inty: 42,
      floaty: 7.5,
      stry: 'A string.',
      secrety: 'secret:abcd1234',
    });
  });

  it('reads application config when asked', () => {
    expect(parseConfig(json('config.json'), true)).toEqual({ 'juju-application-path': '/', trust: false });
  });

  it('leaves out options without a value', () => {
    expect(parseConfig({ settings: { unset: { type: 'string', source: 'unset' } } })).toEqual({});
  });
});

describe('version', () => {
  it('reads juju version --format json --all', () => {
    expect(parseVersion(json('version.json'))).toEqual({
      version: '3.6.11-genericlinux-amd64',
      gitCommit: '17876b918429f0063380cdf07dc47f98a890778b',
      number: [3, 6, 11],
    });
  });

  it('fails in one line on something else', () => {
    expect(() => parseVersion({ nope: 1 })).toThrow(/^juju version: cannot read a version from/);
  });
});

describe('show-unit', () => {
  it('reads the unit and, per relation, the remote app data and each unit data bag', () => {
    expect(parseUnitInfo(json('show-unit.json'), 'mysql/leader')).toEqual({
      name: 'mysql/0',
      charm: 'mysql',
      leader: true,
      openedPorts: ['3306/tcp'],
      workloadVersion: '8.0.41',
      machine: '0',
      publicAddress: '10.0.0.1',
      address: '10.0.0.1',
      providerId: 'mysql-0',
      life: 'alive',
      relationInfo: [
        {
          relationId: 5,
          endpoint: 'database',
          relatedEndpoint: 'database',
          appData: { foo: 'bar' },
          crossModel: false,
          localUnit: { inScope: true, data: { 'ingress-address': '10.0.0.1' } },
          relatedUnits: { 'wordpress/0': { inScope: true, data: { 'egress-subnets': '10.1.1.1/32' } } },
        },
      ],
    });
  });

  it('fails in one line naming the unit when there is none', () => {
    expect(() => parseUnitInfo({}, 'mysql/9')).toThrow('juju show-unit mysql/9: no unit in the output');
  });
});
