import { describe, expect, it } from 'vitest';
import { runTool, setCloud } from '../src/index.js';
import { dbHook, err, hook, makeWorld, ok, sh } from './fixture.js';

describe('config-get', () => {
  it.each([
    ['config-get', 'debug: false\nname: hello\nport: 8080\nratio: 1.5\n'],
    ['config-get --format=json', '{"debug":false,"name":"hello","port":8080,"ratio":1.5}\n'],
    [
      'config-get --all --format=json',
      '{"debug":false,"name":"hello","port":8080,"ratio":1.5,"token":null}\n',
    ],
    ['config-get -a --format=json', '{"debug":false,"name":"hello","port":8080,"ratio":1.5,"token":null}\n'],
    ['config-get port', '8080\n'],
    ['config-get debug', 'False\n'],
    ['config-get name --format=json', '"hello"\n'],
    ['config-get token', ''],
    ['config-get nope --format=json', 'null\n'],
  ])('%s', (line, stdout) => {
    expect(sh(hook(makeWorld()), line)).toEqual(ok(stdout));
  });

  it('overlays operator values on defaults', () => {
    const state = makeWorld();
    state.applications.myapp!.config = { port: 9000, token: 'secret:abc' };
    expect(sh(hook(state), 'config-get port')).toEqual(ok('9000\n'));
    expect(sh(hook(state), 'config-get token')).toEqual(ok('secret:abc\n'));
  });

  it.each([
    ['config-get --all port', 'cannot use argument --all together with key "port"'],
    ['config-get a b', 'unrecognized args: ["b"]'],
  ])('%s fails', (line, message) => {
    expect(sh(hook(makeWorld()), line)).toEqual(err(message, 2));
  });
});

describe('is-leader / leader-get / leader-set', () => {
  it('reports leadership', () => {
    const state = makeWorld();
    expect(sh(hook(state), 'is-leader')).toEqual(ok('True\n'));
    expect(sh(hook(state), 'is-leader --format=json')).toEqual(ok('true\n'));
    expect(sh(hook(state, { unit: 'myapp/1' }), 'is-leader')).toEqual(ok('False\n'));
    expect(sh(hook(state), 'is-leader x')).toEqual(err('unrecognized args: ["x"]', 2));
  });

  it('leader-set writes immediately, even if the hook is discarded', () => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(sh(ctx, 'leader-set a=1 b=2')).toEqual(ok());
    expect(ctx.discard()).toEqual([{ kind: 'leader-settings', app: 'myapp' }]);
    const other = hook(state, { unit: 'myapp/1' });
    expect(sh(other, 'leader-get --format=json')).toEqual(ok('{"a":"1","b":"2"}\n'));
    expect(sh(other, 'leader-get a')).toEqual(ok('1\n'));
    expect(sh(other, 'leader-get -')).toEqual(ok('a: "1"\nb: "2"\n'));
    expect(sh(other, 'leader-get zz')).toEqual(ok(''));
    expect(sh(other, 'leader-get a=b')).toEqual(err('invalid key "a=b"', 2));
    expect(sh(other, 'leader-set a=3')).toEqual(
      err('cannot write leadership settings: cannot write settings: not the leader', 1),
    );
  });
});

