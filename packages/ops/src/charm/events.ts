import { EventBase, refuseDefer } from '../framework/event.js';
import type { Handle } from '../framework/handle.js';
import type { JsonObject } from '../framework/json.js';
import type { Application, Unit } from '../model/entities.js';
import type { Relation } from '../model/relation.js';

/** Base of events Juju fires as hooks. */
export class HookEvent extends EventBase {}

/** The charm is being installed (first hook of a unit). */
export class InstallEvent extends HookEvent {}
/** The workload should start. */
export class StartEvent extends HookEvent {}
/** The unit is stopping; cannot be deferred. */
export class StopEvent extends HookEvent {
  override defer(): never {
    refuseDefer(this);
  }
}
/** The unit is being removed (its last hook); cannot be deferred. */
export class RemoveEvent extends HookEvent {
  override defer(): never {
    refuseDefer(this);
  }
}
/** The config changed (also after install, upgrade, and agent restarts). */
export class ConfigChangedEvent extends HookEvent {}
/** Periodic status check. */
export class UpdateStatusEvent extends HookEvent {}
/** The charm was upgraded. */
export class UpgradeCharmEvent extends HookEvent {}
/** This unit became the leader. */
export class LeaderElectedEvent extends HookEvent {}
/** Legacy: leader settings changed (non-leaders). */
export class LeaderSettingsChangedEvent extends HookEvent {}
/** Legacy (machine charms, Juju ≤ 3.6): before a series upgrade. */
export class PreSeriesUpgradeEvent extends HookEvent {}
/** Legacy (machine charms, Juju ≤ 3.6): after a series upgrade. */
export class PostSeriesUpgradeEvent extends HookEvent {}
/** Legacy metrics collection; a restricted context (no re-emission, no collect-status). */
export class CollectMetricsEvent extends HookEvent {}

/** Base of relation events: the relation, and the remote app and unit the hook is about. */
export class RelationEvent extends HookEvent {
  /** The relation. */
  relation!: Relation;
  /** The remote application (undefined if Juju did not say). */
  app!: Application | undefined;
  /** The remote unit (undefined for created, broken and app-data changes). */
  unit!: Unit | undefined;

  constructor(handle: Handle, relation: Relation, app?: Application, unit?: Unit) {
    super(handle);
    this.relation = relation;
    this.app = app;
    this.unit = unit;
    if (unit && app && unit.app !== app) {
      throw new Error(`remote unit ${unit.name} is not of application ${app.name}`);
    }
  }

  override snapshot(): JsonObject {
    const s: JsonObject = { relation_name: this.relation.name, relation_id: this.relation.id };
    if (this.app) s.app_name = this.app.name;
    if (this.unit) s.unit_name = this.unit.name;
    return s;
  }

  override restore(s: JsonObject): void {
    const model = this.framework.model;
    const relation = model.getRelation(String(s.relation_name), Number(s.relation_id));
    if (!relation) throw new Error(`relation ${String(s.relation_name)}:${String(s.relation_id)} not found`);
    this.relation = relation;
    this.app = typeof s.app_name === 'string' ? model.getApp(s.app_name) : undefined;
    this.unit = typeof s.unit_name === 'string' ? model.getUnit(s.unit_name) : undefined;
  }
}

/** The relation was created (before any unit joined). */
export class RelationCreatedEvent extends RelationEvent {}
/** A remote unit joined. */
export class RelationJoinedEvent extends RelationEvent {}
/** Remote data changed (a unit's, or with no unit, the remote app's). */
export class RelationChangedEvent extends RelationEvent {}
/** The relation is being removed; it is inactive and absent from `model.relations`. */
export class RelationBrokenEvent extends RelationEvent {}
/** A remote unit left; `departingUnit` says which (possibly this unit). */
export class RelationDepartedEvent extends RelationEvent {
  /** The unit leaving the relation. */
  departingUnit!: Unit | undefined;

  constructor(handle: Handle, relation: Relation, app?: Application, unit?: Unit, departingUnit?: Unit) {
    super(handle, relation, app, unit);
    this.departingUnit = departingUnit;
  }
  override snapshot(): JsonObject {
    const s = super.snapshot();
    if (this.departingUnit) s.departing_unit = this.departingUnit.name;
    return s;
  }
  override restore(s: JsonObject): void {
    super.restore(s);
    this.departingUnit =
      typeof s.departing_unit === 'string' ? this.framework.model.getUnit(s.departing_unit) : undefined;
  }
}

/** A storage instance as a storage event names it. */
export interface StorageRef {
  name: string;
  index: number;
  location: string;
}

