// argv and parsing of each hook-tool family, on the pure layer (typed call → argv + stdin → parsed value).
import { describe, expect, it } from 'vitest';
import { configGet } from '../src/hooktools/config.js';
import { goalState } from '../src/hooktools/goal-state.js';
import { isLeader } from '../src/hooktools/leader.js';
import { jujuLog } from '../src/hooktools/log.js';
import {
  relationGet,
  relationIds,
  relationList,
  relationModelGet,
  relationRemoteApp,
  relationSet,
} from '../src/hooktools/relation.js';
import { HookToolError, type Invoke, invoker } from '../src/hooktools/runner.js';
import { stateDelete, stateGetAll, stateSet } from '../src/hooktools/state.js';
import { statusGet, statusSet } from '../src/hooktools/status.js';
import { applicationVersionSet } from '../src/hooktools/version.js';
import { type Call, scriptedRunner } from './helpers.js';

/** An Invoke answering `stdout` and recording the call. */
function recorder(stdout = '') {
  const calls: Call[] = [];
  const run: Invoke = (tool, args, stdin) => {
    calls.push({ tool, args: [...args], ...(stdin === undefined ? {} : { stdin }) });
    return stdout;
  };
  return { run, calls };
}

const cases: {
  name: string;
  stdout?: string;
  call: (run: Invoke) => unknown;
  argv: string[];
  stdin?: string;
  result?: unknown;
}[] = [
  {
    name: 'relation-ids',
    stdout: '["db:10","db:2"]\n',
    call: (r) => relationIds(r, 'db'),
    argv: ['relation-ids', 'db', '--format=json'],
    result: [10, 2],
  },
  {
    name: 'relation-ids empty',
    stdout: '[]\n',
    call: (r) => relationIds(r, 'db'),
    argv: ['relation-ids', 'db', '--format=json'],
    result: [],
  },
  {
    name: 'relation-list',
    stdout: '["pg/0","pg/1"]\n',
    call: (r) => relationList(r, 'db', 3),
    argv: ['relation-list', '--format=json', '-r', 'db:3'],
    result: ['pg/0', 'pg/1'],
  },
  {
    name: 'relation-list --app',
    stdout: '"pg"\n',
    call: (r) => relationRemoteApp(r, 'db', 3),
    argv: ['relation-list', '--format=json', '--app', '-r', 'db:3'],
    result: 'pg',
  },
  {
    name: 'relation-get unit',
    stdout: '{"a":"1"}\n',
    call: (r) => relationGet(r, 'db', 3, 'pg/0', false),
    argv: ['relation-get', '--format=json', '-r', 'db:3', '-', 'pg/0'],
    result: { a: '1' },
  },
  {
    name: 'relation-get app',
    stdout: '{}\n',
    call: (r) => relationGet(r, 'db', 3, 'pg', true),
    argv: ['relation-get', '--format=json', '-r', 'db:3', '--app', '-', 'pg'],
    result: {},
  },
  {
    name: 'relation-set',
    call: (r) => relationSet(r, 'db', 3, { a: '1', b: '' }, false),
    argv: ['relation-set', '-r', 'db:3', '--file', '-'],
    stdin: '{"a":"1","b":""}',
  },
  {
    name: 'relation-set --app',
    call: (r) => relationSet(r, 'db', 3, { a: '1' }, true),
    argv: ['relation-set', '-r', 'db:3', '--app', '--file', '-'],
    stdin: '{"a":"1"}',
  },
  {
    name: 'relation-model-get',
    stdout: '{"uuid":"u-1"}\n',
    call: (r) => relationModelGet(r, 'db', 3),
    argv: ['relation-model-get', '--format=json', '-r', 'db:3'],
    result: { uuid: 'u-1' },
  },
  {
    name: 'config-get',
    stdout: '{"port":80,"debug":true}\n',
    call: (r) => configGet(r),
    argv: ['config-get', '--format=json'],
    result: { port: 80, debug: true },
  },
  {
    name: 'is-leader',
    stdout: 'true\n',
    call: (r) => isLeader(r),
    argv: ['is-leader', '--format=json'],
    result: true,
  },
  {
    name: 'is-leader false',
    stdout: 'false\n',
    call: (r) => isLeader(r),
    argv: ['is-leader', '--format=json'],
    result: false,
  },
  {
    name: 'status-set unit',
    call: (r) => statusSet(r, false, 'active', ''),
    argv: ['status-set', '--application=False', 'active', '--', ''],
  },
  {
    name: 'status-set message starting with a dash',
    call: (r) => statusSet(r, true, 'blocked', '-x'),
    argv: ['status-set', '--application=True', 'blocked', '--', '-x'],
  },
  {
    name: 'status-get unit',
    stdout: '{"message":"m","status":"waiting","status-data":{}}\n',
    call: (r) => statusGet(r, false),
    argv: ['status-get', '--include-data', '--format=json', '--application=false'],
    result: { status: 'waiting', message: 'm' },
  },
  {
    name: 'juju-log',
    call: (r) => jujuLog(r, 'WARNING', '-dash first'),
    argv: ['juju-log', '--log-level', 'WARNING', '--', '-dash first'],
  },
  {
    name: 'application-version-set',
    call: (r) => applicationVersionSet(r, '1.0'),
    argv: ['application-version-set', '--', '1.0'],
  },
  {
    name: 'goal-state',
    stdout: '{"units":{"a/0":{"status":"active","since":"2026-01-01 00:00:00Z"}},"relations":{}}\n',
    call: (r) => goalState(r),
    argv: ['goal-state', '--format=json'],
    result: { units: { 'a/0': { status: 'active', since: '2026-01-01 00:00:00Z' } }, relations: {} },
  },
  {
    name: 'state-get (empty is null)',
    stdout: 'null\n',
    call: (r) => stateGetAll(r),
    argv: ['state-get', '--format=json'],
    result: {},
  },
  {
    name: 'state-set',
    call: (r) => stateSet(r, { k: 'v' }),
    argv: ['state-set', '--file', '-'],
    stdin: '{"k":"v"}',
  },
  { name: 'state-delete', call: (r) => stateDelete(r, 'k'), argv: ['state-delete', 'k'] },
];

describe('hook-tool argv and parsing', () => {
  it.each(cases)('$name', ({ stdout, call, argv, stdin, result }) => {
    const { run, calls } = recorder(stdout);
    const out = call(run);
    expect(calls).toHaveLength(1);
    expect([calls[0]?.tool, ...(calls[0]?.args ?? [])]).toEqual(argv);
    expect(calls[0]?.stdin).toBe(stdin);
    if (result !== undefined) expect(out).toEqual(result);
  });

  it('relation-set with nothing to change is refused before running', () => {
    const { run, calls } = recorder();
    expect(() => relationSet(run, 'db', 1, {}, false)).toThrow(/at least one key/);
    expect(calls).toEqual([]);
  });

  it('output that is not JSON is an error naming the tool', () => {
    const { run } = recorder('True\n');
    expect(() => configGet(run)).toThrow(/config-get printed output that is not JSON: "True"/);
  });

  it('a non-zero exit raises HookToolError with the exact argv and stderr', () => {
    const { runner } = scriptedRunner({
      'is-leader': { stdout: '', stderr: 'ERROR leadership status unknown: x\n', exitCode: 1 },
    });
    let error: unknown;
    try {
      isLeader(invoker(runner));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(HookToolError);
    expect(error).toMatchObject({
      tool: 'is-leader',
      args: ['--format=json'],
      exitCode: 1,
      stderr: 'ERROR leadership status unknown: x\n',
    });
  });
});
