// Checks run on their period on a fake clock, as canonical/pebble
// internals/overlord/checkstate/handlers.go doPerformCheck/doRecoverCheck move them (failures count
// while `up`, the threshold ends perform-check in error and starts recover-check, a success there
// starts a new perform-check), with the defaults of internals/plan/plan.go (period 10s, timeout 3s,
// threshold 3) and runCheck's timeout text.
import { describe, expect, it } from 'vitest';
import type { Check } from '../src/index.js';
import { ChangeStore } from '../src/server/change-store.js';
import { CheckRunner } from '../src/server/check-runner.js';
import { CheckStore } from '../src/server/check-store.js';
import { PlanState } from '../src/server/plan-state.js';
import { FakeTimers } from './fake-timers.js';

function setup(check: Partial<Check>) {
  const timers = new FakeTimers();
  const plan = new PlanState();
  const changes = new ChangeStore();
  const store = new CheckStore(plan, changes);
  const outcomes: (string | undefined | 'hang')[] = [];
  const runner = new CheckRunner(
    store,
    (_name, _check, signal) => {
      const next = outcomes.shift();
      if (next === 'hang')
        return new Promise((_resolve, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        );
      return next === undefined ? Promise.resolve() : Promise.reject(new Error(next));
    },
    timers,
  );
  plan.restore([
    { label: 'base', layer: { checks: { chk: { override: 'replace', exec: { command: 'x' }, ...check } } } },
  ]);
  const info = () => store.list(undefined, [])[0];
  const kinds = () => changes.list().map((c) => `${c.kind}:${c.status}`);
  return { timers, store, changes, outcomes, runner, info, kinds };
}

describe('check runs (checkstate handlers.go)', () => {
  it.each([
    // [probe outcomes, expected status, failures, successes, change kinds] after that many periods.
    ['two successes', [undefined, undefined], 'up', undefined, 2, ['perform-check:Doing']],
    ['failures below the threshold stay up', ['e1', 'e2'], 'up', 2, 0, ['perform-check:Doing']],
    ['a success resets the failures', ['e1', undefined], 'up', undefined, 1, ['perform-check:Doing']],
    [
      'the threshold ends perform-check and starts recover-check',
      ['e1', 'e2', 'e3'],
      'down',
      3,
      0,
      ['perform-check:Error', 'recover-check:Doing'],
    ],
    [
      'failures keep counting while recovering',
      ['e1', 'e2', 'e3', 'e4'],
      'down',
      4,
      0,
      ['perform-check:Error', 'recover-check:Doing'],
    ],
    [
      'a success recovers it: new perform-check, one success',
      ['e1', 'e2', 'e3', undefined],
      'up',
      undefined,
      1,
      ['perform-check:Error', 'recover-check:Done', 'perform-check:Doing'],
    ],
  ] as const)('%s', async (_label, outcomes, status, failures, successes, kinds) => {
    const t = setup({ period: '1s' });
    t.outcomes.push(...outcomes);
    await t.timers.advance(1000 * outcomes.length);
    expect(t.info()).toMatchObject({ status, successes, threshold: 3 });
    expect(t.info()?.failures).toBe(failures);
    expect(t.kinds()).toEqual(kinds);
    t.runner.close();
  });

  it('the perform-check change ends with the probe error at the threshold', async () => {
    const t = setup({ period: '1s', threshold: 1 });
    t.outcomes.push('non-2xx status code 503; down for maintenance');
    await t.timers.advance(1000);
    expect(t.changes.list()[0]?.err).toContain('non-2xx status code 503; down for maintenance');
    t.runner.close();
  });

  it.each([
    // plan.go defaultCheckPeriod: nothing runs before 10s.
    ['default period 10s', {}, 9_999, 10_000],
    ['period 250ms', { period: '250ms' }, 249, 250],
  ])('%s', async (_label, check, before, at) => {
    const t = setup({ threshold: 1, ...check });
    t.outcomes.push('fail');
    await t.timers.advance(before);
    expect(t.info()?.status).toBe('up');
    await t.timers.advance(at - before);
    expect(t.info()?.status).toBe('down');
    t.runner.close();
  });

  it.each([
    // runCheck: `check timed out after %v` with the Go duration; default timeout 3s.
    ['default timeout', {}, 3000, 'check timed out after 3s'],
    ['timeout 500ms', { timeout: '500ms' }, 500, 'check timed out after 500ms'],
  ])('a probe outliving its %s fails with "%s"', async (_label, check, timeoutMs, text) => {
    const t = setup({ period: '10s', threshold: 1, ...check });
    t.outcomes.push('hang');
    await t.timers.advance(10_000 + timeoutMs - 1);
    expect(t.info()?.status).toBe('up');
    await t.timers.advance(1);
    expect(t.info()?.status).toBe('down');
    expect(t.changes.list()[0]?.err).toContain(text);
    t.runner.close();
  });

  it('a stopped check is not probed any more', async () => {
    const t = setup({ period: '1s' });
    t.outcomes.push(undefined);
    await t.timers.advance(1000);
    expect(t.store.act('stop', ['chk'])).toEqual(['chk']);
    t.outcomes.push('fail', 'fail', 'fail');
    await t.timers.advance(5000);
    expect(t.info()).toMatchObject({ status: 'inactive', successes: 1 });
    expect(t.outcomes).toHaveLength(3);
    t.runner.close();
  });
});
