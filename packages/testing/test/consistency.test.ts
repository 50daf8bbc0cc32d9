// The consistency check: impossible states and events are refused with a message saying what is wrong.
import { describe, expect, it } from 'vitest';
import {
  type CharmEvent,
  container,
  InconsistentStateError,
  network,
  peerRelation,
  relation,
  resource,
  type StateInit,
  secret,
  storage,
  subordinateRelation,
} from '../src/index.js';
import { sink } from './helpers.js';

const ctx = sink();
const on = ctx.on;
const db = relation({ endpoint: 'db', remoteAppName: 'pg' });
const owned = secret({ id: 'secret:0123456789abcdefghij', owner: 'app', content: { a: 'bbb' } });
const observed = secret({ id: 'secret:abcdefghij0123456789', content: { a: 'bbb' } });
const workload = container({ name: 'workload', canConnect: true });

const cases: { name: string; event?: CharmEvent; state: StateInit; problem: RegExp }[] = [
  {
    name: 'unknown config key',
    state: { config: { colour: 'red' } },
    problem: /config option "colour" is not declared/,
  },
  {
    name: 'string for an int',
    state: { config: { port: '80' } },
    problem: /"port" is declared as int .* "80" \(string\)/,
  },
  { name: 'float for an int', state: { config: { port: 80.5 } }, problem: /"port" is declared as int/ },
  {
    name: 'string for a boolean',
    state: { config: { debug: 'yes' } },
    problem: /"debug" is declared as boolean/,
  },
  {
    name: 'relation on an endpoint the metadata lacks',
    state: { relations: [relation({ endpoint: 'cache' })] },
    problem: /relation endpoint "cache" is not in the metadata \(it has: db, website, cluster\)/,
  },
  {
    name: 'regular relation on a peer endpoint',
    state: { relations: [relation({ endpoint: 'cluster' })] },
    problem: /cluster is a peer endpoint: use peerRelation/,
  },
  {
    name: 'peer relation on a regular endpoint',
    state: { relations: [peerRelation({ endpoint: 'db' })] },
    problem: /db is a requires endpoint/,
  },
  {
    name: 'subordinate relation on a global endpoint',
    state: { relations: [subordinateRelation({ endpoint: 'db' })] },
    problem: /not container-scoped/,
  },
  {
    name: 'two relations with one id',
    state: { relations: [db, relation({ endpoint: 'website', id: db.id })] },
    problem: /share id/,
  },
  {
    name: 'this unit among its peers',
    state: { relations: [peerRelation({ endpoint: 'cluster', peersData: { 0: {} } })] },
    problem: /lists this unit \(0\) among its peers/,
  },
  {
    name: 'secret granted to an unknown relation',
    state: { secrets: [secret({ ...owned, content: owned.trackedContent, remoteGrants: { 99: ['pg'] } })] },
    problem: /granted on relation 99, which is not in the state/,
  },
  {
    name: 'malformed secret id',
    state: { secrets: [secret({ id: 'secret:short', content: { a: 'bbb' } })] },
    problem: /secret id secret:short is not/,
  },
  {
    name: 'container not in the metadata',
    state: { containers: [container({ name: 'db' })] },
    problem: /container "db" is not in the metadata/,
  },
  {
    name: 'storage not in the metadata',
    state: { storages: [storage({ name: 'logs' })] },
    problem: /storage "logs" is not in the metadata/,
  },
  {
    name: 'resource not in the metadata',
    state: { resources: [resource({ name: 'x', path: '/x' })] },
    problem: /resource "x"/,
  },
  {
    name: 'unknown network binding',
    state: { networks: [network({ binding: 'nope' })] },
    problem: /binding "nope"/,
  },
  {
    name: 'event for a relation not in the state',
    event: on.relationChanged(db),
    state: {},
    problem: /relation db:\d+, which is not in the state/,
  },
  {
    name: 'remote unit not in the relation',
    event: on.relationChanged(db, { remoteUnit: 5 }),
    state: { relations: [db] },
    problem: /remote unit pg\/5 is not in relation db:\d+ \(its units: pg\/0\)/,
  },
  {
    name: 'event for a container that does not exist',
    event: on.pebbleReady('workload'),
    state: {},
    problem: /container workload, which is not in the state/,
  },
  {
    name: 'event for a container the metadata lacks',
    event: on.pebbleReady('sidecar'),
    state: {},
    problem: /container sidecar, which is not in the metadata/,
  },
  {
    name: 'pebble-ready while Pebble is down',
    event: on.pebbleReady('workload'),
    state: { containers: [container({ name: 'workload' })] },
    problem: /cannot connect/,
  },
  {
    name: 'a notice the container does not have',
    event: on.pebbleCustomNotice('workload', { key: 'a.b/c' }),
    state: { containers: [workload] },
    problem: /no custom notice with key a.b\/c/,
  },
  {
    name: 'a check the layers do not define',
    event: on.pebbleCheckFailed('workload', 'ready'),
    state: { containers: [workload] },
    problem: /no check ready/,
  },
  {
    name: 'secret-changed for an owned secret',
    event: on.secretChanged(owned),
    state: { secrets: [owned] },
    problem: /secret-changed goes to observers/,
  },
  {
    name: 'secret-rotate for an observed secret',
    event: on.secretRotate(observed),
    state: { secrets: [observed] },
    problem: /secret-rotate goes to the owner/,
  },
  {
    name: 'event for a secret not in the state',
    event: on.secretChanged(observed),
    state: {},
    problem: /secret secret:abcdefghij0123456789, which is not in the state/,
  },
  {
    name: 'storage event for storage not attached',
    event: on.storageAttached(storage({ name: 'data' })),
    state: {},
    problem: /storage data\/0, which is not in the state/,
  },
];

describe('the consistency check', () => {
  it.each(cases)('refuses: $name', async ({ event, state, problem }) => {
    const error = await ctx.run(event ?? on.updateStatus(), state).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InconsistentStateError);
    expect((error as Error).message).toMatch(problem);
  });

  it('lists every problem at once', async () => {
    const error = (await ctx
      .run(on.configChanged(), { config: { colour: 'red', port: 'x' } })
      .catch((e: unknown) => e)) as InconsistentStateError;
    expect(error.problems).toHaveLength(2);
  });

  it('can be skipped for deliberately odd states', async () => {
    const lax = sink({ skipConsistencyCheck: true });
    await expect(lax.run(lax.on.install(), { config: { colour: 'red' } })).resolves.toBeDefined();
  });
});