describe('status-get / status-set', () => {
  it.each([
    ['status-set active', 'active', ''],
    ['status-set maintenance doing things', null, null],
    ['status-set --application=False active -- msg', 'active', 'msg'],
    ['status-set --application=False blocked --', 'blocked', ''],
    ['status-set waiting -- -dash-message', 'waiting', '-dash-message'],
  ])('%s', (line, status, message) => {
    const state = makeWorld();
    const ctx = hook(state);
    const result = sh(ctx, line);
    if (status === null) {
      expect(result).toEqual(err('unrecognized args: ["things"]', 2));
      return;
    }
    expect(result).toEqual(ok());
    expect(state.units['myapp/0']!.status).toMatchObject({ status, message });
  });

  it('is immediate and recorded in history; --application needs leadership', () => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(runTool(ctx, 'status-set', ['--application=True', 'blocked', '--', 'need db'])).toEqual(ok());
    ctx.discard();
    expect(state.applications.myapp!.status).toMatchObject({ status: 'blocked', message: 'need db' });
    expect(state.statusHistory.at(-1)).toMatchObject({
      kind: 'application',
      target: 'myapp',
      status: 'blocked',
    });
    const nonLeader = hook(state, { unit: 'myapp/1' });
    expect(sh(nonLeader, 'status-set --application active')).toEqual(err('this unit is not the leader', 1));
    expect(sh(nonLeader, 'status-get --application')).toEqual(
      err('finding application status: this unit is not the leader', 1),
    );
  });

  it.each([
    ['status-set', 'invalid args, require <status> [message]'],
    ['status-set error', 'invalid status "error", expected one of [maintenance blocked waiting active]'],
    ['status-set foo', 'invalid status "foo", expected one of [maintenance blocked waiting active]'],
    ['status-set active a b', 'unrecognized args: ["b"]'],
    ['status-get x', 'unrecognized args: ["x"]'],
  ])('%s fails', (line, message) => {
    expect(sh(hook(makeWorld()), line)).toEqual(err(message, 2));
  });

  // internal/worker/uniter/runner/context/context.go: UnitStatus() reads the controller once per hook
  // context and keeps it (SetUnitStatus does not touch ctx.status); ApplicationStatus() has no cache and
  // reads the controller on every call, so it reflects the hook's own status-set calls.
  it.each([
    ['status-get', 'maintenance\n'],
    ['status-get --format=json', '{"status":"maintenance"}\n'],
    ['status-get --include-data', 'message: first\nstatus: maintenance\nstatus-data: {}\n'],
    [
      'status-get --include-data --format=json',
      '{"message":"first","status":"maintenance","status-data":{}}\n',
    ],
    ['status-get --application', 'blocked\n'],
    [
      'status-get --application --format=json',
      '{"application-status":{"status":"blocked","units":{"myapp/0":{"status":"active"},"myapp/1":{"status":"unknown"}}}}\n',
    ],
    [
      'status-get --application --include-data --format=json',
      '{"application-status":{"message":"app","status":"blocked","status-data":{},"units":{' +
        '"myapp/0":{"message":"second","status":"active","status-data":{}},' +
        '"myapp/1":{"message":"","status":"unknown","status-data":{}}}}}\n',
    ],
  ])('after a first read, status-set, then %s → %j', (line, stdout) => {
    const state = makeWorld();
    const ctx = hook(state);
    runTool(ctx, 'status-set', ['maintenance', 'first']);
    expect(sh(ctx, 'status-get')).toEqual(ok('maintenance\n'));
    runTool(ctx, 'status-set', ['active', 'second']);
    runTool(ctx, 'status-set', ['--application', 'blocked', 'app']);
    expect(sh(ctx, line)).toEqual(ok(stdout));
    // The next hook reads afresh.
    expect(sh(hook(state), 'status-get')).toEqual(ok('active\n'));
  });

  it('caches the first read even when it comes from --include-data', () => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(sh(ctx, 'status-get --include-data --format=json')).toEqual(
      ok('{"message":"","status":"unknown","status-data":{}}\n'),
    );
    runTool(ctx, 'status-set', ['active']);
    expect(sh(ctx, 'status-get')).toEqual(ok('unknown\n'));
  });

  it('status-get prints the word, or a map with --include-data / other formats', () => {
    const state = makeWorld();
    const ctx = hook(state);
    runTool(ctx, 'status-set', ['maintenance', 'installing']);
    expect(sh(ctx, 'status-get')).toEqual(ok('maintenance\n'));
    expect(sh(ctx, 'status-get --format=json')).toEqual(ok('{"status":"maintenance"}\n'));
    expect(sh(ctx, 'status-get --include-data --format=json --application=false')).toEqual(
      ok('{"message":"installing","status":"maintenance","status-data":{}}\n'),
    );
    expect(sh(ctx, 'status-get --include-data')).toEqual(
      ok('message: installing\nstatus: maintenance\nstatus-data: {}\n'),
    );
    runTool(ctx, 'status-set', ['--application', 'active', 'ok']);
    expect(sh(ctx, 'status-get --application=true --include-data --format=json')).toEqual(
      ok(
        '{"application-status":{"message":"ok","status":"active","status-data":{},"units":{' +
          '"myapp/0":{"message":"installing","status":"maintenance","status-data":{}},' +
          '"myapp/1":{"message":"","status":"unknown","status-data":{}}}}}\n',
      ),
    );
    expect(sh(ctx, 'status-get --application')).toEqual(ok('active\n'));
  });
});

