import type { CheckInfo, Notice } from '@ops-ts/pebble';
import { DispatchAbort } from '../backend/abort.js';
import { EventBase, refuseDefer } from '../framework/event.js';
import type { Handle } from '../framework/handle.js';
import type { JsonObject } from '../framework/json.js';
import type { Container } from '../model/container.js';
import type { Application, Unit } from '../model/entities.js';
import type { Relation } from '../model/relation.js';
import type { Secret } from '../model/secret.js';
import type { Storage } from '../model/storage.js';
import { isStandardSchema, type StandardSchemaV1, validateWith } from '../standard-schema.js';
import { ActionParamsError, validateActionParams } from './action-params.js';
import { type ActionResults, flattenActionResults } from './action-results.js';

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

/** A storage instance as a storage event is emitted with (a Storage, or its name, index and location). */
export interface StorageRef {
  readonly name: string;
  readonly index: number;
  readonly location: string;
}

/** Base of storage events. */
export class StorageEvent extends HookEvent {
  /** The storage instance (its `location` was read with `storage-get` when the hook started). */
  storage!: Storage;
  constructor(handle: Handle, storage: Storage | StorageRef) {
    super(handle);
    // Observers always get the event restored from its snapshot, where `storage` is the model's Storage;
    // the emitted object only has to snapshot, which a plain StorageRef can.
    this.storage = storage as Storage;
  }
  override snapshot(): JsonObject {
    return {
      storage_name: this.storage.name,
      storage_index: this.storage.index,
      storage_location: this.storage.location,
    };
  }
  override restore(s: JsonObject): void {
    const location =
      typeof s.storage_location === 'string' && s.storage_location ? s.storage_location : undefined;
    this.storage = this.framework.model.storages.instance(
      String(s.storage_name),
      Number(s.storage_index),
      location,
    );
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

  /** The workload container this event is about (no I/O until you use it). */
  get container(): Container {
    return this.framework.model.unit.getContainer(this.containerName);
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

  /** The full notice (occurrences, last data, ...), fetched from Pebble; ModelError if it is gone. */
  getNotice(): Promise<Notice> {
    return this.container.getNotice(this.notice.id);
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

  /** The check's current state, fetched from Pebble; ModelError if the plan no longer has it. */
  getCheckInfo(): Promise<CheckInfo> {
    return this.container.getCheck(this.checkName);
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

  declare private cachedSecret: Secret | undefined;

  /** The secret this event is about; no tool runs until you read or change it. */
  get secret(): Secret {
    this.cachedSecret ??= this.framework.model.secretHandle({
      ...(this.secretId ? { id: this.secretId } : {}),
      ...(this.secretLabel ? { label: this.secretLabel } : {}),
    });
    return this.cachedSecret;
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
export class SecretRemoveEvent extends SecretRevisionEvent {
  /** Removes the revision this event is about (`secret-remove <id> --revision <n>`). */
  removeRevision(): void {
    this.secret.removeRevision(this.revision);
  }
}
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

  /** The action's name as declared in actions.yaml (`do-backup`). */
  get name(): string {
    const base = this.handle.kind.replace(/_action$/, '');
    const declared = Object.keys(this.framework.model.meta.actions);
    return declared.find((n) => n.replaceAll('-', '_') === base) ?? base.replaceAll('_', '-');
  }

  /**
   * The params (`action-get`, once per dispatch), checked against the action's schema with defaults
   * filled in; a fresh copy each time. Throws ActionParamsError naming each failing param and rule.
   */
  get params(): JsonObject {
    const model = this.framework.model;
    const params = structuredClone(model.action.rawParams());
    const meta = model.meta.actions[this.name];
    return meta ? validateActionParams(this.name, meta, params) : params;
  }

  /**
   * The params as the handler's type (ops's `load_params`): validated as `params`, then passed through
   * `parse` when given (throw from it to reject). With `errors: 'fail'`, a problem fails the action with
   * its message (`action-fail`) and ends the dispatch with exit 0 and nothing committed, as ops does.
   */
  loadParams<P = JsonObject>(
    parse?: ((params: JsonObject) => P) | StandardSchemaV1<unknown, P>,
    options: { errors?: 'raise' | 'fail' } = {},
  ): P {
    const failed = (error: unknown): never => {
      if (options.errors !== 'fail' || !(error instanceof Error)) throw error;
      this.fail(error.message);
      throw new DispatchAbort(0);
    };
    let params: JsonObject;
    try {
      params = this.params;
    } catch (error) {
      // Only a schema problem is the user's to fix; a failing action-get stays an error.
      if (!(error instanceof ActionParamsError)) throw error;
      return failed(error);
    }
    if (!parse) return params as P;
    try {
      return isStandardSchema(parse)
        ? validateWith(parse as StandardSchemaV1<unknown, P>, params)
        : parse(params);
    } catch (error) {
      return failed(error);
    }
  }

  /**
   * Reports results (`action-set`). Nested objects become dotted keys; keys are checked with ops's and
   * Juju's rules before the tool runs (InvalidActionResultsError).
   */
  setResults(results: ActionResults): void {
    this.framework.model.action.setResults(flattenActionResults(results));
  }

  /** Sends a progress message to the user running the action (`action-log`). */
  log(message: string): void {
    this.framework.model.action.log(message);
  }

  /** Marks the action failed (`action-fail`); the handler goes on, and the hook still succeeds. */
  fail(message = ''): void {
    this.framework.model.action.fail(message);
  }
}
