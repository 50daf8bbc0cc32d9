import type { BoundEvent } from '../framework/event.js';
import type { Handle } from '../framework/handle.js';
import { ObjectEvents } from '../framework/object.js';
import type { Application, Unit } from '../model/entities.js';
import type { Relation } from '../model/relation.js';
import type { ActionName, CharmTypes, UntypedCharm } from './charm-types.js';
import { CollectStatusEvent } from './collect-status.js';
import * as ev from './events.js';
import type { CharmMeta } from './metadata.js';

type RelationArgs = [relation: Relation, app?: Application, unit?: Unit];
type Bound<E extends ev.HookEvent | ev.ActionEvent, A extends unknown[]> = BoundEvent<E, A>;

/** Turns a Juju name (`my-db`) into the identifier part of an ops event kind (`my_db`). */
function ident(name: string): string {
  return name.replaceAll('-', '_');
}

/**
 * The charm's events (`charm.on`): the fixed Juju events as fields, and the events named after the
 * charm's relations, storages, containers and actions through methods, e.g.
 * `this.on.relationChanged('db')`, `this.on.pebbleReady('workload')`, `this.on.action('backup')`.
 */
export class CharmEvents<T extends CharmTypes = UntypedCharm> extends ObjectEvents {
  /** install */
  readonly install = this.define('install', ev.InstallEvent);
  /** start */
  readonly start = this.define('start', ev.StartEvent);
  /** stop (not deferrable) */
  readonly stop = this.define('stop', ev.StopEvent);
  /** remove (not deferrable) */
  readonly remove = this.define('remove', ev.RemoveEvent);
  /** config-changed */
  readonly configChanged = this.define('config_changed', ev.ConfigChangedEvent);
  /** update-status */
  readonly updateStatus = this.define('update_status', ev.UpdateStatusEvent);
  /** upgrade-charm */
  readonly upgradeCharm = this.define('upgrade_charm', ev.UpgradeCharmEvent);
  /** leader-elected */
  readonly leaderElected = this.define('leader_elected', ev.LeaderElectedEvent);
  /** leader-settings-changed (legacy) */
  readonly leaderSettingsChanged = this.define('leader_settings_changed', ev.LeaderSettingsChangedEvent);
  /** pre-series-upgrade (legacy) */
  readonly preSeriesUpgrade = this.define('pre_series_upgrade', ev.PreSeriesUpgradeEvent);
  /** post-series-upgrade (legacy) */
  readonly postSeriesUpgrade = this.define('post_series_upgrade', ev.PostSeriesUpgradeEvent);
  /** collect-metrics (legacy, restricted) */
  readonly collectMetrics = this.define('collect_metrics', ev.CollectMetricsEvent);
  /** secret-changed */
  readonly secretChanged = this.define('secret_changed', ev.SecretChangedEvent);
  /** secret-rotate (not deferrable) */
  readonly secretRotate = this.define('secret_rotate', ev.SecretRotateEvent);
  /** secret-remove */
  readonly secretRemove = this.define('secret_remove', ev.SecretRemoveEvent);
  /** secret-expired (not deferrable) */
  readonly secretExpired = this.define('secret_expired', ev.SecretExpiredEvent);
  /** Framework: collect the application status (leader only). */
  readonly collectAppStatus = this.define('collect_app_status', CollectStatusEvent);
  /** Framework: collect the unit status. */
  readonly collectUnitStatus = this.define('collect_unit_status', CollectStatusEvent);

  readonly #byKind = new Map<string, BoundEvent<ev.HookEvent | ev.ActionEvent, never[]>>();

  constructor(parent: ConstructorParameters<typeof ObjectEvents>[0], meta: CharmMeta) {
    super(parent);
    for (const name of Object.keys(meta.relations)) {
      for (const [suffix, type] of [
        ['relation_created', ev.RelationCreatedEvent],
        ['relation_joined', ev.RelationJoinedEvent],
        ['relation_changed', ev.RelationChangedEvent],
        ['relation_departed', ev.RelationDepartedEvent],
        ['relation_broken', ev.RelationBrokenEvent],
      ] as const) {
        this.add(`${ident(name)}_${suffix}`, type);
      }
    }
    for (const name of Object.keys(meta.storages)) {
      this.add(`${ident(name)}_storage_attached`, ev.StorageAttachedEvent);
      this.add(`${ident(name)}_storage_detaching`, ev.StorageDetachingEvent);
    }
    for (const name of Object.keys(meta.containers)) {
      this.add(`${ident(name)}_pebble_ready`, ev.PebbleReadyEvent);
      this.add(`${ident(name)}_pebble_custom_notice`, ev.PebbleCustomNoticeEvent);
      this.add(`${ident(name)}_pebble_check_failed`, ev.PebbleCheckFailedEvent);
      this.add(`${ident(name)}_pebble_check_recovered`, ev.PebbleCheckRecoveredEvent);
    }
    for (const name of Object.keys(meta.actions)) this.add(`${ident(name)}_action`, ev.ActionEvent);
    for (const [kind, bound] of Object.entries(this)) {
      if (
        kind !== 'handle' &&
        kind !== 'framework' &&
        bound &&
        typeof bound === 'object' &&
        'kind' in bound
      ) {
        this.#byKind.set((bound as BoundEvent).kind, bound as BoundEvent<ev.HookEvent, never[]>);
      }
    }
  }

