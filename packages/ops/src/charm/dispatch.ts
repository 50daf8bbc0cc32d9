import type { BoundEvent } from '../framework/event.js';
import type { Logger } from '../framework/logger.js';
import type { Model } from '../model/model.js';
import type { Storage } from '../model/storage.js';
import * as ev from './events.js';
import type { JujuContext } from './juju-context.js';

/** Hooks with no collect-status and no re-emission of deferred events (ops's restricted context). */
export const RESTRICTED_EVENTS = new Set(['collect_metrics', 'meter_status_changed']);

/** The arguments ops's dispatcher passes to an event's constructor, built from the hook environment. */
export function eventArgs(
  bound: BoundEvent<ev.HookEvent | ev.ActionEvent, never[]>,
  ctx: JujuContext,
  model: Model,
  logger: Logger,
): unknown[] {
  const is = (cls: abstract new (...a: never[]) => unknown) =>
    bound.type === cls || bound.type.prototype instanceof cls;
  if (is(ev.RelationEvent)) {
    if (!ctx.relationName || ctx.relationId === undefined) {
      throw new Error(`${bound.kind} needs JUJU_RELATION and JUJU_RELATION_ID in the environment`);
    }
    const relation = model.getRelation(ctx.relationName, ctx.relationId);
    const app = ctx.remoteAppName ? model.getApp(ctx.remoteAppName) : undefined;
    const unit = ctx.remoteUnitName ? model.getUnit(ctx.remoteUnitName) : undefined;
    if (!app) logger.warning(`${bound.kind}: the remote application is not known (LP#1960934)`);
    const args: unknown[] = [relation, app, unit];
    if (is(ev.RelationDepartedEvent)) {
      args.push(ctx.departingUnitName ? model.getUnit(ctx.departingUnitName) : undefined);
    }
    return args;
  }
  if (is(ev.StorageEvent)) return [storageOfHook(bound.kind, ctx, model)];
  if (is(ev.PebbleCustomNoticeEvent)) {
    return [
      ctx.workloadName,
      { id: ctx.noticeId ?? '', type: ctx.noticeType ?? '', key: ctx.noticeKey ?? '' },
    ];
  }
  if (is(ev.PebbleCheckEvent)) return [ctx.workloadName, ctx.pebbleCheckName ?? ''];
  if (is(ev.WorkloadEvent)) return [ctx.workloadName];
  if (is(ev.SecretRevisionEvent)) return [ctx.secretId, ctx.secretLabel, ctx.secretRevision ?? 0];
  if (is(ev.SecretEvent)) return [ctx.secretId, ctx.secretLabel];
  if (is(ev.ActionEvent)) return [ctx.actionUuid ?? ''];
  return [];
}

/**
 * The storage instance of a storage hook, found as ops finds it: the name from the event kind (its
 * metadata spelling), the index from `JUJU_STORAGE_ID`, or on old Juju from `storage-get --help`. Its
 * location is read with `storage-get` when the event is snapshotted, i.e. only if someone observes it.
 */
function storageOfHook(kind: string, ctx: JujuContext, model: Model): Storage {
  const base = kind.replace(/_storage_(attached|detaching)$/, '');
  const name =
    Object.keys(model.meta.storages).find((n) => n.replaceAll('-', '_') === base) ??
    ctx.storageName ??
    base.replaceAll('_', '-');
  let index = ctx.storageIndex;
  if (index === undefined) {
    const id = model.backend.storageHookId();
    if (id !== undefined) index = Number(id.slice(id.lastIndexOf('/') + 1));
  }
  if (index === undefined || !Number.isInteger(index)) {
    throw new Error(`${kind}: cannot tell which ${name} storage instance this hook is about`);
  }
  return model.storages.instance(name, index);
}
