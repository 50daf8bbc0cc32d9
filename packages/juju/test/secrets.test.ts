import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ModelState } from '../src/index.js';
import { addSecret, addSecretRevision, grantSecret, runTool } from '../src/index.js';
import { dbHook, err, hook, makeWorld, ok, sh } from './fixture.js';

const XID = 'cjd3fl6s2tt2t4n8ct2g';

/** makeWorld plus an app-owned secret of myapp granted to postgresql over db:3. */
function withSecret(): ModelState {
  const state = makeWorld();
  addSecret(state, {
    id: XID,
    owner: { kind: 'application', name: 'myapp' },
    content: { pass: 'one' },
    label: 'db-pass',
  });
  grantSecret(state, XID, 3, 'postgresql');
  return state;
}

describe('secret-add', () => {
  it('creates a pending secret readable in the same hook, committed on success', () => {
    const state = makeWorld();
    const ctx = hook(state);
    const result = sh(ctx, 'secret-add --label L --description D foo=bar baz#base64=YmF6');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^secret:[0-9a-v]{20}\n$/);
    const uri = result.stdout.trim();
    const id = uri.slice('secret:'.length);
    expect(sh(ctx, `secret-get ${uri}`)).toEqual(ok('baz: baz\nfoo: bar\n'));
    expect(sh(ctx, 'secret-get --label L --format=json')).toEqual(ok('{"baz":"baz","foo":"bar"}\n'));
    // As in Juju, the first positional is always the URI, even with --label.
    expect(sh(ctx, 'secret-get --label L foo')).toEqual(err('secret URI "foo" not valid', 2));
    expect(sh(ctx, `secret-info-get --format=json ${uri}`)).toEqual(
      ok(`{"${id}":{"revision":1,"label":"L","owner":"application","description":"D"}}\n`),
    );
    expect(sh(ctx, 'secret-ids')).toEqual(ok(`${id}\n`));
    expect(state.secrets).toEqual({});
    expect(ctx.commit()).toEqual([{ kind: 'secret-created', secretId: id }]);
    expect(state.secrets[id]).toMatchObject({
      owner: { kind: 'application', name: 'myapp' },
      label: 'L',
      latestRevision: 1,
      revisions: [{ revision: 1, content: { foo: 'YmFy', baz: 'YmF6' } }],
    });
  });

  it('reads key#file= relative to the cwd (ops argv) and --file YAML', () => {
    const dir = mkdtempSync(`${tmpdir()}/juju-secret-`);
    writeFileSync(`${dir}/key1`, 'from-file');
    writeFileSync(`${dir}/content.yaml`, 'other: v\nkey2#base64: aGk=\n');
    const state = makeWorld();
    const ctx = hook(state, { unit: 'myapp/1' });
    const add = runTool(
      ctx,
      'secret-add',
      ['--label', 'L', '--owner', 'unit', `key1#file=${dir}/key1`],
      undefined,
      dir,
    );
    expect(add.exitCode).toBe(0);
    expect(sh(ctx, 'secret-get --label L --format=json')).toEqual(ok('{"key1":"from-file"}\n'));
    const add2 = runTool(
      ctx,
      'secret-add',
      ['--owner', 'unit', '--file', 'content.yaml', 'key3=x'],
      undefined,
      dir,
    );
    expect(sh(ctx, `secret-get ${add2.stdout.trim()} --format=json`)).toEqual(
      ok('{"key2":"hi","key3":"x","other":"v"}\n'),
    );
    expect(runTool(ctx, 'secret-add', ['key1#file=missing'], undefined, dir)).toEqual(
      err('reading content for secret key "key1": open missing: no such file or directory', 2),
    );
  });

  it.each([
    [['fo=bar'], 'key "fo" not valid', 2],
    [['Foo=bar'], 'key "Foo" not valid', 2],
    [['s3cret'], 'key value "s3cret" not valid', 2],
    [['=x'], 'key value "=x" not valid', 2],
    [[], 'missing secret value or filename', 2],
    [['--owner', 'foo', 'key=v'], 'secret owner "foo" not valid', 2],
    [['--rotate', 'foo', 'key=v'], 'rotate policy "foo" not valid', 2],
    [['--expire', '-1h', 'key=v'], 'negative expire duration "-1h" not valid', 2],
    [['--expire', '2022-01-01', 'key=v'], 'expire time or duration "2022-01-01" not valid', 2],
    [[`key=${'x'.repeat(7000)}`], 'secret content for key "key" too large: 9336 bytes', 2],
  ])('%j fails', (args, message, code) => {
    expect(runTool(hook(makeWorld()), 'secret-add', args)).toEqual(err(message, code));
  });

  it('strips base64 padding before splitting', () => {
    const ctx = hook(makeWorld());
    const uri = sh(ctx, 'secret-add token#base64=key=').stdout.trim();
    expect(sh(ctx, `secret-get ${uri} token#base64`)).toEqual(ok('key=\n'));
  });

  it('accepts expiry forms and rotation policies', () => {
    const ctx = hook(makeWorld());
    for (const expire of ['24h', '90m', '2030-01-01T00:00:00Z', '2030-01-01T00:00:00']) {
      expect(runTool(ctx, 'secret-add', ['--expire', expire, '--rotate', 'daily', 'key=v']).exitCode).toBe(0);
    }
    const uri = sh(ctx, 'secret-add --expire 2030-01-01T00:00:00 --rotate monthly key=v').stdout.trim();
    expect(sh(ctx, `secret-info-get ${uri}`).stdout).toContain(
      // secret-info-get.go: LatestExpireTime is a *time.Time, which yaml.v2 encode.go timev prints plain.
      'rotation: monthly\n  expiry: 2030-01-01T00:00:00Z\n',
    );
  });

  it('app-owned secrets need leadership; duplicate pending labels are refused', () => {
    const ctx = hook(makeWorld(), { unit: 'myapp/1' });
    expect(sh(ctx, 'secret-add key=v')).toEqual(err('this unit is not the leader', 1));
    expect(sh(ctx, 'secret-add --owner unit --label x key=v').exitCode).toBe(0);
    expect(sh(ctx, 'secret-add --owner unit --label x key=v')).toEqual(
      err('secret with label "x" already exists', 1),
    );
  });

  it('a label already used by the owner fails at commit', async () => {
    const { CommitError } = await import('../src/index.js');
    const state = withSecret();
    const ctx = hook(state);
    expect(sh(ctx, 'secret-add --label db-pass key=v').exitCode).toBe(0);
    expect(() => ctx.commit()).toThrow(CommitError);
    expect(Object.keys(state.secrets)).toEqual([XID]);
  });
});

