// Failed hooks (transactional commit, error status, resolve), actions, bad input and persistence.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ModelLockedError, SimError, type Simulator } from '../src/index.js';
import { hooksOf, lastSeq, openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

let dbCharm: string;
let appCharm: string;
beforeAll(() => {
  dbCharm = packShellCharm({ name: 'db', provides: { db: { interface: 'sql' } } });
  appCharm = packShellCharm({
    name: 'app',
    requires: { db: { interface: 'sql', limit: 1 }, cache: { interface: 'redis' } },
  });
});

let sim: Simulator;
afterEach(async () => sim?.close());

describe('a failed hook', () => {
  it('keeps status-set and logs, discards relation data, halts the unit until resolved', async () => {
    sim = openSim();
    sim.deploy(dbCharm);
    sim.deploy(appCharm);
    const id = sim.integrate('db', 'app');
    await sim.settle();
    const since = lastSeq(sim);
    sim.setConfig('db', { 'fail-hook': 'config-changed', mode: 'broken' });
    await sim.settle();

    expect(sim.unitsInError()).toEqual([{ unit: 'db/0', message: 'hook failed: "config-changed"' }]);
    expect(sim.status().applications.db?.units['db/0']?.['workload-status']).toEqual({
      current: 'error',
      message: 'hook failed: "config-changed"',
    });
    // status-set is immediate: the charm's own status survives underneath the error.
    expect(sim.state.units['db/0']?.status).toMatchObject({
      status: 'maintenance',
      message: 'about to fail in config-changed',
    });
    // relation-set is transactional: neither the failure marker nor the new mode was committed.
    expect(sim.state.relations[String(id)]?.unitData['db/0']).not.toHaveProperty('failed');
    expect(sim.state.relations[String(id)]?.unitData['db/0']?.mode).toBe('normal');
    // juju-log and the hook's stderr are kept.
    const log = sim.debugLog({ include: ['db/0'] }).join('\n');
    expect(log).toContain('hook config-changed remote=');
    expect(log).toContain('failing config-changed on purpose');
    // Nothing reached the other side.
    expect(hooksOf(sim, 'app/0', since)).toEqual([]);

    // Further events queue up behind the error; resolve retries the failed hook.
    sim.setConfig('db', { 'fail-hook': '' });
    await sim.settle();
    expect(hooksOf(sim, 'db/0', since)).toEqual(['config-changed']);
    sim.resolve('db/0');
    await sim.settle();
    expect(hooksOf(sim, 'db/0', since)).toEqual(['config-changed', 'config-changed']);
    expect(sim.unitsInError()).toEqual([]);
    expect(sim.state.relations[String(id)]?.unitData['db/0']?.mode).toBe('broken');
    expect(hooksOf(sim, 'app/0', since)).toEqual(['db-relation-changed(db/0)']);
    expect(sim.hookLog().find((e) => e.exitCode !== 0)?.stderr).toBe('failing config-changed on purpose');
  });

  it('resolve --no-retry skips the failed hook; resolve on a healthy unit is an error', async () => {
    sim = openSim();
    sim.deploy(dbCharm, { config: { 'fail-hook': 'install' } });
    await sim.settle();
    expect(hooksOf(sim, 'db/0')).toEqual(['install']);
    expect(sim.status().applications.db?.units['db/0']?.['juju-status'].current).toBe('idle');
    sim.resolve('db/0', false);
    await sim.settle();
    expect(hooksOf(sim, 'db/0')).toEqual(['install', 'leader-elected', 'config-changed', 'start']);
    expect(() => sim.resolve('db/0')).toThrow('unit "db/0" is not in an error state');
  });
});

describe('actions', () => {
  it('runs with params and defaults, records results and logs', async () => {
    sim = openSim();
    sim.deploy(dbCharm);
    await sim.settle();
    const action = await sim.runAction('db/0', 'echo', { text: 'hi there' });
    expect(action).toMatchObject({
      status: 'completed',
      params: { text: 'hi there', fail: false },
      results: { echo: 'hi there', unit: 'db/0', 'return-code': 0 },
    });
    expect(action.logs.map((l) => l.message)).toEqual(['running echo']);
    expect(hooksOf(sim, 'db/0').at(-1)).toBe('action:echo');
  });

  it('a failing action fails without putting the unit in error', async () => {
    sim = openSim();
    sim.deploy(dbCharm);
    await sim.settle();
    const action = await sim.runAction('db/0', 'echo', { text: 'x', fail: 'true' });
    expect(action).toMatchObject({ status: 'failed', failureMessage: 'asked to fail' });
    expect(sim.unitsInError()).toEqual([]);
  });
});

describe('bad input is refused with one line and leaves the model unchanged', () => {
  const cases: [string, (s: Simulator) => unknown, string][] = [
    ['not a charm', (s) => s.deploy(import.meta.filename), 'is not a charm: not a zip archive'],
    ['missing charm file', (s) => s.deploy('/nonexistent.charm'), 'charm file /nonexistent.charm not found'],
    ['app already exists', (s) => s.deploy(dbCharm), 'application "db" already exists'],
    ['unknown config key', (s) => s.setConfig('db', { colour: 'red' }), 'unknown option "colour"'],
    [
      'wrong config type',
      (s) => s.setConfig('db', { replicas: 'many' }),
      'option "replicas" expected int, got "many"',
    ],
    [
      'wrong boolean',
      (s) => s.setConfig('db', { debug: 'maybe' }),
      'option "debug" expected boolean, got "maybe"',
    ],
    [
      'deploy with bad config',
      (s) => s.deploy(appCharm, { app: 'app2', config: { replicas: '1.5' } }),
      'expected int',
    ],
    [
      'different interfaces',
      (s) => s.integrate('db:db', 'app:cache'),
      'cannot integrate db:db with app:cache: interfaces differ ("sql" and "redis")',
    ],
    ['no matching endpoints', (s) => s.integrate('db', 'app:cache'), 'no relations found'],
    [
      'endpoint limit',
      (s) => s.integrate('db2', 'app'),
      'establishing a new relation for app:db would exceed its maximum relation limit of 1',
    ],
    ['relation exists', (s) => s.integrate('app', 'db'), 'relation app:db db:db already exists'],
    ['unknown endpoint', (s) => s.integrate('db:nope', 'app'), 'application "db" has no "nope" relation'],
    ['undefined action', (s) => s.runAction('db/0', 'backup'), 'action "backup" not defined on unit "db/0"'],
    [
      'missing action param',
      (s) => s.runAction('db/0', 'echo'),
      'action "echo": param "text" is required (required)',
    ],
    [
      'unknown action param',
      (s) => s.runAction('db/0', 'echo', { text: 'a', x: '1' }),
      'param "x" is not allowed',
    ],
    [
      'wrong action param type',
      (s) => s.runAction('db/0', 'echo', { text: 'a', fail: 'yes please' }),
      'param "fail" must be boolean, got string "yes please" (type)',
    ],
    ...(
      [
        [{ length: '8' }, 'param "length" must be at least 12, got 8 (minimum)'],
        [{ length: '65' }, 'param "length" must be at most 64, got 65 (maximum)'],
        [{ length: '12.5' }, 'param "length" must be integer, got number 12.5 (type)'],
        [{ mode: 'c' }, 'param "mode" must be one of "fast", "safe", got "c" (enum)'],
        [{ size: '10X' }, 'param "size" must match exactly one of the 2 schemas in oneOf (matched 0)'],
        [{ tag: 'true' }, 'param "tag" must match at least one of the 2 schemas in anyOf'],
        [{ length: '8', mode: 'c' }, '(minimum); param "mode" must be one of'],
      ] as const
    ).map(([params, message]): [string, (s: Simulator) => unknown, string] => [
      `action params outside the schema: ${JSON.stringify(params)}`,
      (s) => s.runAction('db/0', 'rotate', { ...params }),
      message,
    ]),
    ['unknown unit', (s) => s.removeUnit(['db/7']), 'unit "db/7" not found'],
    ['unknown application', (s) => s.removeApplication('nope'), 'application "nope" not found'],
    [
      'bad unit count',
      (s) => s.deploy(dbCharm, { app: 'db3', numUnits: -1 }),
      '--num-units must be a whole number',
    ],
  ];
  // One model for all cases: each must leave it exactly as it was.
  let shared: Simulator;
  beforeAll(async () => {
    shared = openSim();
    shared.deploy(dbCharm);
    shared.deploy(dbCharm, { app: 'db2' });
    shared.deploy(appCharm);
    shared.integrate('db', 'app');
    await shared.settle();
  });
  afterAll(async () => shared.close());
  it.each(cases)('%s', async (_name, op, message) => {
    const sim = shared;
    const before = readFileSync(sim.store.statePath, 'utf8');
    const beforeState = JSON.stringify(sim.state);
    let error: unknown;
    try {
      await op(sim);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
    expect(readFileSync(sim.store.statePath, 'utf8')).toBe(before);
    expect(JSON.stringify(sim.state)).toBe(beforeState);
  });
});

describe('the model on disk', () => {
  it('survives reopening: queued hooks run in a later process, state and hook log carry over', async () => {
    sim = openSim();
    const dir = sim.store.dir;
    sim.deploy(dbCharm, { numUnits: 2 });
    await sim.close();
    sim = openSim({ modelDir: dir });
    expect(sim.pendingHooks()).toBeGreaterThan(0);
    await sim.settle();
    await sim.close();
    sim = openSim({ modelDir: dir });
    expect(sim.pendingHooks()).toBe(0);
    expect(hooksOf(sim, 'db/1')).toContain('start');
    expect(sim.status().applications.db?.scale).toBe(2);
  });

  it('is locked by a live process; a stale lock is taken over', async () => {
    sim = openSim();
    const dir = sim.store.dir;
    await sim.close();
    writeFileSync(join(dir, 'lock'), String(process.ppid));
    expect(() => openSim({ modelDir: dir })).toThrow(ModelLockedError);
    writeFileSync(join(dir, 'lock'), '999999999');
    sim = openSim({ modelDir: dir });
  });
});
