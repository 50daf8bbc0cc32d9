import { describe, expect, it } from 'vitest';
import {
  ActiveStatus,
  CharmBase,
  ErrorStatus,
  type EventBase,
  type Framework,
  InvalidStatusError,
  ModelError,
  RelationDataAccessError,
  RelationDataTypeError,
  type RelationDepartedEvent,
  RelationNotFoundError,
  TooManyRelatedAppsError,
  UnknownStatus,
} from '../src/index.js';
import { type Answer, type Call, charmDir, dispatch, fail } from './helpers.js';

const METADATA = `name: test-charm
requires:
  db:
    interface: pgsql
provides:
  website:
    interface: http
peers:
  cluster:
    interface: cluster
`;

/** Runs `body` inside a config-changed handler and returns the dispatch result plus what body returned. */
async function inHook<T>(
  body: (charm: CharmBase) => T,
  script: Record<string, Answer> = {},
  hook = 'config-changed',
  env: Record<string, string> = {},
) {
  let value: T | undefined;
  let error: unknown;
  class Probe extends CharmBase {
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.configChanged, this.run);
      this.observe(this.on.relationDeparted('db'), this.run);
      this.observe(this.on.relationBroken('db'), this.run);
    }
    run(_e: EventBase) {
      try {
        value = body(this);
      } catch (e) {
        error = e;
      }
    }
  }
  const r = await dispatch(Probe, { hook, dir: charmDir({ metadata: METADATA }), script, env });
  return { ...r, value, error };
}

const dbRelation: Record<string, Answer> = {
  'relation-ids': (c: Call) => (c.args[0] === 'db' ? '["db:3"]' : '[]'),
  'relation-list': (c: Call) => (c.args.includes('--app') ? '"pg"' : '["pg/0","pg/1"]'),
  'relation-get': (c: Call) => {
    const who = c.args.at(-1);
    if (who === 'pg/0') return '{"host":"10.0.0.5"}';
    if (who === 'test-charm') return '{"token":"abc"}';
    if (who === 'test-charm/0') return '{"mine":"yes"}';
    return '{}';
  },
};

