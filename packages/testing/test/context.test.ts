// Context.run: state in, one event, state out, through the real dispatch loop and packages/juju.
import { ActiveStatus, MaintenanceStatus, WaitingStatus } from '@ops-ts/ops';
import { describe, expect, it } from 'vitest';
import {
  getRelation,
  getStorage,
  network,
  peerRelation,
  relation,
  resource,
  state,
  storage,
  tcpPort,
  UncaughtCharmError,
} from '../src/index.js';
import { seen, sink } from './helpers.js';

const db = () => relation({ endpoint: 'db', remoteAppName: 'pg', remoteAppData: { host: 'pg.local' } });

describe('run', () => {
  it('returns a new frozen state and leaves the input alone', async () => {
    const ctx = sink();
    const input = state({ leader: true });
    const out = await ctx.run(ctx.on.configChanged(), input);
    expect(out).not.toBe(input);
    expect(Object.isFrozen(out)).toBe(true);
    expect(Object.isFrozen(out.openedPorts)).toBe(true);
    expect(input.openedPorts).toEqual([]);
    expect(out.openedPorts).toEqual([tcpPort(8080)]);
  });

  it('accepts a partial state literal', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.configChanged(), { config: { mode: 'fast', port: 9000 } });
    expect(out.workloadVersion).toBe('v-fast');
    expect(out.openedPorts).toEqual([tcpPort(9000)]);
  });

  it.each([
    { leader: true, appStatus: new ActiveStatus('mode normal') },
    { leader: false, appStatus: { name: 'unknown', message: '' } },
  ])('leader=$leader sets the app status $appStatus.name', async ({ leader, appStatus }) => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.configChanged(), { leader });
    expect(out.appStatus).toEqual(appStatus);
  });

  it('collect-status: highest priority wins; history records what was set', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.updateStatus(), {
      config: { mode: 'maintenance' },
      resources: [resource({ name: 'blob', path: '/tmp/blob.bin' })],
    });
    expect(out.unitStatus).toEqual(new MaintenanceStatus('busy'));
    const calm = await ctx.run(ctx.on.updateStatus(), {
      relations: [db()],
      resources: [resource({ name: 'blob', path: '/tmp/blob.bin' })],
    });
    expect(calm.unitStatus).toEqual(new ActiveStatus());
    expect(ctx.unitStatusHistory).toEqual([new MaintenanceStatus('busy'), new ActiveStatus()]);
    const waiting = await ctx.run(ctx.on.configChanged(), {});
    expect(waiting.unitStatus).toEqual(new WaitingStatus('waiting for db'));
  });

  it('update-status sees planned units, networks and resources', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.updateStatus(), {
      plannedUnits: 3,
      relations: [peerRelation({ endpoint: 'cluster', peersData: { 1: {}, 2: {} } })],
      networks: [network({ binding: 'metrics', bindAddress: '10.1.2.3' })],
      resources: [resource({ name: 'blob', path: '/var/lib/blob.bin' })],
    });
    expect(seen(out)).toEqual(['planned:3', 'bind:10.1.2.3', 'blob:/var/lib/blob.bin']);
  });

  it('planned units fewer than peers: the extra ones are dying', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.updateStatus(), {
      plannedUnits: 1,
      relations: [peerRelation({ endpoint: 'cluster', peersData: { 1: {}, 2: {} } })],
      resources: [resource({ name: 'blob', path: '/b' })],
    });
    expect(seen(out)).toContain('planned:1');
  });

  it('stored state persists through the output', async () => {
    const ctx = sink();
    const out = await ctx.runSequence([ctx.on.configChanged(), ctx.on.configChanged()], {
      config: { mode: 'a' },
    });
    expect(seen(out)).toEqual(['config:a', 'config:a']);
  });

  it('runSequence takes functions that change the state between events', async () => {
    const ctx = sink();
    const out = await ctx.runSequence(
      [ctx.on.configChanged(), (s) => ({ ...s, config: { mode: 'b' } }), ctx.on.configChanged()],
      { config: { mode: 'a' } },
    );
    expect(seen(out)).toEqual(['config:a', 'config:b']);
    expect(out.workloadVersion).toBe('v-b');
  });

  it('records the hook-tool trace with argv and stdin', async () => {
    const ctx = sink();
    await ctx.run(ctx.on.configChanged(), { leader: true, config: { mode: 'x' } });
    const calls = ctx.lastRun?.trace.map((c) => [c.tool, ...c.args]);
    expect(calls).toContainEqual(['application-version-set', '--', 'v-x']);
    expect(calls).toContainEqual(['open-port', '8080/tcp']);
    expect(calls).toContainEqual(['status-set', '--application=True', 'active', '--', 'mode x']);
    expect(ctx.trace).toEqual(ctx.lastRun?.trace);
  });

  it('a charm error rejects with UncaughtCharmError carrying the original error', async () => {
    const ctx = sink();
    const run = ctx.run(ctx.on.configChanged(), { config: { mode: 'explode' } });
    await expect(run).rejects.toBeInstanceOf(UncaughtCharmError);
    const error = (await run.catch((e: unknown) => e)) as UncaughtCharmError;
    expect(error.cause).toBeInstanceOf(TypeError);
    expect((error.cause as Error).message).toBe('mode explode is not supported');
    expect(error.message).toContain('config_changed');
    // Juju discarded the hook: nothing it buffered was committed.
    expect(ctx.lastRun?.exitCode).toBe(1);
    expect(ctx.lastRun?.state.openedPorts).toEqual([]);
  });

  it('app and unit names follow the options', async () => {
    const ctx = sink({ appName: 'other', unitId: 4 });
    const rel = peerRelation({ endpoint: 'cluster', peersData: { 1: { x: '1' } } });
    const out = await ctx.run(ctx.on.configChanged(), { relations: [rel] });
    expect(ctx.unitName).toBe('other/4');
    expect(ctx.lastRun?.trace.some((c) => c.tool === 'relation-list')).toBe(false);
    expect(getRelation(out, rel).kind).toBe('peer');
  });
});