describe('juju-log', () => {
  it.each([
    [['--log-level', 'INFO', '--', 'hello world'], 'INFO', 'hello world'],
    [['-l', 'warn', 'a', 'b'], 'WARNING', 'a b'],
    [['--debug', 'x'], 'DEBUG', 'x'],
    [['--log-level=error', '--', '-x'], 'ERROR', '-x'],
  ])('%j', (args, level, message) => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(runTool(ctx, 'juju-log', args)).toEqual(ok());
    ctx.discard();
    expect(state.logs).toEqual([
      { unit: 'myapp/0', level, message, timestamp: '2025-01-02T03:04:05.000Z', context: 'start' },
    ]);
    expect(ctx.logs).toHaveLength(1);
  });

  it('prefixes relation hook messages, warns on invalid levels, rejects no message', () => {
    const state = makeWorld();
    const ctx = dbHook(state);
    expect(sh(ctx, 'juju-log -l BOGUS hi')).toEqual(ok());
    expect(state.logs.map((l) => [l.level, l.message])).toEqual([
      ['WARNING', 'Specified log level of "BOGUS" is not valid'],
      ['INFO', 'db:3: hi'],
    ]);
    expect(sh(ctx, 'juju-log')).toEqual(err('no message specified', 2));
    expect(sh(ctx, 'juju-log --format json x').stderr).toBe(
      '--format flag deprecated for command "juju-log"',
    );
  });
});

describe('application-version-set / unit-get / goal-state / credential-get', () => {
  it('application-version-set is immediate', () => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(runTool(ctx, 'application-version-set', ['--', '1.2.3'])).toEqual(ok());
    ctx.discard();
    expect(state.applications.myapp!.workloadVersion).toBe('1.2.3');
    expect(sh(hook(state), 'application-version-set')).toEqual(err('no version specified', 2));
    expect(sh(hook(state), 'application-version-set a b')).toEqual(err('unrecognized args: ["b"]', 2));
  });

  it('unit-get', () => {
    const ctx = hook(makeWorld());
    expect(sh(ctx, 'unit-get private-address')).toEqual(ok('192.0.2.0\n'));
    expect(sh(ctx, 'unit-get')).toEqual(err('no setting specified', 2));
    expect(sh(ctx, 'unit-get foo')).toEqual(err('unknown setting "foo"', 2));
  });

  it('goal-state lists units and related units', () => {
    const state = makeWorld();
    state.units['myapp/1']!.life = 'dying';
    state.units['myapp/0']!.status = {
      status: 'active',
      message: '',
      data: {},
      since: '2025-01-02T03:04:05Z',
    };
    const out = JSON.parse(sh(hook(state), 'goal-state --format=json').stdout);
    expect(out.units).toEqual({
      'myapp/0': { status: 'active', since: '2025-01-02 03:04:05Z' },
      'myapp/1': { status: 'dying' },
    });
    expect(Object.keys(out.relations.db)).toEqual(['postgresql', 'postgresql/0', 'postgresql/1']);
    expect(sh(hook(state), 'goal-state --format=smart')).toEqual(
      err('invalid value "smart" for option --format: unknown format "smart"', 2),
    );
    expect(sh(hook(state), 'goal-state').stdout).toMatch(/^units:\n {2}myapp\/0:\n/);
  });

  it('credential-get needs trust and a machine model', () => {
    const state = makeWorld();
    expect(sh(hook(state), 'credential-get')).toEqual(
      err('cannot access cloud credentials: permission denied', 1),
    );
    state.applications.myapp!.trust = true;
    expect(sh(hook(state), 'credential-get')).toEqual(
      err('cannot access cloud credentials: credential-get on a "caas" model not supported', 1),
    );
    state.model.type = 'machine';
    setCloud(state, { credential: { authType: 'userpass', attrs: { username: 'u' } } });
    expect(sh(hook(state), 'credential-get --format=json')).toEqual(
      ok(
        '{"type":"lxd","name":"localhost","region":"default","credential":{"auth-type":"userpass","attrs":{"username":"u"}},"is-controller-cloud":true}\n',
      ),
    );
  });
});