describe('secret-get', () => {
  it('pins, peeks and refreshes revisions for consumers', () => {
    const state = withSecret();
    const c1 = dbHook(state, { unit: 'postgresql/0', remoteUnit: 'myapp/0' });
    expect(sh(c1, `secret-get secret:${XID} pass`)).toEqual(ok('one\n'));
    c1.commit();
    expect(state.secrets[XID]!.consumers['postgresql/0']).toEqual({ revision: 1, label: null });
    addSecretRevision(state, XID, { pass: 'two' });
    const c2 = dbHook(state, { unit: 'postgresql/0', remoteUnit: 'myapp/0' });
    expect(sh(c2, `secret-get ${XID} pass`)).toEqual(ok('one\n'));
    expect(sh(c2, `secret-get ${XID} pass --peek`)).toEqual(ok('two\n'));
    expect(sh(c2, `secret-get ${XID} pass`)).toEqual(ok('one\n'));
    expect(sh(c2, `secret-get --format=json ${XID} --refresh`)).toEqual(ok('{"pass":"two"}\n'));
    expect(sh(c2, `secret-get ${XID} pass`)).toEqual(ok('two\n'));
    expect(c2.commit()).toEqual([
      { kind: 'secret-tracking', secretId: XID, unit: 'postgresql/0', revision: 2 },
    ]);
  });

  it('consumer labels: set with ID + --label, then resolve by label', () => {
    const state = withSecret();
    const c1 = dbHook(state, { unit: 'postgresql/0', remoteUnit: 'myapp/0' });
    expect(sh(c1, `secret-get secret:${XID} --label mine`).exitCode).toBe(0);
    expect(sh(c1, 'secret-get --label mine')).toEqual(ok('pass: one\n'));
    c1.commit();
    expect(state.secrets[XID]!.consumers['postgresql/0']?.label).toBe('mine');
    expect(state.secrets[XID]!.label).toBe('db-pass');
  });

  it.each([
    ['secret-get', 'require either a secret URI or label', 2],
    ['secret-get bad', 'secret URI "bad" not valid', 2],
    [`secret-get ${XID} --peek --refresh`, 'specify one of --peek or --refresh but not both', 2],
    [`secret-get ${XID} a b`, 'unrecognized args: ["b"]', 2],
    [
      `secret-get ${XID} --format smart`,
      'invalid value "smart" for option --format: unknown format "smart"',
      2,
    ],
    [`secret-get ${XID} nope`, 'secret key value "nope" not found', 1],
    ['secret-get aaaaaaaaaaaaaaaaaaaa', 'secret "aaaaaaaaaaaaaaaaaaaa" not found', 1],
    ['secret-get --label nope', 'secret "nope" not found', 1],
  ])('%s', (line, message, code) => {
    expect(sh(hook(withSecret()), line)).toEqual(err(message, code));
  });

  it('refuses consumers without a grant', () => {
    const state = withSecret();
    state.secrets[XID]!.grants = [];
    expect(sh(hook(state, { unit: 'postgresql/1' }), `secret-get ${XID}`)).toEqual(
      err('permission denied', 1),
    );
  });

  it('accepts secret://<model>/<xid> URIs', () => {
    expect(sh(hook(withSecret()), `secret-get secret://model-uuid/${XID} pass`)).toEqual(ok('one\n'));
  });
});

