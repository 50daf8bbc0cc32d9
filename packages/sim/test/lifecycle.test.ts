// Hook order over units' lives, driven through the programmatic API with fast shell charms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../src/index.js';
import { hooksOf, lastSeq, openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

let dbCharm: string;
let appCharm: string;
beforeAll(() => {
  dbCharm = packShellCharm({
    name: 'db',
    provides: { db: { interface: 'sql' } },
    peers: { cluster: { interface: 'db-peers' } },
  });
  appCharm = packShellCharm({ name: 'app', requires: { db: { interface: 'sql', limit: 1 } } });
});

let sim: Simulator;
afterEach(async () => sim?.close());

describe('deploy', () => {
  it('runs install, relation-created (peers), leadership, config-changed, start, then peer joins', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    await sim.settle();
    expect(hooksOf(sim, 'db/0').slice(0, 7)).toEqual([
      'install',
      'cluster-relation-created',
      'leader-elected',
      'config-changed',
      'start',
      'cluster-relation-joined(db/1)',
      'cluster-relation-changed(db/1)',
    ]);
    expect(hooksOf(sim, 'db/1').slice(0, 7)).toEqual([
      'install',
      'cluster-relation-created',
      'leader-settings-changed',
      'config-changed',
      'start',
      'cluster-relation-joined(db/0)',
      'cluster-relation-changed(db/0)',
    ]);
    const status = sim.status();
    expect(status.applications.db?.units['db/0']).toMatchObject({ leader: true, address: '10.1.0.1' });
    expect(status.applications.db?.['application-status']).toEqual({
      current: 'active',
      message: 'mode normal',
    });
    expect(sim.pendingHooks()).toBe(0);
  });

  it('does not hear about its own writes; peers hear about app data as relation-changed from the app', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    await sim.settle();
    const all = sim.hookLog();
    // db/0 (leader) wrote app data: db/1 gets relation-changed with the app as remote, db/0 never.
    expect(all.some((e) => e.unit === 'db/1' && e.remoteApp === 'db')).toBe(true);
    expect(all.some((e) => e.unit === 'db/0' && e.remoteApp === 'db')).toBe(false);
  });
});

