/** The events a run can fire (`ctx.on.*`): plain frozen descriptions resolved against the state at run time. */
import type { BoundEvent, CharmBase, CharmTypes, EventBase, JsonObject } from '@ops-ts/ops';
import type { Container } from './containers.js';
import { deepFreeze } from './freeze.js';
import { type Relation, remoteUnitIds } from './relations.js';
import type { Secret } from './secrets.js';
import type { Storage } from './storage.js';

/** A unit given by number (`0` → `<remote app>/0`) or by full name. */
export type UnitRef = number | string;

/** One event to run: a Juju hook or an action. */
export interface CharmEvent {
  /** The ops event kind (`config_changed`, `db_relation_changed`, `backup_action`). */
  readonly kind: string;
  /** The Juju hook name (`db-relation-changed`), or the action name for actions. */
  readonly hook: string;
  /** Whether this is an action (`actions/<name>`). */
  readonly isAction: boolean;
  /** Relation events: the relation's id, endpoint and remote application (none for peers). */
  readonly relation?: { readonly id: number; readonly endpoint: string; readonly remoteApp?: string };
  /** Relation events: the remote unit (default: the first one for joined/changed/departed; null: none). */
  readonly remoteUnit?: UnitRef | null;
  /** relation-departed: the unit leaving (default: the remote unit). */
  readonly departingUnit?: UnitRef;
  /** Secret events: the secret's id and label. */
  readonly secret?: { readonly id: string; readonly label?: string };
  /** secret-remove/-expired: the revision. */
  readonly secretRevision?: number;
  /** Storage events. */
  readonly storage?: { readonly name: string; readonly index: number };
  /** Workload events: the container's name. */
  readonly container?: string;
  /** pebble-custom-notice: the notice's key and type. */
  readonly notice?: { readonly key: string; readonly type: string };
  /** pebble-check-*: the check's name. */
  readonly check?: string;
  /** Actions: parameters and id. */
  readonly action?: { readonly name: string; readonly params: JsonObject; readonly id?: string };
  /** A custom event (not a Juju hook): which bound event of the live charm to emit, and its arguments. */
  readonly custom?: CustomEmit;
}

/** A custom event to emit: the bound event, picked from the live charm, and the arguments of `emit`. */
export interface CustomEmit {
  /** Picks the bound event from the charm instance (e.g. `(charm) => charm.db.on.ready`). */
  readonly select: (charm: CharmBase<CharmTypes>) => BoundEvent<EventBase, unknown[]>;
  /** The arguments of its `emit`. */
  readonly args: readonly unknown[];
}

const ident = (name: string) => name.replaceAll('-', '_');

function simple(hook: string): CharmEvent {
  return deepFreeze({ kind: ident(hook), hook, isAction: false });
}

function relationEvent(
  rel: Relation,
  suffix: string,
  extra: { remoteUnit?: UnitRef | null; departingUnit?: UnitRef } = {},
): CharmEvent {
  const hook = `${rel.endpoint}-relation-${suffix}`;
  // joined, changed and departed are about a remote unit: the first one unless told otherwise.
  const first = ['joined', 'changed', 'departed'].includes(suffix) ? remoteUnitIds(rel)[0] : undefined;
  const remoteUnit = extra.remoteUnit === undefined ? first : extra.remoteUnit;
  return deepFreeze({
    kind: ident(hook),
    hook,
    isAction: false,
    relation: {
      id: rel.id,
      endpoint: rel.endpoint,
      ...(rel.kind !== 'peer' ? { remoteApp: rel.remoteAppName } : {}),
    },
    ...(remoteUnit !== undefined ? { remoteUnit } : {}),
    ...(extra.departingUnit !== undefined ? { departingUnit: extra.departingUnit } : {}),
  });
}

function secretEvent(s: Pick<Secret, 'id' | 'label'>, hook: string, revision?: number): CharmEvent {
  return deepFreeze({
    kind: ident(hook),
    hook,
    isAction: false,
    secret: { id: s.id, ...(s.label !== undefined ? { label: s.label } : {}) },
    ...(revision !== undefined ? { secretRevision: revision } : {}),
  });
}

function workloadEvent(c: Pick<Container, 'name'> | string, suffix: string, extra: object = {}): CharmEvent {
  const name = typeof c === 'string' ? c : c.name;
  const hook = `${name}-${suffix}`;
  return deepFreeze({ kind: ident(hook), hook, isAction: false, container: name, ...extra });
}

function storageEvent(s: Pick<Storage, 'name' | 'index'>, suffix: string): CharmEvent {
  const hook = `${s.name}-storage-${suffix}`;
  return deepFreeze({ kind: ident(hook), hook, isAction: false, storage: { name: s.name, index: s.index } });
}