/** Base of storage events. */
export class StorageEvent extends HookEvent {
  /** The storage instance. */
  storage!: StorageRef;
  constructor(handle: Handle, storage: StorageRef) {
    super(handle);
    this.storage = storage;
  }
  override snapshot(): JsonObject {
    return {
      storage_name: this.storage.name,
      storage_index: this.storage.index,
      storage_location: this.storage.location,
    };
  }
  override restore(s: JsonObject): void {
    this.storage = {
      name: String(s.storage_name),
      index: Number(s.storage_index),
      location: String(s.storage_location),
    };
  }
}
/** Storage was attached. */
export class StorageAttachedEvent extends StorageEvent {}
/** Storage is about to be detached. */
export class StorageDetachingEvent extends StorageEvent {}

/** Base of workload (Pebble) events: the container's name. */
export class WorkloadEvent extends HookEvent {
  /** The workload container's name. */
  containerName!: string;
  constructor(handle: Handle, containerName: string) {
    super(handle);
    this.containerName = containerName;
  }
  override snapshot(): JsonObject {
    return { container_name: this.containerName };
  }
  override restore(s: JsonObject): void {
    this.containerName = String(s.container_name);
  }
}
/** Pebble in the container is ready. */
export class PebbleReadyEvent extends WorkloadEvent {}

/** A Pebble custom notice occurred. */
export class PebbleCustomNoticeEvent extends WorkloadEvent {
  /** The notice's id, type and key. */
  notice!: { id: string; type: string; key: string };
  constructor(handle: Handle, containerName: string, notice: { id: string; type: string; key: string }) {
    super(handle, containerName);
    this.notice = notice;
  }
  override snapshot(): JsonObject {
    return {
      ...super.snapshot(),
      notice_id: this.notice.id,
      notice_type: this.notice.type,
      notice_key: this.notice.key,
    };
  }
  override restore(s: JsonObject): void {
    super.restore(s);
    this.notice = { id: String(s.notice_id), type: String(s.notice_type), key: String(s.notice_key) };
  }
}

/** Base of Pebble check events. */
export class PebbleCheckEvent extends WorkloadEvent {
  /** The check's name. */
  checkName!: string;
  constructor(handle: Handle, containerName: string, checkName: string) {
    super(handle, containerName);
    this.checkName = checkName;
  }
  override snapshot(): JsonObject {
    return { ...super.snapshot(), check_name: this.checkName };
  }
  override restore(s: JsonObject): void {
    super.restore(s);
    this.checkName = String(s.check_name);
  }
}
/** A Pebble check reached its failure threshold. */
export class PebbleCheckFailedEvent extends PebbleCheckEvent {}
/** A failing Pebble check passed again. */
export class PebbleCheckRecoveredEvent extends PebbleCheckEvent {}

/** Base of secret events: the secret's id and label. */
export class SecretEvent extends HookEvent {
  /** The secret id (`secret:…`). */
  secretId!: string;
  /** The label this charm gave the secret, if any. */
  secretLabel!: string | undefined;
  constructor(handle: Handle, secretId: string, secretLabel?: string) {
    super(handle);
    this.secretId = secretId;
    this.secretLabel = secretLabel;
  }
  override snapshot(): JsonObject {
    return { id: this.secretId, label: this.secretLabel ?? null };
  }
  override restore(s: JsonObject): void {
    this.secretId = String(s.id);
    this.secretLabel = typeof s.label === 'string' ? s.label : undefined;
  }
}
/** A secret this charm tracks has a new revision. */
export class SecretChangedEvent extends SecretEvent {}
/** A secret this charm owns is due for rotation; cannot be deferred (Juju re-fires). */
export class SecretRotateEvent extends SecretEvent {
  override defer(): never {
    refuseDefer(this);
  }
}

/** Base of secret events about one revision. */
export class SecretRevisionEvent extends SecretEvent {
  /** The revision concerned. */
  revision!: number;
  constructor(handle: Handle, secretId: string, secretLabel: string | undefined, revision: number) {
    super(handle, secretId, secretLabel);
    this.revision = revision;
  }
  override snapshot(): JsonObject {
    return { ...super.snapshot(), revision: this.revision };
  }
  override restore(s: JsonObject): void {
    super.restore(s);
    this.revision = Number(s.revision);
  }
}
/** A revision of an owned secret is no longer tracked by anyone and can be removed. */
export class SecretRemoveEvent extends SecretRevisionEvent {}
/** A revision of an owned secret expired; cannot be deferred (Juju re-fires). */
export class SecretExpiredEvent extends SecretRevisionEvent {
  override defer(): never {
    refuseDefer(this);
  }
}

/** An action was invoked; cannot be deferred. */
export class ActionEvent extends EventBase {
  /** The action's id (`JUJU_ACTION_UUID`). */
  id!: string;
  constructor(handle: Handle, id: string) {
    super(handle);
    this.id = id;
  }
  override defer(): never {
    refuseDefer(this);
  }
  override snapshot(): JsonObject {
    return { id: this.id };
  }
  override restore(s: JsonObject): void {
    this.id = String(s.id);
  }
}