describe('secret-set / secret-remove / secret-info-get / secret-ids', () => {
  // internal/worker/uniter/runner/context/context.go GetSecret/getPendingSecretValue: the owner's
  // pending create is read from the hook; a pending secret-set only with --peek or --refresh (--refresh
  // then tracks the new revision once the hook commits); otherwise the controller's tracked revision.
  it.each([
    [`secret-get ${XID} pass`, 'one\n', 1],
    [`secret-get ${XID} pass --peek`, 'two\n', 1],
    [`secret-get ${XID} pass --refresh`, 'two\n', 2],
    ['secret-get --label db-pass', 'pass: one\n', 1],
    ['secret-get --label db-pass --peek', 'pass: two\n', 1],
    ['secret-get --label db-pass --format=json --refresh', '{"pass":"two"}\n', 2],
  ])('after secret-set in the same hook, %s → %j (then tracks revision %i)', (line, stdout, tracked) => {
    const state = withSecret();
    const first = hook(state);
    expect(sh(first, `secret-get ${XID} pass`)).toEqual(ok('one\n'));
    first.commit();
    const ctx = hook(state);
    expect(sh(ctx, `secret-set ${XID} pass=two`)).toEqual(ok());
    expect(sh(ctx, line)).toEqual(ok(stdout));
    ctx.commit();
    expect(state.secrets[XID]?.latestRevision).toBe(2);
    expect(state.secrets[XID]?.consumers['myapp/0']?.revision).toBe(tracked);
    expect(sh(hook(state), `secret-get ${XID} pass`)).toEqual(ok(tracked === 2 ? 'two\n' : 'one\n'));
  });

  it.each([
    [`secret-get SECRET pass`, 'new\n'],
    [`secret-get SECRET pass --peek`, 'new\n'],
    ['secret-get --label fresh', 'pass: new\n'],
  ])('a secret created in this hook is visible: %s', (line, stdout) => {
    const ctx = hook(withSecret());
    const uri = sh(ctx, 'secret-add --label fresh pass=old').stdout.trim();
    expect(sh(ctx, `secret-set ${uri} pass=new`)).toEqual(ok());
    expect(sh(ctx, line.replace('SECRET', uri))).toEqual(ok(stdout));
  });

  it('a metadata-only secret-set leaves --peek on the committed content', () => {
    const ctx = hook(withSecret());
    expect(sh(ctx, `secret-set ${XID} --description d`)).toEqual(ok());
    expect(sh(ctx, `secret-get ${XID} pass --peek`)).toEqual(ok('one\n'));
  });

  it('secret-set makes a new revision at commit, not for identical content', () => {
    const state = withSecret();
    const ctx = hook(state);
    expect(sh(ctx, `secret-set ${XID} pass=two`)).toEqual(ok());
    expect(sh(ctx, `secret-get ${XID} pass`)).toEqual(ok('one\n'));
    expect(ctx.commit()).toContainEqual({ kind: 'secret-revision', secretId: XID, revision: 2 });
    const again = hook(state);
    expect(sh(again, `secret-set ${XID} pass=two`)).toEqual(ok());
    expect(again.commit()).toEqual([]);
    const meta = hook(state);
    expect(sh(meta, `secret-set ${XID} --label relabelled --description d`)).toEqual(ok());
    expect(meta.commit()).toEqual([{ kind: 'secret-metadata', secretId: XID }]);
    expect(state.secrets[XID]).toMatchObject({ label: 'relabelled', description: 'd', latestRevision: 2 });
  });

  it.each([
    ['myapp/1', `secret-set ${XID} pass=x`, 'this unit is not the leader', 1],
    ['postgresql/0', `secret-set ${XID} pass=x`, `secret "${XID}" not found`, 1],
    ['myapp/0', 'secret-set', 'missing secret URI', 2],
    ['myapp/0', 'secret-set nope', 'secret URI "nope" not valid', 2],
    ['myapp/0', `secret-set ${XID} fo=x`, 'key "fo" not valid', 2],
    ['myapp/1', `secret-remove ${XID}`, 'this unit is not the leader', 1],
    ['postgresql/0', `secret-remove ${XID}`, `secret "${XID}" not found`, 1],
    ['myapp/0', 'secret-remove', 'missing secret URI', 2],
    [
      'myapp/0',
      `secret-remove ${XID} --revision x`,
      'invalid value "x" for option --revision: strconv.ParseInt: parsing "x": invalid syntax',
      2,
    ],
    ['myapp/1', `secret-info-get ${XID}`, `secret "${XID}" not found`, 1],
    ['myapp/0', 'secret-info-get', 'require either a secret URI or label', 2],
    ['myapp/0', `secret-info-get ${XID} --label x`, 'specify either a secret URI or label but not both', 2],
    ['myapp/0', 'secret-info-get --label nope', 'secret "nope" not found', 1],
  ])('%s: %s', (unit, line, message, code) => {
    expect(sh(hook(withSecret(), { unit }), line)).toEqual(err(message, code));
  });

  it('secret-remove is buffered; a revision or the whole secret', () => {
    const state = withSecret();
    addSecretRevision(state, XID, { pass: 'two' });
    const ctx = hook(state);
    expect(sh(ctx, `secret-remove ${XID} --revision 1`)).toEqual(ok());
    expect(state.secrets[XID]!.revisions).toHaveLength(2);
    expect(ctx.commit()).toEqual([{ kind: 'secret-removed', secretId: XID, revision: 1 }]);
    expect(state.secrets[XID]!.revisions.map((r) => r.revision)).toEqual([2]);
    const all = hook(state);
    sh(all, `secret-remove secret:${XID}`);
    all.discard();
    expect(state.secrets[XID]).toBeDefined();
    const all2 = hook(state);
    sh(all2, `secret-remove secret:${XID}`);
    all2.commit();
    expect(state.secrets[XID]).toBeUndefined();
  });

  it('secret-info-get shows owned metadata including access; secret-ids lists owned ids', () => {
    const state = withSecret();
    const ctx = hook(state);
    expect(sh(ctx, `secret-info-get ${XID}`)).toEqual(
      ok(
        `${XID}:\n  revision: 1\n  label: db-pass\n  owner: application\n  access:\n  - target: application-postgresql\n    scope: relation-myapp.db#postgresql.database\n    role: view\n`,
      ),
    );
    expect(sh(ctx, 'secret-info-get --format=json --label db-pass')).toEqual(
      ok(
        `{"${XID}":{"revision":1,"label":"db-pass","owner":"application","access":[{"target":"application-postgresql","scope":"relation-myapp.db#postgresql.database","role":"view"}]}}\n`,
      ),
    );
    expect(sh(ctx, 'secret-ids --format=json')).toEqual(ok(`["${XID}"]\n`));
    expect(sh(hook(state, { unit: 'myapp/1' }), 'secret-ids --format=json')).toEqual(ok('[]\n'));
  });
});

