import { describe, expect, it } from 'vitest';
import { runTool } from '../src/index.js';
import { dbHook, err, hook, makeWorld, ok, sh } from './fixture.js';

describe('relation-get', () => {
  it.each([
    ['relation-get', 'host: pg-0\nmulti: |\n  pew\n  pew\n'],
    ['relation-get host', 'pg-0\n'],
    ['relation-get multi', 'pew\npew\n\n'],
    ['relation-get missing', ''],
    ['relation-get --format=json missing', 'null\n'],
    ['relation-get --format=json -r db:3 - postgresql/0', '{"host":"pg-0","multi":"pew\\npew\\n"}\n'],
    ['relation-get --format=json -r 3 - postgresql/0', '{"host":"pg-0","multi":"pew\\npew\\n"}\n'],
    ['relation-get --format=json -r anything:3 - postgresql/0', '{"host":"pg-0","multi":"pew\\npew\\n"}\n'],
    ['relation-get -r3 host postgresql/0', 'pg-0\n'],
    ['relation-get --relation=db:3 host postgresql/0', 'pg-0\n'],
    ['relation-get --format=json -r db:3 --app - postgresql', '{"endpoints":"pg:5432"}\n'],
    ['relation-get --format=json -r db:3 --app - postgresql/1', '{"endpoints":"pg:5432"}\n'],
    ['relation-get --app', 'endpoints: pg:5432\n'],
    ['relation-get - myapp/0', 'mine: "yes"\n'],
    ['relation-get --format=json --app - myapp', '{"database":"app"}\n'],
    ['relation-get - postgresql/1 --format json', '{"private-address":"192.0.2.0"}\n'],
  ])('%s', (line, stdout) => {
    expect(sh(dbHook(makeWorld()), line)).toEqual(ok(stdout));
  });

  it.each([
    ['relation-get -r 2', 'invalid value "2" for option -r: relation not found', 2],
    ['relation-get --relation=db:2', 'invalid value "db:2" for option --relation: relation not found', 2],
    ['relation-get -r one', 'invalid value "one" for option -r: invalid relation id', 2],
    ['relation-get - mysql', 'expected unit name, got application name "mysql"', 2],
    ['relation-get - unit//0', 'invalid unit name "unit//0"', 2],
    ['relation-get - postgresql/0 extra', 'unrecognized args: ["extra"]', 2],
    ['relation-get --format xml', 'invalid value "xml" for option --format: unknown format "xml"', 2],
    ['relation-get --foo', 'option provided but not defined: --foo', 2],
    ['relation-get - nosuch/0', 'permission denied', 1],
  ])('%s fails', (line, message, code) => {
    expect(sh(dbHook(makeWorld()), line)).toEqual(err(message, code));
  });

  it('needs a relation id outside relation hooks, and a target', () => {
    const state = makeWorld();
    expect(sh(hook(state), 'relation-get')).toEqual(err('no relation id specified', 2));
    expect(sh(hook(state), 'relation-get -r 3')).toEqual(err('no unit or application specified', 2));
    expect(sh(hook(state), 'relation-get -r 3 --app')).toEqual(err('no unit or application specified', 2));
  });

  it('falls back to the remote app when no remote unit (created/broken/app changed)', () => {
    const ctx = dbHook(makeWorld(), { hookName: 'db-relation-created', remoteUnit: '' });
    expect(sh(ctx, 'relation-get --format=json')).toEqual(ok('{"endpoints":"pg:5432"}\n'));
  });

  it('refuses a non-leader read of its own app bag in a regular relation, allows it for peers', () => {
    const state = makeWorld();
    state.relations['1']!.appData.myapp = { peer: 'data' };
    const ctx = dbHook(state, { unit: 'myapp/1' });
    expect(sh(ctx, 'relation-get --app - myapp')).toEqual(err('permission denied', 1));
    expect(sh(ctx, 'relation-get -r cluster:1 --app - myapp')).toEqual(ok('peer: data\n'));
  });

  it('writes output to a file with -o', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/juju-`);
    const ctx = dbHook(makeWorld());
    expect(runTool(ctx, 'relation-get', ['-o', 'out.txt', 'host'], undefined, dir)).toEqual(ok(''));
    expect(readFileSync(`${dir}/out.txt`, 'utf8')).toBe('pg-0\n');
  });

  it('reads remote data as a snapshot for the rest of the hook', () => {
    const state = makeWorld();
    const ctx = dbHook(state);
    expect(sh(ctx, 'relation-get host')).toEqual(ok('pg-0\n'));
    state.relations['3']!.unitData['postgresql/0']!.host = 'changed';
    expect(sh(ctx, 'relation-get host')).toEqual(ok('pg-0\n'));
    expect(sh(dbHook(state), 'relation-get host')).toEqual(ok('changed\n'));
  });
});

describe('relation-set', () => {
  it.each([
    ['relation-set a=1 b=x=y', { mine: 'yes', a: '1', b: 'x=y' }],
    ['relation-set -r db:3 mine=', {}],
    ['relation-set --relation 3 c=3', { mine: 'yes', c: '3' }],
  ])('%s', (line, bag) => {
    const ctx = dbHook(makeWorld());
    expect(sh(ctx, line)).toEqual(ok());
    expect(ctx.ownUnitBag(3)).toEqual(bag);
  });

  it('reads JSON from stdin with --file - (ops ≥3.4 argv)', () => {
    const ctx = dbHook(makeWorld());
    const stdin = JSON.stringify({ a: 'x', n: 1, b: true, mine: '' });
    expect(runTool(ctx, 'relation-set', ['-r', 'db:3', '--app', '--file', '-'], stdin)).toEqual(ok());
    expect(ctx.ownAppBag(3)).toEqual({ database: 'app', a: 'x', n: '1', b: 'true' });
    expect(ctx.ownUnitBag(3)).toEqual({ mine: 'yes' });
  });

  it('reads YAML files relative to cwd; CLI pairs override', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/juju-`);
    writeFileSync(`${dir}/s.yaml`, 'a: 42\nb: ~\nc: "q"\n');
    const ctx = dbHook(makeWorld());
    expect(runTool(ctx, 'relation-set', ['--file', 's.yaml', 'c=cli'], undefined, dir)).toEqual(ok());
    expect(ctx.ownUnitBag(3)).toEqual({ mine: 'yes', a: '42', c: 'cli' });
  });

  it('asks for stdin when none was supplied', () => {
    const ctx = dbHook(makeWorld());
    expect(sh(ctx, 'relation-set --file -')).toEqual(err('hook tool requires stdin, none supplied', 1));
  });

  it.each([
    ['relation-set foo', 'expected "key=value", got "foo"', 2],
    ['relation-set =x', 'expected "key=value", got "=x"', 2],
    ['relation-set a=1 a=2', 'key "a" specified more than once', 2],
    ['relation-set -r 9 a=1', 'invalid value "9" for option -r: relation not found', 2],
  ])('%s fails', (line, message, code) => {
    expect(sh(dbHook(makeWorld()), line)).toEqual(err(message, code));
  });

  it('rejects nested YAML values (exit 1)', () => {
    const result = runTool(dbHook(makeWorld()), 'relation-set', ['--file', '-'], 'a:\n  b: c\n');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^ERROR yaml: unmarshal errors:/);
  });

  // internal/worker/uniter/runner/jujuc/relation-set_test.go (relationSetInitTests) and yaml.v2 decode.go
  // terror: the file is unmarshalled into map[string]string; every mismatch is listed with its line, and
  // scalar values over 10 bytes are cut to their first 7 and `...`.
  it.each([
    ['haha', 'line 1: cannot unmarshal !!str `haha` into map[string]string'],
    ['foo=bar ham=eggs good=bad', 'line 1: cannot unmarshal !!str `foo=bar...` into map[string]string'],
    ['[haha]', 'line 1: cannot unmarshal !!seq into map[string]string'],
    ['\n\n42', 'line 3: cannot unmarshal !!int `42` into map[string]string'],
    ['true', 'line 1: cannot unmarshal !!bool `true` into map[string]string'],
    ['"quoted string here"', 'line 1: cannot unmarshal !!str `quoted ...` into map[string]string'],
    ['a:\n  b: c\n', 'line 2: cannot unmarshal !!map into string'],
    [
      'a: [1]\nb: ok\nc:\n- x\n',
      'line 1: cannot unmarshal !!seq into string\n  line 4: cannot unmarshal !!seq into string',
    ],
  ])('--file %j is a type error (exit 1)', (content, errors) => {
    const result = runTool(dbHook(makeWorld()), 'relation-set', ['--file', '-'], content);
    expect(result).toEqual(err(`yaml: unmarshal errors:\n  ${errors}`, 1));
  });

  it.each([
    ['{a: b}\n{c: d}', { a: 'b' }],
    ['', {}],
    ['{}', {}],
    ['{foo: foo=bar, base64: YmFzZTY0IGV4YW1wbGU=}', { foo: 'foo=bar', base64: 'YmFzZTY0IGV4YW1wbGU=' }],
    ["{foo: '[x]', bar: '{y}'}", { foo: '[x]', bar: '{y}' }],
  ])('--file %j reads as relation-set_test.go expects', (content, bag) => {
    const ctx = dbHook(makeWorld());
    expect(runTool(ctx, 'relation-set', ['--file', '-'], content)).toEqual(ok());
    expect(ctx.pending.unitData['3']).toEqual(bag);
  });

  it('reports a missing --file as os.Open does (cmd.FileVar)', () => {
    const ctx = dbHook(makeWorld());
    expect(runTool(ctx, 'relation-set', ['--file', 'nope.yaml'], undefined, '/tmp')).toEqual(
      err('open /tmp/nope.yaml: no such file or directory', 1),
    );
  });

  it('non-leader --app write fails with cannot write relation settings', () => {
    const ctx = dbHook(makeWorld(), { unit: 'myapp/1' });
    expect(sh(ctx, 'relation-set --app a=1')).toEqual(err('cannot write relation settings', 1));
  });

  it('needs a relation id outside relation hooks', () => {
    expect(sh(hook(makeWorld()), 'relation-set a=1')).toEqual(err('no relation id specified', 2));
  });

  it('warns about the deprecated --format flag on stderr', () => {
    expect(sh(dbHook(makeWorld()), 'relation-set --format json a=1')).toEqual({
      stdout: '',
      stderr: '--format flag deprecated for command "relation-set"',
      exitCode: 0,
    });
  });
});