/** Factories for every event kind, mirroring the charm's `this.on`. */
export const EVENTS = Object.freeze({
  /** install */
  install: () => simple('install'),
  /** start */
  start: () => simple('start'),
  /** stop */
  stop: () => simple('stop'),
  /** remove */
  remove: () => simple('remove'),
  /** update-status */
  updateStatus: () => simple('update-status'),
  /** config-changed */
  configChanged: () => simple('config-changed'),
  /** upgrade-charm */
  upgradeCharm: () => simple('upgrade-charm'),
  /** leader-elected */
  leaderElected: () => simple('leader-elected'),
  /** leader-settings-changed (legacy) */
  leaderSettingsChanged: () => simple('leader-settings-changed'),
  /** pre-series-upgrade (legacy) */
  preSeriesUpgrade: () => simple('pre-series-upgrade'),
  /** post-series-upgrade (legacy) */
  postSeriesUpgrade: () => simple('post-series-upgrade'),
  /** collect-metrics (legacy, restricted) */
  collectMetrics: () => simple('collect-metrics'),
  /** `<endpoint>-relation-created` */
  relationCreated: (rel: Relation) => relationEvent(rel, 'created'),
  /** `<endpoint>-relation-joined` (remote unit default: the first one) */
  relationJoined: (rel: Relation, opts: { remoteUnit?: UnitRef } = {}) => relationEvent(rel, 'joined', opts),
  /** `<endpoint>-relation-changed` (remote unit default: the first one; `null` for an app-data change) */
  relationChanged: (rel: Relation, opts: { remoteUnit?: UnitRef | null } = {}) =>
    relationEvent(rel, 'changed', opts),
  /** `<endpoint>-relation-departed` (departing unit default: the remote unit) */
  relationDeparted: (rel: Relation, opts: { remoteUnit?: UnitRef; departingUnit?: UnitRef } = {}) =>
    relationEvent(rel, 'departed', opts),
  /** `<endpoint>-relation-broken` */
  relationBroken: (rel: Relation) => relationEvent(rel, 'broken'),
  /** `<storage>-storage-attached` */
  storageAttached: (s: Pick<Storage, 'name' | 'index'>) => storageEvent(s, 'attached'),
  /** `<storage>-storage-detaching` */
  storageDetaching: (s: Pick<Storage, 'name' | 'index'>) => storageEvent(s, 'detaching'),
  /** `<container>-pebble-ready` */
  pebbleReady: (c: Pick<Container, 'name'> | string) => workloadEvent(c, 'pebble-ready'),
  /** `<container>-pebble-custom-notice` for a notice in the container's state */
  pebbleCustomNotice: (c: Pick<Container, 'name'> | string, notice: { key: string; type?: string }) =>
    workloadEvent(c, 'pebble-custom-notice', { notice: { key: notice.key, type: notice.type ?? 'custom' } }),
  /** `<container>-pebble-check-failed` */
  pebbleCheckFailed: (c: Pick<Container, 'name'> | string, check: string | { name: string }) =>
    workloadEvent(c, 'pebble-check-failed', { check: typeof check === 'string' ? check : check.name }),
  /** `<container>-pebble-check-recovered` */
  pebbleCheckRecovered: (c: Pick<Container, 'name'> | string, check: string | { name: string }) =>
    workloadEvent(c, 'pebble-check-recovered', { check: typeof check === 'string' ? check : check.name }),
  /** secret-changed (a secret this charm observes) */
  secretChanged: (s: Pick<Secret, 'id' | 'label'>) => secretEvent(s, 'secret-changed'),
  /** secret-rotate (a secret this charm owns) */
  secretRotate: (s: Pick<Secret, 'id' | 'label'>) => secretEvent(s, 'secret-rotate'),
  /** secret-remove (a revision of an owned secret nobody tracks) */
  secretRemove: (s: Pick<Secret, 'id' | 'label'>, opts: { revision: number }) =>
    secretEvent(s, 'secret-remove', opts.revision),
  /** secret-expired (a revision of an owned secret expired) */
  secretExpired: (s: Pick<Secret, 'id' | 'label'>, opts: { revision: number }) =>
    secretEvent(s, 'secret-expired', opts.revision),
  /** An action declared in actions.yaml, with its parameters. */
  action: (name: string, params: JsonObject = {}, opts: { id?: string } = {}): CharmEvent =>
    deepFreeze({
      kind: `${ident(name)}_action`,
      hook: name,
      isAction: true,
      action: { name, params: structuredClone(params), ...(opts.id !== undefined ? { id: opts.id } : {}) },
    }),
  /** A custom event on one of the charm's objects (see {@link customEvent}). */
  custom: customEvent,
});

/**
 * A custom event, as Scenario's `ctx.on.custom`: the dispatch runs as ops's does (deferred events first,
 * collect-status and commit after), but emits `select(charm)` with `args` instead of a Juju hook's event.
 * Juju has no hook for it, so `JUJU_DISPATCH_PATH` is `hooks/custom`.
 *
 *     await ctx.run(ctx.on.custom((charm: MyCharm) => charm.database.on.created, 'db1'), state());
 */
export function customEvent<Ch extends CharmBase<CharmTypes>, E extends EventBase, A extends unknown[]>(
  select: (charm: Ch) => BoundEvent<E, A>,
  ...args: A
): CharmEvent {
  const custom: CustomEmit = {
    select: select as unknown as CustomEmit['select'],
    args: Object.freeze([...args]),
  };
  return Object.freeze({ kind: 'custom', hook: 'custom', isAction: false, custom: Object.freeze(custom) });
}

/** The type of `ctx.on`. */
export type EventFactory = typeof EVENTS;