describe('secret-grant / secret-revoke', () => {
  it('grants and revokes at commit (ops argv)', () => {
    const state = withSecret();
    state.secrets[XID]!.grants = [];
    const ctx = hook(state);
    expect(sh(ctx, `secret-grant --relation 3 --unit postgresql/1 ${XID}`)).toEqual(ok());
    expect(sh(ctx, `secret-grant -r db:3 ${XID}`)).toEqual(ok());
    expect(state.secrets[XID]!.grants).toEqual([]);
    ctx.commit();
    expect(state.secrets[XID]!.grants).toEqual([
      { target: 'postgresql/1', relationId: 3, role: 'view' },
      { target: 'postgresql', relationId: 3, role: 'view' },
    ]);
    const revoke = hook(state);
    expect(sh(revoke, `secret-revoke --relation 3 --unit postgresql/1 ${XID}`)).toEqual(ok());
    revoke.commit();
    expect(state.secrets[XID]!.grants).toEqual([{ target: 'postgresql', relationId: 3, role: 'view' }]);
    const revokeAll = dbHook(state);
    expect(sh(revokeAll, `secret-revoke ${XID}`)).toEqual(ok());
    revokeAll.commit();
    expect(state.secrets[XID]!.grants).toEqual([]);
  });

  it('refuses an app grant while unit grants exist', () => {
    const state = withSecret();
    state.secrets[XID]!.grants = [{ target: 'postgresql/0', relationId: 3, role: 'view' }];
    expect(sh(hook(state), `secret-grant -r 3 ${XID}`)).toEqual(
      err(
        'any unit level grants need to be revoked before granting access to the corresponding application',
        1,
      ),
    );
  });

  it.each([
    ['myapp/0', `secret-grant ${XID}`, 'no relation id specified', 2],
    ['myapp/0', 'secret-grant -r 3', 'missing secret URI', 2],
    ['myapp/0', `secret-grant -r 3 --unit bad ${XID}`, 'unit "bad" not valid', 2],
    [
      'myapp/0',
      `secret-grant -r 3 --unit other/0 ${XID}`,
      'cannot specify unit "other/0" in relation to application "postgresql"',
      2,
    ],
    ['myapp/0', `secret-grant -r 9 ${XID}`, 'invalid value "9" for option -r: relation not found', 2],
    ['myapp/1', `secret-grant -r 3 ${XID}`, 'this unit is not the leader', 1],
    ['postgresql/0', `secret-grant -r 3 ${XID}`, `secret "${XID}" not found`, 1],
    ['myapp/0', 'secret-revoke', 'missing secret URI', 2],
    ['myapp/0', `secret-revoke ${XID}`, 'missing relation or application or unit', 2],
    ['myapp/0', `secret-revoke --app Bad ${XID}`, 'application "Bad" not valid', 2],
    ['myapp/0', `secret-revoke --unit bad ${XID}`, 'unit "bad" not valid', 2],
    ['myapp/0', `secret-revoke --app x --unit x/0 ${XID}`, 'specify only one of application or unit', 2],
    ['myapp/0', `secret-revoke -r 3 --app x ${XID}`, 'do not specify both relation and app', 2],
  ])('%s: %s', (unit, line, message, code) => {
    expect(sh(hook(withSecret(), { unit }), line)).toEqual(err(message, code));
  });
});
