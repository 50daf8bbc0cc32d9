// Where models live, and charm upgrades (refresh) keeping the unit's own files.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { modelDirFor, type Simulator } from '../src/index.js';
import { hooksOf, lastSeq, openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

describe('modelDirFor', () => {
  const cases: [string, Parameters<typeof modelDirFor>[0], string][] = [
    ['default', { cwd: '/w', env: {} }, '/w/.sim/sim'],
    ['named model', { cwd: '/w', model: 'demo', env: {} }, '/w/.sim/demo'],
    ['environment', { cwd: '/w', model: 'demo', env: { OPS_TS_SIM_DIR: 'models/x' } }, '/w/models/x'],
    ['--model-dir wins', { cwd: '/w', modelDir: '/m', env: { OPS_TS_SIM_DIR: '/e' } }, '/m'],
  ];
  it.each(cases)('%s', (_name, opts, dir) => expect(modelDirFor(opts)).toBe(dir));
});

describe('refresh', () => {
  let sim: Simulator;
  afterEach(async () => sim?.close());

  it('runs stop, upgrade-charm, config-changed, (leader-settings-changed), start; unit files stay', async () => {
    const charm = packShellCharm({ name: 'db', peers: { cluster: { interface: 'db-peers' } } });
    sim = openSim();
    sim.deploy(charm, { numUnits: 2 });
    await sim.settle();
    const marker = join(sim.store.charmDir('db/0'), '.unit-state.json');
    writeFileSync(marker, '{}');
    const since = lastSeq(sim);
    expect(sim.refresh('db', charm)).toBe(1);
    await sim.settle();
    expect(hooksOf(sim, 'db/0', since)).toEqual(['stop', 'upgrade-charm', 'config-changed', 'start']);
    expect(hooksOf(sim, 'db/1', since)).toEqual([
      'stop',
      'upgrade-charm',
      'config-changed',
      'leader-settings-changed',
      'start',
    ]);
    expect(existsSync(marker)).toBe(true);
    expect(sim.status().applications.db?.['charm-rev']).toBe(1);
    const other = packShellCharm({ name: 'other' });
    expect(() => sim.refresh('db', other)).toThrow('cannot refresh "db": charm "other" is not "db"');
  });
});