describe('relations', () => {
  it('builds relations with ops argv: relation-ids, relation-list, relation-get per bag on first read', async () => {
    const r = await inHook((c) => {
      const rel = c.model.getRelation('db');
      if (!rel) throw new Error('no relation');
      const remote = c.model.getUnit('pg/0');
      return {
        id: rel.id,
        app: rel.app?.name,
        units: [...rel.units].map((u) => u.name),
        host: rel.data.get(remote).get('host'),
        again: rel.data.get(remote).get('host'),
      };
    }, dbRelation);
    expect(r.value).toEqual({
      id: 3,
      app: 'pg',
      units: ['pg/0', 'pg/1'],
      host: '10.0.0.5',
      again: '10.0.0.5',
    });
    expect(r.calls.filter((c) => c.tool.startsWith('relation-')).map((c) => [c.tool, ...c.args])).toEqual([
      ['relation-ids', 'db', '--format=json'],
      ['relation-list', '--format=json', '-r', 'db:3'],
      ['relation-get', '--format=json', '-r', 'db:3', '-', 'pg/0'],
    ]);
  });

  it('behaviour 21/22: writes go out as ONE relation-set per changed bag, JSON on stdin, at commit', async () => {
    const r = await inHook((c) => {
      const rel = c.model.getRelation('db');
      if (!rel) throw new Error('no relation');
      const mine = rel.data.get(c.unit);
      mine.set('a', '1');
      mine.set('b', '2');
      mine.set('mine', 'yes'); // unchanged: not sent
      mine.delete('missing'); // deleting a missing key: not sent
      mine.delete('mine'); // real delete: sent as ''
      rel.data.get(c.app).set('token', 'abc'); // unchanged app value: no relation-set --app
      return mine.toObject();
    }, dbRelation);
    expect(r.value).toEqual({ a: '1', b: '2' });
    const sets = r.calls.filter((c) => c.tool === 'relation-set');
    expect(sets.map((c) => [c.args, JSON.parse(c.stdin ?? '')])).toEqual([
      [['-r', 'db:3', '--file', '-'], { a: '1', b: '2', mine: '' }],
    ]);
  });

  it('a leader writes the app bag with --app', async () => {
    const r = await inHook((c) => c.model.getRelation('db')?.data.get(c.app).set('token', 'xyz'), dbRelation);
    const set = r.calls.find((c) => c.tool === 'relation-set');
    expect(set?.args).toEqual(['-r', 'db:3', '--app', '--file', '-']);
    expect(set?.stdin).toBe('{"token":"xyz"}');
  });

  it('a hook that writes nothing runs no relation-set', async () => {
    const r = await inHook((c) => c.model.getRelation('db')?.data.get(c.unit).get('mine'), dbRelation);
    expect(r.tools).not.toContain('relation-set');
  });

  const denied: [string, (c: CharmBase) => unknown, new (...a: never[]) => Error, RegExp][] = [
    [
      'non-leader writing its app bag',
      (c) => c.model.getRelation('db')?.data.get(c.app).set('k', 'v'),
      RelationDataAccessError,
      /test-charm\/0 is not leader and cannot write application data\./,
    ],
    [
      'non-leader reading its app bag (non-peer)',
      (c) => c.model.getRelation('db')?.data.get(c.app).get('token'),
      RelationDataAccessError,
      /not leader and cannot read/,
    ],
    [
      'writing a remote unit bag',
      (c) => c.model.getRelation('db')?.data.get(c.model.getUnit('pg/0')).set('k', 'v'),
      RelationDataAccessError,
      /cannot write the data of pg\/0/,
    ],
    [
      'writing the remote app bag',
      (c) => c.model.getRelation('db')?.data.get(c.model.getApp('pg')).set('k', 'v'),
      RelationDataAccessError,
      /cannot write the data of pg/,
    ],
    [
      'a non-string value',
      (c) =>
        c.model
          .getRelation('db')
          ?.data.get(c.unit)
          .set('k', 3 as never),
      RelationDataTypeError,
      /values must be strings, not number \(key "k"\)/,
    ],
  ];
  it.each(denied)('behaviour 19/20: refuses %s before any relation-set', async (_n, act, type, message) => {
    const r = await inHook(act, { ...dbRelation, 'is-leader': 'false' });
    expect(r.error).toBeInstanceOf(type);
    expect(String((r.error as Error).message)).toMatch(message);
    expect(r.tools).not.toContain('relation-set');
  });

  it('behaviour 19: peers may read their app bag as non-leader', async () => {
    const r = await inHook((c) => c.model.getRelation('cluster')?.data.get(c.app).get('token'), {
      'is-leader': 'false',
      'relation-ids': (c) => (c.args[0] === 'cluster' ? '["cluster:1"]' : '[]'),
      'relation-list': '[]',
      'relation-get': '{"token":"peer"}',
    });
    expect(r.error).toBeUndefined();
    expect(r.value).toBe('peer');
  });

  it('behaviour 31: getRelation is undefined for none and raises for several', async () => {
    expect((await inHook((c) => c.model.getRelation('website'))).value).toBeUndefined();
    const many = await inHook((c) => c.model.getRelation('db'), {
      'relation-ids': '["db:1","db:2"]',
      'relation-list': '[]',
    });
    expect(many.error).toBeInstanceOf(TooManyRelatedAppsError);
  });

  it('an unknown endpoint is an error naming it', async () => {
    const r = await inHook((c) => c.model.relations('nope'));
    expect(String((r.error as Error).message)).toContain('unknown relation endpoint "nope"');
  });

  it('behaviour 29: relation-broken leaves the relation out of relations; the event relation is inactive', async () => {
    const env = { JUJU_RELATION: 'db', JUJU_RELATION_ID: 'db:3', JUJU_REMOTE_APP: 'pg' };
    const r = await inHook(
      (c) => ({
        live: c.model.relations('db').length,
        active: c.model.getRelation('db', 3)?.active,
        app: c.model.getRelation('db', 3)?.app?.name,
      }),
      { ...dbRelation, 'relation-ids': '["db:3"]' },
      'db-relation-broken',
      env,
    );
    expect(r.value).toEqual({ live: 0, active: false, app: 'pg' });
  });

  it('behaviour 29: relation-departed keeps the departing unit data readable', async () => {
    let departing: string | undefined;
    let host: string | undefined;
    class Departed extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.relationDeparted('db'), this.onDeparted);
      }
      onDeparted(e: RelationDepartedEvent) {
        departing = e.departingUnit?.name;
        host = e.unit ? e.relation.data.get(e.unit).get('host') : undefined;
      }
    }
    const r = await dispatch(Departed, {
      hook: 'db-relation-departed',
      dir: charmDir({ metadata: METADATA }),
      env: {
        JUJU_RELATION: 'db',
        JUJU_RELATION_ID: 'db:3',
        JUJU_REMOTE_UNIT: 'pg/0',
        JUJU_REMOTE_APP: 'pg',
        JUJU_DEPARTING_UNIT: 'pg/0',
      },
      script: { ...dbRelation, 'relation-list': '["pg/1"]' },
    });
    expect(r.code).toBe(0);
    expect({ departing, host }).toEqual({ departing: 'pg/0', host: '10.0.0.5' });
  });

  it('behaviour 23: relation not found maps to RelationNotFoundError; a dead bag reads empty', async () => {
    const r = await inHook(
      (c) => {
        const rel = c.model.getRelation('db', 9);
        return rel?.data.get(c.unit).toObject();
      },
      { 'relation-get': fail('ERROR invalid value "9" for option -r: relation not found\n', 2) },
    );
    expect(r.value).toEqual({});
    const direct = await inHook((c) => c.model.backend.relationList('db', 9), {
      'relation-list': fail('ERROR invalid value "9" for option -r: relation not found\n', 2),
    });
    expect(direct.error).toBeInstanceOf(RelationNotFoundError);
  });

  it('behaviour 23: other failures are ModelError carrying stderr', async () => {
    const r = await inHook((c) => c.model.getRelation('db'), {
      'relation-ids': fail('ERROR permission denied\n'),
    });
    expect(r.error).toBeInstanceOf(ModelError);
    expect((r.error as Error).message).toBe('ERROR permission denied\n');
  });
});