describe('relations', () => {
  it('relation-changed reads remote app data and writes the local unit bag', async () => {
    const ctx = sink();
    const rel = db();
    const out = await ctx.run(ctx.on.relationChanged(rel), { relations: [rel] });
    expect(getRelation(out, rel).localUnitData).toMatchObject({ 'seen-host': 'pg.local' });
    expect(seen(out)).toEqual(['changed:pg/0']);
  });

  it('relation-changed without a remote unit is an app-data change', async () => {
    const ctx = sink();
    const rel = db();
    const out = await ctx.run(ctx.on.relationChanged(rel, { remoteUnit: null }), { relations: [rel] });
    expect(seen(out)).toEqual(['changed:app']);
  });

  it('relation-departed names the departing unit', async () => {
    const ctx = sink();
    const rel = relation({ endpoint: 'db', remoteAppName: 'pg', remoteUnitsData: { 0: {}, 3: {} } });
    const out = await ctx.run(ctx.on.relationDeparted(rel, { remoteUnit: 3 }), { relations: [rel] });
    expect(seen(out)).toEqual(['departed:pg/3']);
  });

  it('relation-broken: the relation is gone from model.relations', async () => {
    const ctx = sink();
    const rel = db();
    const out = await ctx.run(ctx.on.relationBroken(rel), { relations: [rel] });
    expect(seen(out)).toEqual([`broken:${rel.id}:0`]);
  });
});

describe('storage', () => {
  it('storage-attached sees the location from the metadata', async () => {
    const ctx = sink();
    const data = storage({ name: 'data', index: 1 });
    const out = await ctx.run(ctx.on.storageAttached(data), { storages: [data] });
    expect(seen(out)).toEqual(['storage:/srv/data/1']);
    expect(getStorage(out, 'data', 1).location).toBe('/srv/data/1');
  });
});

describe('isolation', () => {
  it('runs in parallel without interfering', async () => {
    const ctx = sink();
    const modes = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const outs = await Promise.all(
      modes.map((mode) =>
        ctx.run(ctx.on.configChanged(), { config: { mode, port: 8000 + mode.charCodeAt(0) } }),
      ),
    );
    expect(outs.map((o) => o.workloadVersion)).toEqual(modes.map((m) => `v-${m}`));
    expect(outs.map((o) => o.openedPorts[0]?.port)).toEqual(modes.map((m) => 8000 + m.charCodeAt(0)));
  });
});
