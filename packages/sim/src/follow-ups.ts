/** The hooks Juju queues on other units after a hook's changes are committed (§11.2). */
import { type StateChange, unitApp } from '@ops-ts/juju';
import type { SimContext } from './context.js';
import { enqueue } from './hook-queue.js';
import { relationHook } from './relations.js';

function alive(ctx: SimContext, unit: string): boolean {
  return ctx.state.units[unit]?.life === 'alive';
}

/** Queues relation-changed, secret-changed, leader-settings-changed and storage hooks for `changes` made by `source`. */
export function queueFollowUps(ctx: SimContext, source: string, changes: readonly StateChange[]): void {
  for (const change of changes) {
    switch (change.kind) {
      case 'relation-data':
        relationData(ctx, source, change.relationId, change.app, change.unit);
        break;
      case 'secret-revision':
        secretRevision(ctx, change.secretId, change.revision);
        break;
      case 'leader-settings': {
        const app = ctx.state.applications[change.app];
        for (const unit of app?.units ?? []) {
          if (unit !== app?.leader && alive(ctx, unit))
            enqueue(ctx, unit, { unit, hookName: 'leader-settings-changed' });
        }
        break;
      }
      case 'storage-added':
        for (const id of change.storageIds) {
          const name = ctx.state.storage[id]?.name ?? id.split('/')[0];
          enqueue(ctx, change.unit, {
            unit: change.unit,
            hookName: `${name}-storage-attached`,
            storageId: id,
          });
        }
        break;
      default:
        break;
    }
  }
}

function relationData(ctx: SimContext, source: string, relationId: number, app: string, unit?: string): void {
  const rel = ctx.state.relations[String(relationId)];
  if (rel?.life !== 'alive') return;
  for (const target of rel.scope) {
    // A unit never hears about its own writes; in a regular relation its own app's bags are not its business.
    if (target === source || !alive(ctx, target)) continue;
    if (rel.kind !== 'peer' && unitApp(target) === app) continue;
    const agent = ctx.sim.units[target];
    if (unit) {
      // Before it has joined that unit, the pending joined/changed pair carries the news.
      const joinPending = agent?.queue.some(
        (q) =>
          q.relationId === relationId && q.remoteUnit === unit && q.hookName?.endsWith('-relation-joined'),
      );
      if (!joinPending) enqueue(ctx, target, relationHook(rel, target, 'changed', { remoteUnit: unit }));
    } else {
      enqueue(ctx, target, relationHook(rel, target, 'changed', { remoteApp: app }));
    }
  }
}

function secretRevision(ctx: SimContext, secretId: string, revision: number): void {
  const secret = ctx.state.secrets[secretId];
  if (!secret) return;
  for (const [unit, consumer] of Object.entries(ctx.state.secrets[secretId]?.consumers ?? {})) {
    const owner =
      secret.owner.kind === 'unit' ? secret.owner.name === unit : secret.owner.name === unitApp(unit);
    if (owner || !alive(ctx, unit) || consumer.revision >= revision) continue;
    enqueue(ctx, unit, {
      unit,
      hookName: 'secret-changed',
      secretId: `secret:${secretId}`,
      secretLabel: consumer.label ?? '',
    });
  }
}
