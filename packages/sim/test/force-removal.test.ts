// `--force` removes what a failed teardown hook left halfway (issue 12, defect 10), as Juju's does.
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/index.js';
import { openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

describe('--force after a failed stop hook', () => {
  let sim: Simulator;
  afterEach(async () => sim?.close());

  const cases: [string, (s: Simulator) => void, (s: Simulator) => void][] = [
    ['remove-application', (s) => s.removeApplication('db'), (s) => s.removeApplication('db', true)],
    ['remove-unit', (s) => s.removeUnit(['db/0']), (s) => s.removeUnit(['db/0'], true)],
  ];
  it.each(cases)('%s --force removes it', async (_name, remove, force) => {
    sim = openSim();
    sim.deploy(packShellCharm({ name: 'db' }), { config: { 'fail-hook': 'stop' } });
    await sim.settle();
    remove(sim);
    await sim.settle();
    expect(sim.unitsInError()).toEqual([{ unit: 'db/0', message: 'hook failed: "stop"' }]);
    expect(() => remove(sim)).toThrow(/not found/);
    force(sim);
    await sim.settle();
    expect(Object.keys(sim.status().applications.db?.units ?? {})).toEqual([]);
    expect(sim.state.units['db/0']).toBeUndefined();
    if (_name === 'remove-application') expect(sim.status().applications.db).toBeUndefined();
  });
});