describe('relations', () => {
  it('integrate: created, then joined and changed per remote unit, on both sides; data is committed', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    sim.deploy(appCharm);
    await sim.settle();
    const since = lastSeq(sim);
    const id = sim.integrate('db', 'app');
    await sim.settle();
    const app = hooksOf(sim, 'app/0', since);
    expect(app.slice(0, 5)).toEqual([
      'db-relation-created',
      'db-relation-joined(db/0)',
      'db-relation-changed(db/0)',
      'db-relation-joined(db/1)',
      'db-relation-changed(db/1)',
    ]);
    expect(hooksOf(sim, 'db/1', since).slice(0, 3)).toEqual([
      'db-relation-created',
      'db-relation-joined(app/0)',
      'db-relation-changed(app/0)',
    ]);
    const rel = sim.state.relations[String(id)];
    expect(rel?.appData).toEqual({ db: { 'app-hello': 'from-db/0' }, app: { 'app-hello': 'from-app/0' } });
    expect(rel?.unitData['db/1']).toMatchObject({ 'unit-seen': 'db/1', 'private-address': '10.1.0.2' });
  });

  it('config change reaches relation data and queues relation-changed on the other side', async () => {
    sim = openSim();
    sim.deploy(dbCharm);
    sim.deploy(appCharm);
    const id = sim.integrate('db:db', 'app:db');
    await sim.settle();
    const since = lastSeq(sim);
    expect(sim.setConfig('db', { mode: 'fast' })).toBe(true);
    await sim.settle();
    expect(hooksOf(sim, 'db/0', since)).toEqual(['config-changed']);
    expect(hooksOf(sim, 'app/0', since)).toEqual(['db-relation-changed(db/0)']);
    expect(sim.state.relations[String(id)]?.unitData['db/0']?.mode).toBe('fast');
    expect(sim.setConfig('db', { mode: 'fast' })).toBe(false);
  });

  it('remove-relation: departed per remote unit, then broken; the relation is gone', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    sim.deploy(appCharm);
    const id = sim.integrate('db', 'app');
    await sim.settle();
    const since = lastSeq(sim);
    sim.removeRelation('db', 'app');
    await sim.settle();
    expect(hooksOf(sim, 'app/0', since)).toEqual([
      'db-relation-departed(db/0)',
      'db-relation-departed(db/1)',
      'db-relation-broken',
    ]);
    expect(hooksOf(sim, 'db/0', since)).toEqual(['db-relation-departed(app/0)', 'db-relation-broken']);
    expect(sim.state.relations[String(id)]).toBeUndefined();
    expect(sim.status().relations.map((r) => r.interface)).toEqual(['db-peers']);
  });

  it('scale up and down: joins for the new unit, departed for the leaving one, leadership moves', async () => {
    sim = openSim();
    sim.deploy(dbCharm);
    sim.deploy(appCharm);
    sim.integrate('db', 'app');
    await sim.settle();
    let since = lastSeq(sim);
    expect(sim.addUnit('db')).toEqual(['db/1']);
    await sim.settle();
    expect(hooksOf(sim, 'db/1', since).slice(0, 6)).toEqual([
      'install',
      'cluster-relation-created',
      'db-relation-created',
      'leader-settings-changed',
      'config-changed',
      'start',
    ]);
    expect(hooksOf(sim, 'app/0', since).slice(0, 2)).toEqual([
      'db-relation-joined(db/1)',
      'db-relation-changed(db/1)',
    ]);

    since = lastSeq(sim);
    sim.removeUnit(['db/0']);
    await sim.settle();
    expect(hooksOf(sim, 'db/0', since)).toEqual([
      'stop',
      'cluster-relation-departed(db/1)',
      'db-relation-departed(app/0)',
      'db-relation-broken',
      'remove',
    ]);
    expect(hooksOf(sim, 'app/0', since)).toContain('db-relation-departed(db/0)');
    expect(hooksOf(sim, 'db/1', since)).toEqual(
      expect.arrayContaining(['cluster-relation-departed(db/0)', 'leader-elected']),
    );
    expect(sim.state.units['db/0']).toBeUndefined();
    expect(sim.state.applications.db?.leader).toBe('db/1');
  });

  it("never gives a removed unit's number again: not after scaling to 0, nor to a redeployed app", async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    await sim.settle();
    sim.removeUnit(['db/1']);
    await sim.settle();
    expect(sim.addUnit('db')).toEqual(['db/2']);
    await sim.settle();
    sim.removeUnit(['db/0', 'db/2']);
    await sim.settle();
    expect(Object.keys(sim.state.units)).toEqual([]);
    expect(sim.addUnit('db', 2)).toEqual(['db/3', 'db/4']);
    await sim.settle();
    sim.removeApplication('db');
    await sim.settle();
    sim.deploy(dbCharm);
    await sim.settle();
    // juju's unit sequence is named after the application and outlives it.
    expect(Object.keys(sim.state.units)).toEqual(['db/5']);
    // Reopened from disk, the sequence goes on.
    await sim.close();
    sim = openSim({ modelDir });
    expect(sim.addUnit('db')).toEqual(['db/6']);
  });

  it('remove-application: remote units get departed and broken; the app, its units and relations go', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-seq-'));
    sim = openSim({ modelDir });
    sim.deploy(dbCharm, { numUnits: 2 });
    sim.deploy(appCharm);
    sim.integrate('db', 'app');
    await sim.settle();
    const since = lastSeq(sim);
    sim.removeApplication('db');
    await sim.settle();
    expect(hooksOf(sim, 'app/0', since)).toEqual([
      'db-relation-departed(db/0)',
      'db-relation-departed(db/1)',
      'db-relation-broken',
    ]);
    expect(hooksOf(sim, 'db/1', since)).toEqual([
      'stop',
      'cluster-relation-departed(db/0)',
      'cluster-relation-broken',
      'db-relation-departed(app/0)',
      'db-relation-broken',
      'remove',
    ]);
    expect(Object.keys(sim.state.applications)).toEqual(['app']);
    expect(Object.keys(sim.state.units)).toEqual(['app/0']);
    expect(Object.keys(sim.state.relations)).toEqual([]);
  });
});
