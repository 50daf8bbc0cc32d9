/** Deferred events waiting in the framework's queue. */
import type { JsonObject } from '@ops-ts/ops';
import type { CharmEvent, UnitRef } from './events.js';

/** One queued delivery of a deferred event to one observer method. */
export interface DeferredEvent {
  /** The event's handle path, e.g. `MyCharm/on/config_changed[3]`. */
  readonly handlePath: string;
  /** The observer's handle path, e.g. `MyCharm`. */
  readonly observer: string;
  /** The observer's method name, e.g. `onConfigChanged`. */
  readonly method: string;
  /** The event's snapshot (what it restores from). */
  readonly snapshot: JsonObject;
}

/** The ops event kind of a deferred event (`config_changed`). */
export function deferredKind(event: DeferredEvent): string {
  const last = event.handlePath.slice(event.handlePath.lastIndexOf('/') + 1);
  return last.replace(/\[\d+\]$/, '');
}

/** What {@link deferredSnapshot} needs beyond the event. */
export interface SnapshotContext {
  /** This application's name (the remote app of peer relations). */
  readonly appName: string;
}

/** The snapshot ops takes of `event` when it is deferred (see ops-ts's event classes). */
export function deferredSnapshot(event: CharmEvent, ctx: SnapshotContext): JsonObject {
  if (event.relation) {
    const app = event.relation.remoteApp ?? ctx.appName;
    const unit = (ref: UnitRef) => (typeof ref === 'number' ? `${app}/${ref}` : ref);
    const s: JsonObject = {
      relation_name: event.relation.endpoint,
      relation_id: event.relation.id,
      app_name: app,
    };
    if (event.remoteUnit !== undefined && event.remoteUnit !== null) s.unit_name = unit(event.remoteUnit);
    const departing =
      event.departingUnit ?? (event.hook.endsWith('-departed') ? event.remoteUnit : undefined);
    if (departing !== undefined && departing !== null) s.departing_unit = unit(departing);
    return s;
  }
  if (event.storage) {
    return { storage_name: event.storage.name, storage_index: event.storage.index, storage_location: '' };
  }
  if (event.container !== undefined) {
    const s: JsonObject = { container_name: event.container };
    if (event.notice)
      Object.assign(s, { notice_id: '', notice_type: event.notice.type, notice_key: event.notice.key });
    if (event.check !== undefined) s.check_name = event.check;
    return s;
  }
  if (event.secret) {
    const s: JsonObject = { id: event.secret.id, label: event.secret.label ?? null };
    if (event.secretRevision !== undefined) s.revision = event.secretRevision;
    return s;
  }
  if (event.isAction) throw new Error(`${event.kind} cannot be deferred: actions are not deferrable`);
  return {};
}
