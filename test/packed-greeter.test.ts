// End to end: the packed example charm, unzipped, run through its real `dispatch` for a sequence of
// hooks, with the simulator's hook tools on PATH answering from the in-memory Juju.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { addApplication, addRelation, type ModelState, newModel } from '@ops-ts/juju';
import { HookRunner } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
let charmFile: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ops-ts-pack-'));
  charmFile = await packCharm(loadProject(join(root, 'examples/greeter')), out);
});

/** A model with greeter/0 (leader) and a remote `fan` app related on greeter:greeting. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-e2e-'));
  const charmDir = join(dir, 'greeter-0');
  extractZip(readFileSync(charmFile), charmDir);
  const metadata = parse(readFileSync(join(charmDir, 'metadata.yaml'), 'utf8'));
  const config = parse(readFileSync(join(charmDir, 'config.yaml'), 'utf8'));
  const state: ModelState = newModel({ name: 'e2e' });
  addApplication(state, 'greeter', {
    metadata,
    configOptions: config.options,
    config: { greeting: 'howdy' },
  });
  addApplication(state, 'fan', {
    metadata: { name: 'fan', requires: { audience: { interface: 'greeting' } } },
  });
  const rel = addRelation(
    state,
    { app: 'greeter', endpoint: 'greeting' },
    { app: 'fan', endpoint: 'audience' },
    {
      unitData: { 'fan/0': { name: 'alice' } },
    },
  );
  const runner = new HookRunner({
    state: () => state,
    charmDir: () => charmDir,
    toolsDir: join(dir, 'tools'),
  });
  const run = async (hook: string, extra: { relationId?: number; remoteUnit?: string } = {}) => {
    const r = await runner.run({ unit: 'greeter/0', hookName: hook, ...extra });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    return r;
  };
  const stored = () =>
    JSON.parse(readFileSync(join(charmDir, '.unit-state.json'), 'utf8')).snapshots[
      'GreeterCharm/StoredStateData[stored]'
    ];
  return { state, rel, runner, run, stored, charmDir };
}

describe('the packed greeter through dispatch', () => {
  let env: ReturnType<typeof setup>;
  afterAll(async () => env && (await env.runner.close()));

  it('install, leader-elected, config-changed, start, relation-joined, -changed, update-status', async () => {
    env = setup();
    const { state, rel, run, stored } = env;
    await run('install');
    await run('leader-elected');
    await run('config-changed');
    expect(state.applications.greeter?.units).toEqual(['greeter/0']);
    await run('start');
    await run('greeting-relation-joined', { relationId: rel.id, remoteUnit: 'fan/0' });
    await run('greeting-relation-changed', { relationId: rel.id, remoteUnit: 'fan/0' });
    const last = await run('update-status');

    // Relation data committed by the hooks: the app bag (leader) and the unit bag.
    expect(state.relations[String(rel.id)]?.appData.greeter).toEqual({ greeting: 'howdy' });
    expect(state.relations[String(rel.id)]?.unitData['greeter/0']).toMatchObject({
      host: 'greeter-0.local:8080',
    });
    // Status from collect-status, set through status-set.
    expect(state.units['greeter/0']?.status).toMatchObject({
      status: 'active',
      message: 'greeting 1 audience member(s)',
    });
    // Stored state across processes.
    expect(stored()).toEqual({ started: true, configChanges: 1, published: 'howdy', audience: ['alice'] });
    // update-status is not observed: only collect-status runs (leadership, the config and relations the
    // charm's status depends on, and the status itself).
    expect(last.toolCalls.map((c) => c.tool)).toEqual([
      'is-leader',
      'config-get',
      'relation-ids',
      'relation-list',
      'status-set',
    ]);
  });

  it('defers relation-changed before start and re-emits it on the next hook', async () => {
    const e = setup();
    await e.run('install');
    await e.run('greeting-relation-changed', { relationId: e.rel.id, remoteUnit: 'fan/0' });
    expect(e.stored().audience).toEqual([]);
    await e.run('start');
    // start itself re-emits first: still not started at that moment, so it stays deferred.
    await e.run('update-status');
    expect(e.stored().audience).toEqual(['alice']);
    await e.runner.close();
  });

  it('a corrupt state file fails the hook with one line and commits none of its writes', async () => {
    const e = setup();
    await e.run('install');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(e.charmDir, '.unit-state.json'), '{"snapshots":');
    const r = await e.runner.run({ unit: 'greeter/0', hookName: 'config-changed' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^ERROR framework state file .* is corrupt/);
    expect(e.state.relations[String(e.rel.id)]?.appData.greeter).toEqual({});
    await e.runner.close();
  });
});
