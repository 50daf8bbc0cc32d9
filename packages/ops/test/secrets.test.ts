import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CharmBase,
  type Framework,
  InvalidSecretContentError,
  ModelError,
  type SecretChangedEvent,
  SecretNotFoundError,
  type SecretRemoveEvent,
} from '../src/index.js';
import { type Call, dispatchWith, jujuError, MODEL_UUID, testModel } from './recorder.js';

const XID = '9m4e2mr0ui3e8a215n4g';
const ID = `secret:${XID}`;
const CANONICAL = `secret://${MODEL_UUID}/${XID}`;
const VALUE = 'TOPSECRET-hunter2';

/** Reads the `key#file=` files while the tool runs, to check what Juju would read. */
function captureFiles(call: Call) {
  return call.args
    .filter((a) => a.includes('#file='))
    .map((a) => {
      const [key, path = ''] = a.split('#file=');
      return {
        key,
        content: readFileSync(path, 'utf8'),
        mode: statSync(path).mode & 0o777,
        dirMode: statSync(dirname(path)).mode & 0o777,
        path,
      };
    });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('secret hook tools: argv', () => {
  it('app.addSecret: secret-add [--label] [--description] [--expire] [--rotate] --owner application k#file=…', () => {
    let files: ReturnType<typeof captureFiles> = [];
    const t = testModel({
      'secret-add': (call) => {
        files = captureFiles(call);
        return `${ID}\n`;
      },
    });
    const secret = t.model.app.addSecret(
      { password: VALUE, 'tls-key': 'k' },
      { label: 'db', description: 'the db', expire: new Date('2022-12-09T16:17:00Z'), rotate: 'daily' },
    );
    const [args] = t.argsOf('secret-add');
    expect(args?.slice(0, 10)).toEqual([
      '--label',
      'db',
      '--description',
      'the db',
      '--expire',
      '2022-12-09T16:17:00Z',
      '--rotate',
      'daily',
      '--owner',
      'application',
    ]);
    expect(args?.slice(10).map((a) => a.split('#file=')[0])).toEqual(['password', 'tls-key']);
    expect(files.map((f) => [f.key, f.content, f.mode, f.dirMode])).toEqual([
      ['password', VALUE, 0o600, 0o700],
      ['tls-key', 'k', 0o600, 0o700],
    ]);
    expect(files.every((f) => !existsSync(dirname(f.path)))).toBe(true); // removed after the call
    expect(secret.id).toBe(ID);
    expect(secret.label).toBe('db');
    expect(secret.getContent()).toEqual({ password: VALUE, 'tls-key': 'k' }); // cached: no secret-get
    expect(t.tools()).toEqual(['secret-add']);
  });

  it('unit.addSecret passes --owner unit and only the flags given', () => {
    const t = testModel({ 'secret-add': `${ID}\n` });
    t.model.unit.addSecret({ token: 'x' });
    expect(t.argsOf('secret-add')[0]?.slice(0, 2)).toEqual(['--owner', 'unit']);
  });

  it('an expiry given as a duration counts from now, sent as RFC 3339 UTC', () => {
    vi.useFakeTimers({ now: new Date('2024-01-01T00:00:00Z') });
    const t = testModel({ 'secret-add': ID });
    t.model.app.addSecret({ token: 'x' }, { expire: { hours: 1, minutes: 30 } });
    expect(t.argsOf('secret-add')[0]?.slice(0, 2)).toEqual(['--expire', '2024-01-01T01:30:00Z']);
  });

  it('the temp files are removed even when the tool fails', () => {
    let path = '';
    const t = testModel({
      'secret-add': (call) => {
        path = captureFiles(call)[0]?.path ?? '';
        return jujuError('this unit is not the leader');
      },
    });
    expect(() => t.model.app.addSecret({ token: VALUE })).toThrow(ModelError);
    expect(path).not.toBe('');
    expect(existsSync(dirname(path))).toBe(false);
  });

  const getCases: [string, (m: ReturnType<typeof testModel>['model']) => unknown, string[]][] = [
    ['by id', (m) => m.getSecret({ id: ID }), ['--format=json', ID]],
    ['by bare xid (canonicalised)', (m) => m.getSecret({ id: ` ${XID} ` }), ['--format=json', CANONICAL]],
    ['by label', (m) => m.getSecret({ label: 'db' }), ['--format=json', '--label', 'db']],
    [
      'by id and label (consumer labels it)',
      (m) => m.getSecret({ id: ID, label: 'db' }),
      ['--format=json', ID, '--label', 'db'],
    ],
    [
      'refresh',
      (m) => m.getSecret({ id: ID }).getContent({ refresh: true }),
      ['--format=json', ID, '--refresh'],
    ],
    ['peek', (m) => m.getSecret({ id: ID }).peekContent(), ['--format=json', ID, '--peek']],
  ];
  it.each(getCases)('secret-get %s', (_name, act, argv) => {
    const t = testModel({ 'secret-get': `{"password":"${VALUE}"}` });
    act(t.model);
    expect(t.argsOf('secret-get').at(-1)).toEqual(argv);
  });

  it('secret-info-get by id (preferred) or by label, never both; parsed into SecretInfo', () => {
    const info = JSON.stringify({
      [XID]: {
        revision: 3,
        label: 'db',
        owner: 'application',
        description: 'd',
        rotation: 'weekly',
        expiry: '2030-01-01T00:00:00Z',
        rotates: '2029-01-01T00:00:00Z',
      },
    });
    const t = testModel({ 'secret-get': '{"a-key":"v"}', 'secret-info-get': info });
    const got = t.model.getSecret({ id: ID, label: 'db' }).getInfo();
    t.model.getSecret({ label: 'db' }).getInfo();
    expect(t.argsOf('secret-info-get')).toEqual([
      ['--format=json', ID],
      ['--format=json', '--label', 'db'],
    ]);
    expect(got).toEqual({
      id: CANONICAL,
      label: 'db',
      revision: 3,
      expires: new Date('2030-01-01T00:00:00Z'),
      rotation: 'weekly',
      rotates: new Date('2029-01-01T00:00:00Z'),
      description: 'd',
    });
  });

  it('secret-set: metadata flags, --owner application, id, then k#file= (content never on argv)', () => {
    const files: ReturnType<typeof captureFiles> = [];
    const t = testModel({
      'secret-get': '{"old-key":"v"}',
      'secret-set': (call) => {
        files.push(...captureFiles(call));
        return '';
      },
    });
    const secret = t.model.getSecret({ id: ID });
    secret.setContent({ password: VALUE });
    secret.setInfo({
      label: 'new',
      description: 'd',
      expire: new Date('2030-01-01T00:00:00Z'),
      rotate: 'weekly',
    });
    const [content, meta] = t.argsOf('secret-set');
    expect(content?.slice(0, 3)).toEqual(['--owner', 'application', ID]);
    expect(content?.[3]).toMatch(/^password#file=\/.+\/password$/);
    expect(files.map((f) => [f.key, f.content])).toEqual([['password', VALUE]]);
    expect(meta).toEqual([
      '--label',
      'new',
      '--description',
      'd',
      '--expire',
      '2030-01-01T00:00:00Z',
      '--rotate',
      'weekly',
      '--owner',
      'application',
      ID,
    ]);
    expect(secret.label).toBe('new');
  });

  it('grant / revoke: --relation <id> [--unit <u>] <secret-id>; remove: <id> [--revision <r>]', () => {
    const t = testModel(
      { 'secret-get': '{"abc":"v"}', 'relation-ids': '["db:3"]', 'relation-list': '["pg/0"]' },
      { requires: { db: { interface: 'pgsql' } } },
    );
    const secret = t.model.getSecret({ id: ID });
    const rel = t.model.getRelation('db', 3);
    if (!rel) throw new Error('no relation');
    secret.grant(rel);
    secret.grant(rel, { unit: t.model.getUnit('pg/0') });
    secret.revoke(rel);
    secret.revoke(rel, { unit: t.model.getUnit('pg/0') });
    secret.removeRevision(2);
    secret.removeAllRevisions();
    expect(t.argsOf('secret-grant')).toEqual([
      ['--relation', '3', ID],
      ['--relation', '3', '--unit', 'pg/0', ID],
    ]);
    expect(t.argsOf('secret-revoke')).toEqual([
      ['--relation', '3', ID],
      ['--relation', '3', '--unit', 'pg/0', ID],
    ]);
    expect(t.argsOf('secret-remove')).toEqual([[ID, '--revision', '2'], [ID]]);
  });

  it('secret-ids --format=json → canonical ids of owned secrets', () => {
    const t = testModel({ 'secret-ids': `["${XID}","cuvp1tf6s8bu4ls00e40"]` });
    expect(t.model.ownedSecretIds()).toEqual([CANONICAL, `secret://${MODEL_UUID}/cuvp1tf6s8bu4ls00e40`]);
    expect(t.argsOf('secret-ids')).toEqual([['--format=json']]);
  });
});

describe('behaviour 27: secrets', () => {
  it('test_get_content_cached: content read once, until refresh; a copy each time', () => {
    const t = testModel({ 'secret-get': ['{"foo":"one"}', '{"foo":"two"}'] });
    const secret = t.model.getSecret({ id: ID });
    const first = secret.getContent();
    first.foo = 'mutated';
    expect(secret.getContent()).toEqual({ foo: 'one' });
    expect(t.argsOf('secret-get')).toHaveLength(1);
    expect(secret.getContent({ refresh: true })).toEqual({ foo: 'two' });
    expect(secret.getContent()).toEqual({ foo: 'two' });
    expect(t.argsOf('secret-get')).toEqual([
      ['--format=json', ID],
      ['--format=json', ID, '--refresh'],
    ]);
  });

  it('test_peek_content: peek reads the latest each time and leaves the cache alone', () => {
    const t = testModel({ 'secret-get': ['{"foo":"tracked"}', '{"foo":"latest"}'] });
    const secret = t.model.getSecret({ id: ID });
    expect(secret.peekContent()).toEqual({ foo: 'latest' });
    expect(secret.peekContent()).toEqual({ foo: 'latest' });
    expect(secret.getContent()).toEqual({ foo: 'tracked' });
    expect(t.argsOf('secret-get').map((a) => a.at(-1))).toEqual([ID, '--peek', '--peek']);
  });

  it('label-only secrets resolve their id once via secret-info-get --label', () => {
    const t = testModel({
      'secret-get': '{"foo":"x"}',
      'secret-info-get': JSON.stringify({ [XID]: { revision: 1, label: 'db', owner: 'application' } }),
    });
    const secret = t.model.getSecret({ label: 'db' });
    expect(secret.id).toBeUndefined();
    expect(secret.getContent()).toEqual({ foo: 'x' }); // reads by label: no resolution needed
    secret.setContent({ foo: 'y' });
    secret.removeRevision(1);
    expect(secret.id).toBe(CANONICAL);
    expect(t.tools()).toEqual(['secret-get', 'secret-info-get', 'secret-set', 'secret-remove']);
    expect(t.argsOf('secret-info-get')).toEqual([['--format=json', '--label', 'db']]);
    expect(t.argsOf('secret-set')[0]?.slice(0, 3)).toEqual(['--owner', 'application', CANONICAL]);
    expect(t.argsOf('secret-remove')).toEqual([[CANONICAL, '--revision', '1']]);
  });

  it('test_set_content / test_app_add_secret_args: values go through k#file= only', () => {
    const t = testModel({ 'secret-add': ID, 'secret-get': '{"abc":"x"}' });
    t.model.app.addSecret({ password: VALUE }, { label: 'l' });
    t.model.getSecret({ id: ID }).setContent({ password: VALUE });
    for (const call of t.calls) expect(call.args.join(' ')).not.toContain(VALUE);
  });

  const badContent: [string, unknown, RegExp][] = [
    ['empty', {}, /must not be empty/],
    ['too short', { ab: VALUE }, /invalid secret keys: "ab"/],
    ['upper case', { Password: VALUE }, /invalid secret keys: "Password"/],
    ['leading hyphen', { '-abc': VALUE }, /invalid secret keys: "-abc"/],
    ['trailing hyphen', { 'abc-': VALUE }, /invalid secret keys: "abc-"/],
    ['double hyphen', { 'ab--cd': VALUE }, /invalid secret keys: "ab--cd"/],
    ['starts with a digit', { '1abc': VALUE }, /invalid secret keys: "1abc"/],
    ['non-string value', { abc: 42 }, /expected strings: "abc" \(number\)/],
    ['not an object', 'text', /must be an object/],
  ];
  it.each(badContent)(
    'test_add_secret_errors: %s content is refused before any tool runs',
    (_n, content, msg) => {
      const t = testModel();
      const add = () => t.model.app.addSecret(content as Record<string, string>);
      expect(add).toThrow(InvalidSecretContentError);
      expect(add).toThrow(msg);
      try {
        add();
      } catch (error) {
        expect((error as Error).message).not.toContain(VALUE); // values never reach messages
      }
      expect(t.calls).toEqual([]);
    },
  );

  it('setContent validates too, before resolving a label-only secret', () => {
    const t = testModel({ 'secret-get': '{"abc":"x"}' });
    const secret = t.model.getSecret({ label: 'db' });
    expect(() => secret.setContent({ 'bad key': VALUE })).toThrow(/invalid secret keys: "bad key"/);
    expect(t.tools()).toEqual(['secret-get']);
  });

  it('a bad rotate policy and an empty setInfo are refused before any tool runs', () => {
    const t = testModel({ 'secret-get': '{"abc":"x"}' });
    const secret = t.model.getSecret({ id: ID });
    expect(() => secret.setInfo({ rotate: 'fortnightly' as never })).toThrow(
      /rotate policy "fortnightly" not valid/,
    );
    expect(() => secret.setInfo({})).toThrow(TypeError);
    expect(() => t.model.getSecret({})).toThrow(TypeError);
    expect(t.tools()).toEqual(['secret-get']);
  });

  it('toString never shows content', () => {
    const t = testModel({ 'secret-get': `{"password":"${VALUE}"}` });
    const secret = t.model.getSecret({ id: ID });
    secret.getContent();
    expect(String(secret)).toBe(`Secret(${ID})`);
    expect(JSON.stringify(secret)).not.toContain(VALUE);
  });
});

describe('secret errors: Juju stderr mapped as ops maps it', () => {
  const cases: [
    string,
    () => ReturnType<typeof testModel>,
    (t: ReturnType<typeof testModel>) => unknown,
    typeof ModelError,
  ][] = [
    [
      'secret-get: secret "x" not found',
      () => testModel({ 'secret-get': jujuError(`secret "${XID}" not found`) }),
      (t) => t.model.getSecret({ id: ID }),
      SecretNotFoundError,
    ],
    [
      'secret-info-get: label not found',
      () => testModel({ 'secret-get': '{"abc":"x"}', 'secret-info-get': jujuError('secret "db" not found') }),
      (t) => t.model.getSecret({ label: 'db' }).getInfo(),
      SecretNotFoundError,
    ],
    [
      'secret-set as a non-leader: this unit is not the leader',
      () =>
        testModel({ 'secret-get': '{"abc":"x"}', 'secret-set': jujuError('this unit is not the leader') }),
      (t) => t.model.getSecret({ id: ID }).setContent({ abc: VALUE }),
      ModelError,
    ],
    [
      'secret-add with a used label',
      () => testModel({ 'secret-add': jujuError('secret with label "db" already exists') }),
      (t) => t.model.app.addSecret({ abc: VALUE }, { label: 'db' }),
      ModelError,
    ],
    [
      // ops maps any secret-* "not found", so an unknown relation id reads as SecretNotFoundError too
      'secret-grant with a dead relation: relation not found',
      () =>
        testModel(
          {
            'secret-get': '{"abc":"x"}',
            'secret-grant': jujuError('invalid value "7" for option --relation: relation not found', 2),
          },
          { requires: { db: { interface: 'pgsql' } } },
        ),
      (t) => {
        const rel = t.model.getRelation('db', 7);
        if (rel) t.model.getSecret({ id: ID }).grant(rel);
      },
      SecretNotFoundError,
    ],
  ];
  it.each(cases)('%s', (_name, make, act, type) => {
    const t = make();
    let caught: unknown;
    try {
      act(t);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(type);
    if (type === ModelError) expect(caught).not.toBeInstanceOf(SecretNotFoundError);
    const message = (caught as Error).message;
    expect(message).toMatch(/^ERROR /);
    expect(message).not.toContain(VALUE);
  });
});

describe('secret values never reach error messages', () => {
  it.each([
    [
      'secret-get printing YAML',
      { 'secret-get': `password: ${VALUE}\n` },
      (t: ReturnType<typeof testModel>) => t.model.getSecret({ id: ID }),
    ],
    [
      'credential-get printing garbage',
      { 'credential-get': `{"credential": ${VALUE}` },
      (t: ReturnType<typeof testModel>) => t.model.getCloudSpec(),
    ],
  ] as const)('%s: the error says what went wrong without quoting the output', (_n, script, act) => {
    const t = testModel(script);
    let caught: unknown;
    try {
      act(t);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toMatch(
      /printed output that is not JSON \(\d+ characters, not shown\)/,
    );
    expect((caught as Error).message).not.toContain(VALUE);
  });
});

describe('secret events', () => {
  const metadata = 'name: test-charm\n';
  const env = { JUJU_SECRET_ID: ID, JUJU_SECRET_LABEL: 'db', JUJU_SECRET_REVISION: '3' };

  it('secret-changed: event.secret is lazy; get_content(refresh) moves tracking', async () => {
    const seen: unknown[] = [];
    class Charm extends CharmBase {
      constructor(fw: Framework) {
        super(fw);
        this.observe(this.on.secretChanged, this.onChanged);
      }
      onChanged(event: SecretChangedEvent) {
        seen.push(event.secret.id, event.secret.label);
        seen.push(event.secret.getContent({ refresh: true }));
        seen.push(event.secret.getContent()); // cached on the event's secret
      }
    }
    const r = await dispatchWith(Charm, {
      path: 'hooks/secret-changed',
      metadata,
      env,
      script: { 'secret-get': '{"password":"two"}' },
    });
    expect(r.code).toBe(0);
    expect(seen).toEqual([ID, 'db', { password: 'two' }, { password: 'two' }]);
    expect(r.argsOf('secret-get')).toEqual([['--format=json', ID, '--label', 'db', '--refresh']]);
  });

  it('reading only the id runs no secret tool', async () => {
    class Charm extends CharmBase {
      constructor(fw: Framework) {
        super(fw);
        this.observe(this.on.secretChanged, this.onChanged);
      }
      onChanged(event: SecretChangedEvent) {
        if (event.secret.id !== ID) throw new Error('wrong id');
      }
    }
    const r = await dispatchWith(Charm, { path: 'hooks/secret-changed', metadata, env });
    expect(r.code).toBe(0);
    expect(r.tools().filter((t) => t.startsWith('secret-'))).toEqual([]);
  });

  it('secret-remove: event.removeRevision() removes that revision', async () => {
    class Charm extends CharmBase {
      constructor(fw: Framework) {
        super(fw);
        this.observe(this.on.secretRemove, this.onRemove);
      }
      onRemove(event: SecretRemoveEvent) {
        event.removeRevision();
      }
    }
    const r = await dispatchWith(Charm, { path: 'hooks/secret-remove', metadata, env });
    expect(r.code).toBe(0);
    expect(r.argsOf('secret-remove')).toEqual([[ID, '--revision', '3']]);
  });
});