describe('relation-ids / relation-list / relation-model-get', () => {
  it('relation-ids sorts as strings and defaults to the hook endpoint', () => {
    const state = makeWorld();
    state.relations['10'] = { ...structuredClone(state.relations['3']!), id: 10 };
    state.relations['2'] = { ...structuredClone(state.relations['3']!), id: 2 };
    const ctx = dbHook(state);
    expect(sh(ctx, 'relation-ids')).toEqual(ok('db:10\ndb:2\ndb:3\n'));
    expect(sh(ctx, 'relation-ids db --format=json')).toEqual(ok('["db:10","db:2","db:3"]\n'));
    expect(sh(ctx, 'relation-ids nope')).toEqual(ok(''));
    expect(sh(ctx, 'relation-ids nope --format=json')).toEqual(ok('[]\n'));
    expect(sh(ctx, 'relation-ids a b')).toEqual(err('unrecognized args: ["b"]', 2));
    expect(sh(hook(state), 'relation-ids')).toEqual(err('no endpoint name specified', 2));
  });

  it('relation-list lists remote units, the remote app, and nothing in broken', () => {
    const state = makeWorld();
    expect(sh(dbHook(state), 'relation-list')).toEqual(ok('postgresql/0\npostgresql/1\n'));
    expect(sh(dbHook(state), 'relation-list --format=json --app -r db:3')).toEqual(ok('"postgresql"\n'));
    expect(sh(hook(state), 'relation-list --format=json -r cluster:1')).toEqual(ok('["myapp/1"]\n'));
    expect(sh(hook(state), 'relation-list --app -r cluster:1')).toEqual(ok('myapp\n'));
    const departed = dbHook(state, {
      hookName: 'db-relation-departed',
      remoteUnit: 'postgresql/1',
      departingUnit: 'postgresql/1',
    });
    expect(sh(departed, 'relation-list --format=json')).toEqual(ok('["postgresql/0"]\n'));
    const broken = dbHook(state, { hookName: 'db-relation-broken', remoteUnit: '' });
    expect(sh(broken, 'relation-list --format=json')).toEqual(ok('[]\n'));
    expect(sh(broken, 'relation-list')).toEqual(ok(''));
    expect(sh(hook(state), 'relation-list')).toEqual(err('no relation id specified', 2));
    expect(sh(dbHook(state), 'relation-list x')).toEqual(err('unrecognized args: ["x"]', 2));
  });

  // Juju's uniter (worker/uniter/runner/context/contextfactory.go HookContext): the members cache starts
  // from the units whose joined hook has committed, the hook's remote unit is added for joined/changed
  // (InvalidateMember) and removed for departed (RemoveMember); relation-list lists that cache.
  it.each<[string, string[], { hookName: string; remoteUnit?: string }, string[], string[]]>([
    ['created: nobody yet', [], { hookName: 'db-relation-created' }, [], []],
    [
      'first joined',
      [],
      { hookName: 'db-relation-joined', remoteUnit: 'postgresql/1' },
      ['postgresql/1'],
      ['postgresql/1'],
    ],
    [
      'second joined',
      ['postgresql/1'],
      { hookName: 'db-relation-joined', remoteUnit: 'postgresql/0' },
      ['postgresql/0', 'postgresql/1'],
      ['postgresql/1', 'postgresql/0'],
    ],
    [
      'changed after joined',
      ['postgresql/0'],
      { hookName: 'db-relation-changed', remoteUnit: 'postgresql/0' },
      ['postgresql/0'],
      ['postgresql/0'],
    ],
    ['another hook', ['postgresql/0'], { hookName: 'update-status' }, ['postgresql/0'], ['postgresql/0']],
    [
      'departed',
      ['postgresql/0', 'postgresql/1'],
      { hookName: 'db-relation-departed', remoteUnit: 'postgresql/0' },
      ['postgresql/1'],
      ['postgresql/1'],
    ],
  ])('relation-list in %s', (_name, joined, opts, listed, after) => {
    const state = makeWorld();
    state.relations['3']!.joined = { 'myapp/0': [...joined] };
    const ctx = dbHook(state, { remoteUnit: '', ...opts });
    expect(sh(ctx, 'relation-list -r db:3 --format=json')).toEqual(ok(`${JSON.stringify(listed)}\n`));
    ctx.commit();
    expect(state.relations['3']!.joined?.['myapp/0']).toEqual(after);
  });

  it('when this unit is the one departing, each departed hook removes its remote unit', () => {
    const state = makeWorld();
    state.relations['3']!.joined = { 'myapp/0': ['postgresql/0', 'postgresql/1'] };
    const ctx = dbHook(state, {
      hookName: 'db-relation-departed',
      remoteUnit: 'postgresql/0',
      departingUnit: 'myapp/0',
    });
    expect(sh(ctx, 'relation-list')).toEqual(ok('postgresql/1\n'));
    ctx.commit();
    expect(state.relations['3']!.joined?.['myapp/0']).toEqual(['postgresql/1']);
  });

  it('a failed joined hook does not make the unit a member', () => {
    const state = makeWorld();
    state.relations['3']!.joined = { 'myapp/0': [] };
    dbHook(state, { hookName: 'db-relation-joined', remoteUnit: 'postgresql/0' }).discard();
    expect(state.relations['3']!.joined?.['myapp/0']).toEqual([]);
  });

  it('relation-model-get prints the remote model uuid', () => {
    const state = makeWorld();
    expect(sh(dbHook(state), 'relation-model-get --format=json -r db:3')).toEqual(
      ok('{"uuid":"00000000-0000-4000-8000-000000000000"}\n'),
    );
    state.relations['3']!.remoteModelUuid = 'other';
    expect(sh(dbHook(state), 'relation-model-get')).toEqual(ok('uuid: other\n'));
    expect(sh(hook(state), 'relation-model-get')).toEqual(err('no relation id specified', 2));
  });
});