describe('leadership, status, config, goal state', () => {
  it('behaviour 24: is-leader is asked once per 30 s lease', async () => {
    const r = await inHook((c) => [c.unit.isLeader(), c.unit.isLeader(), c.unit.isLeader()]);
    expect(r.value).toEqual([true, true, true]);
    expect(r.tools.filter((t) => t === 'is-leader')).toHaveLength(1);
  });

  it('behaviour 25: app status as a non-leader is refused; remote statuses read unknown', async () => {
    const r = await inHook(
      (c) => {
        const remote = [c.model.getUnit('pg/0').status, c.model.getApp('pg').status];
        try {
          c.app.status = new ActiveStatus();
        } catch (e) {
          return { remote, error: (e as Error).message };
        }
        return { remote };
      },
      { 'is-leader': 'false' },
    );
    expect(r.value?.remote.every((s) => s instanceof UnknownStatus)).toBe(true);
    expect(r.value?.error).toContain('non-leader');
    expect(r.tools).not.toContain('status-set');
  });

  it('status-set and status-get argv; error and unknown cannot be set', async () => {
    const r = await inHook((c) => {
      c.unit.status = new ActiveStatus('ready');
      const cached = c.unit.status.message;
      c.app.status = new ActiveStatus('');
      try {
        c.unit.status = new ErrorStatus('x');
      } catch (e) {
        return { cached, err: e };
      }
      return { cached };
    });
    expect(r.value?.cached).toBe('ready');
    expect(r.value?.err).toBeInstanceOf(InvalidStatusError);
    expect(r.calls.filter((c) => c.tool === 'status-set').map((c) => c.args)).toEqual([
      ['--application=False', 'active', '--', 'ready'],
      ['--application=True', 'active', '--', ''],
    ]);
    const read = await inHook((c) => [c.unit.status.name, c.app.status.message], {
      'status-get': (c) =>
        c.args.includes('--application=true')
          ? '{"application-status":{"status":"blocked","message":"app msg"}}'
          : '{"status":"maintenance","message":""}',
    });
    expect(read.value).toEqual(['maintenance', 'app msg']);
    expect(read.calls.filter((c) => c.tool === 'status-get').map((c) => c.args)).toEqual([
      ['--include-data', '--format=json', '--application=false'],
      ['--include-data', '--format=json', '--application=true'],
    ]);
  });

  it('config is read once per dispatch and frozen', async () => {
    const r = await inHook((c) => [c.config.port, c.model.config.name, Object.isFrozen(c.config)], {
      'config-get': '{"port":8080,"name":"x"}',
    });
    expect(r.value).toEqual([8080, 'x', true]);
    expect(r.calls.filter((c) => c.tool === 'config-get').map((c) => c.args)).toEqual([['--format=json']]);
  });

  it('behaviour 31: planned units count goal-state units that are not dying', async () => {
    const r = await inHook((c) => c.app.plannedUnits(), {
      'goal-state':
        '{"units":{"a/0":{"status":"active"},"a/1":{"status":"dying"},"a/2":{"status":"waiting"}},"relations":{}}',
    });
    expect(r.value).toBe(2);
    expect(r.calls.find((c) => c.tool === 'goal-state')?.args).toEqual(['--format=json']);
  });

  it('workload version through application-version-set --', async () => {
    const r = await inHook((c) => c.unit.setWorkloadVersion('1.2.3'));
    expect(r.calls.find((c) => c.tool === 'application-version-set')?.args).toEqual(['--', '1.2.3']);
  });

  it('units and apps are identity-stable', async () => {
    const r = await inHook(
      (c) =>
        [c.model.getUnit('pg/0')].includes(c.model.getUnit('pg/0')) &&
        c.model.getUnit('pg/0').app === c.model.getApp('pg'),
    );
    expect(r.value).toBe(true);
  });
});

describe('juju-log argv', () => {
  it('splits messages over 131071 characters after a notice line', async () => {
    const r = await inHook((c) => c.framework.logger.error('x'.repeat(131072)));
    const logs = r.calls.filter((c) => c.tool === 'juju-log');
    expect(logs.map((c) => c.args[3]?.length)).toEqual([expect.any(Number), 131071, 1]);
    expect(logs[0]?.args).toEqual([
      '--log-level',
      'ERROR',
      '--',
      'Splitting the following message into 2 parts.',
    ]);
  });
});