  private add<E extends ev.HookEvent | ev.ActionEvent, A extends unknown[]>(
    kind: string,
    type: new (handle: Handle, ...args: A) => E,
  ): void {
    this.#byKind.set(kind, this.define(kind, type) as unknown as BoundEvent<ev.HookEvent, never[]>);
  }

  /** The bound event of an ops event kind (`db_relation_changed`), if the charm defines it. */
  byKind(kind: string): BoundEvent<ev.HookEvent | ev.ActionEvent, never[]> | undefined {
    return this.#byKind.get(kind);
  }

  private get<E extends ev.HookEvent | ev.ActionEvent, A extends unknown[]>(
    kind: string,
    what: string,
  ): Bound<E, A> {
    const bound = this.#byKind.get(kind);
    if (!bound) throw new Error(`${what} is not declared in the charm's metadata`);
    return bound as unknown as Bound<E, A>;
  }

  /** `<endpoint>-relation-created` */
  relationCreated(endpoint: T['endpoints']): Bound<ev.RelationCreatedEvent, RelationArgs> {
    return this.get(`${ident(endpoint)}_relation_created`, `relation endpoint ${JSON.stringify(endpoint)}`);
  }
  /** `<endpoint>-relation-joined` */
  relationJoined(endpoint: T['endpoints']): Bound<ev.RelationJoinedEvent, RelationArgs> {
    return this.get(`${ident(endpoint)}_relation_joined`, `relation endpoint ${JSON.stringify(endpoint)}`);
  }
  /** `<endpoint>-relation-changed` */
  relationChanged(endpoint: T['endpoints']): Bound<ev.RelationChangedEvent, RelationArgs> {
    return this.get(`${ident(endpoint)}_relation_changed`, `relation endpoint ${JSON.stringify(endpoint)}`);
  }
  /** `<endpoint>-relation-departed` */
  relationDeparted(endpoint: T['endpoints']): Bound<ev.RelationDepartedEvent, [...RelationArgs, Unit?]> {
    return this.get(`${ident(endpoint)}_relation_departed`, `relation endpoint ${JSON.stringify(endpoint)}`);
  }
  /** `<endpoint>-relation-broken` */
  relationBroken(endpoint: T['endpoints']): Bound<ev.RelationBrokenEvent, RelationArgs> {
    return this.get(`${ident(endpoint)}_relation_broken`, `relation endpoint ${JSON.stringify(endpoint)}`);
  }
  /** `<storage>-storage-attached` */
  storageAttached(storage: T['storages']): Bound<ev.StorageAttachedEvent, [ev.StorageRef]> {
    return this.get(`${ident(storage)}_storage_attached`, `storage ${JSON.stringify(storage)}`);
  }
  /** `<storage>-storage-detaching` */
  storageDetaching(storage: T['storages']): Bound<ev.StorageDetachingEvent, [ev.StorageRef]> {
    return this.get(`${ident(storage)}_storage_detaching`, `storage ${JSON.stringify(storage)}`);
  }
  /** `<container>-pebble-ready` */
  pebbleReady(container: T['containers']): Bound<ev.PebbleReadyEvent, [string]> {
    return this.get(`${ident(container)}_pebble_ready`, `container ${JSON.stringify(container)}`);
  }
  /** `<container>-pebble-custom-notice` */
  pebbleCustomNotice(
    container: T['containers'],
  ): Bound<ev.PebbleCustomNoticeEvent, [string, { id: string; type: string; key: string }]> {
    return this.get(`${ident(container)}_pebble_custom_notice`, `container ${JSON.stringify(container)}`);
  }
  /** `<container>-pebble-check-failed` */
  pebbleCheckFailed(container: T['containers']): Bound<ev.PebbleCheckFailedEvent, [string, string]> {
    return this.get(`${ident(container)}_pebble_check_failed`, `container ${JSON.stringify(container)}`);
  }
  /** `<container>-pebble-check-recovered` */
  pebbleCheckRecovered(container: T['containers']): Bound<ev.PebbleCheckRecoveredEvent, [string, string]> {
    return this.get(`${ident(container)}_pebble_check_recovered`, `container ${JSON.stringify(container)}`);
  }
  /** The event of an action declared in actions.yaml; with generated types its `params` are typed. */
  action<N extends ActionName<T>>(
    name: N,
  ): Bound<ev.ActionEvent & { readonly params: T['actions'][N] }, [string]> {
    return this.get(`${ident(name)}_action`, `action ${JSON.stringify(name)}`);
  }
}
