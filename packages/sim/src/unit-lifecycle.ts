/** A unit's life in hooks: what Juju runs when a unit arrives (§10.1) and when it leaves (§10.4). */

import { readFileSync, rmSync } from 'node:fs';
import { extractZip } from '@ops-ts/archive';
import { addStorage, addUnit, type Relation, unitApp } from '@ops-ts/juju';
import type { UnitAgent } from './agent-records.js';
import { charmContainers, charmStorage, maxCharmBytes } from './charm-file.js';
import type { SimContext } from './context.js';
import { enqueue } from './hook-queue.js';
import type { HookRequest } from './hook-runner.js';
import { departHook, enterScope, joinHooks, relationHook, relationsOf, remoteUnits } from './relations.js';
import { orphanUnitWorkloads } from './workloads/workloads.js';

/** The next unit address (10.1.0.1, 10.1.0.2, ...). */
function nextAddress(ctx: SimContext): string {
  const n = ++ctx.sim.addressSeq;
  return `10.1.${Math.floor((n - 1) / 250)}.${((n - 1) % 250) + 1}`;
}

/** Unpacks the application's charm into a unit's charm directory (kept files: the unit's own state). */
export function unpackCharm(ctx: SimContext, unit: string): void {
  const source = ctx.sim.apps[unitApp(unit)];
  if (!source) throw new Error(`no charm for ${unit}`);
  // Group and other bits are dropped: the unit's files (and the state its charm keeps there) are private.
  extractZip(readFileSync(source.charmFile), ctx.store.charmDir(unit), {
    modeMask: 0o700,
    maxUnpackedBytes: maxCharmBytes(),
  });
}

/**
 * Adds a unit: unpacks its charm, enters it into the application's relations and queues its
 * installation (storage-attached, install, relation-created, leader-elected or
 * leader-settings-changed, config-changed, start, pebble-ready) and the joins on both sides.
 */
export function addUnitWithHooks(ctx: SimContext, appName: string): string {
  const { state } = ctx;
  const app = state.applications[appName];
  if (!app) throw new Error(`application ${appName} not found`);
  const unit = addUnit(state, appName, { address: nextAddress(ctx) }).name;
  const k8s = state.model.type === 'kubernetes';
  const agent: UnitAgent = { queue: [], error: null, started: false };
  // Machine models: each new unit gets a new machine, numbered from 0 as Juju numbers them.
  if (!k8s) {
    const seq = ctx.sim.machineSeq ?? 0;
    ctx.sim.machineSeq = seq + 1;
    agent.machine = String(seq);
  }
  ctx.sim.units[unit] = agent;
  unpackCharm(ctx, unit);
  if (app.leader === null) app.leader = unit;
  const storage = charmStorage(app.charm).map((name) => addStorage(state, unit, name));
  const storageHooks: HookRequest[] = storage.map((s) => ({
    unit,
    hookName: `${s.name}-storage-attached`,
    storageId: s.id,
  }));
  const rels = relationsOf(state, appName).filter((r) => r.life === 'alive');
  for (const rel of rels) enterScope(state, rel, unit);
  const hooks: HookRequest[] = [];
  if (!k8s) hooks.push(...storageHooks);
  hooks.push({ unit, hookName: 'install' });
  for (const rel of rels) hooks.push(relationHook(rel, unit, 'created'));
  hooks.push({ unit, hookName: app.leader === unit ? 'leader-elected' : 'leader-settings-changed' });
  hooks.push({ unit, hookName: 'config-changed' }, { unit, hookName: 'start' });
  if (k8s) {
    hooks.push(...storageHooks);
    for (const c of charmContainers(app.charm))
      hooks.push({ unit, hookName: `${c}-pebble-ready`, workloadName: c });
  }
  enqueue(ctx, unit, ...hooks);
  for (const rel of rels) joinBothWays(ctx, rel, unit);
  return unit;
}

/** Queues joined/changed between a unit that just entered a relation and every remote unit in scope. */
export function joinBothWays(ctx: SimContext, rel: Relation, unit: string): void {
  for (const remote of remoteUnits(rel, unit)) {
    enqueue(ctx, unit, ...joinHooks(rel, unit, remote));
    enqueue(ctx, remote, ...joinHooks(rel, remote, unit));
  }
}

/**
 * Starts a unit's teardown: stop, departed for each remote unit, broken (not for peer relations
 * unless the whole application goes), storage-detaching, remove. When only the unit goes it leaves
 * every scope at once and the remote units get departed; when the application goes its relations'
 * removal tells the remote units, and scopes are left by the caller. The unit is deleted after
 * `remove` succeeds.
 */
export function teardownUnit(ctx: SimContext, unit: string, appRemoved: boolean): void {
  const { state } = ctx;
  const u = state.units[unit];
  if (u?.life !== 'alive') return;
  u.life = 'dying';
  const hooks: HookRequest[] = [{ unit, hookName: 'stop' }];
  for (const rel of relationsOf(state, u.app)) {
    if (!rel.scope.includes(unit)) continue;
    const remotes = remoteUnits(rel, unit);
    if (!appRemoved) rel.scope = rel.scope.filter((s) => s !== unit);
    for (const remote of remotes) {
      hooks.push(departHook(rel, unit, remote, unit));
      if (!appRemoved) enqueue(ctx, remote, departHook(rel, remote, unit, unit));
    }
    if (rel.kind !== 'peer' || appRemoved) hooks.push(relationHook(rel, unit, 'broken'));
  }
  for (const id of u.storage) {
    const s = state.storage[id];
    if (s) hooks.push({ unit, hookName: `${s.name}-storage-detaching`, storageId: id });
  }
  hooks.push({ unit, hookName: 'remove' });
  const agent = ctx.sim.units[unit];
  // Pending news about relations and status is moot for a leaving unit (a failed hook at the head stays).
  if (agent) {
    agent.queue = agent.queue.filter(
      (q, i) =>
        (i === 0 && (agent.error || agent.running)) ||
        !/(-relation-(joined|changed)|^update-status)$/.test(q.hookName ?? ''),
    );
  }
  enqueue(ctx, unit, ...hooks);
}

/** Deletes a unit after its `remove` hook; a leader's successor is elected. */
export function finaliseUnitRemoval(ctx: SimContext, unit: string): void {
  const { state } = ctx;
  const u = state.units[unit];
  if (!u) return;
  const app = state.applications[u.app];
  for (const id of u.storage) delete state.storage[id];
  for (const rel of Object.values(state.relations)) rel.scope = rel.scope.filter((s) => s !== unit);
  delete state.units[unit];
  delete ctx.sim.units[unit];
  delete ctx.sim.pebble[unit];
  // The pod is gone, and its workloads with it: the stand-ins are killed by the next reap.
  orphanUnitWorkloads(ctx, unit);
  rmSync(ctx.store.agentDir(unit), { recursive: true, force: true });
  ctx.store.removeUnitDirs(unit);
  if (!app) return;
  app.units = app.units.filter((n) => n !== unit);
  if (app.leader === unit) {
    const next = app.units.find((n) => state.units[n]?.life === 'alive') ?? null;
    app.leader = next;
    if (next) {
      enqueue(ctx, next, { unit: next, hookName: 'leader-elected' });
      for (const other of app.units) {
        if (other !== next && state.units[other]?.life === 'alive') {
          enqueue(ctx, other, { unit: other, hookName: 'leader-settings-changed' });
        }
      }
    }
  }
}
