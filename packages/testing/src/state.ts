/** The state a charm sees: a plain, deep-frozen object, built with {@link state} from a partial literal. */
import type { CloudSpec as JujuCloudSpec } from '@ops-ts/juju';
import type { ConfigValue } from '@ops-ts/ops';
import type { Container } from './containers.js';
import type { DeferredEvent } from './deferred.js';
import { deepFreeze } from './freeze.js';
import type { Network } from './network.js';
import type { Port } from './ports.js';
import type { Relation } from './relations.js';
import type { Resource } from './resources.js';
import type { Secret } from './secrets.js';
import { type Status, toStatus, UNKNOWN } from './status.js';
import type { Storage } from './storage.js';
import type { StoredStateEntry } from './stored-state.js';

/**
 * The cloud spec `credential-get` returns to a trusted charm (`Model.getCloudSpec()`); fields left out
 * default to a local LXD cloud. Machine models only, as in Juju.
 */
export type CloudSpec = Partial<JujuCloudSpec>;

/** The model this unit lives in. */
export interface ModelInfo {
  /** Model name (default `test-model`). */
  readonly name: string;
  /** Model uuid (default a fixed uuid, so runs are reproducible). */
  readonly uuid: string;
  /** `kubernetes` (default) or `machine`. */
  readonly type: 'kubernetes' | 'machine';
  /** The cloud spec, for a trusted charm on a machine model (Scenario's `Model(cloud_spec=...)`). */
  readonly cloudSpec?: CloudSpec;
}

/** Everything Juju and the workload hold for one unit, before or after an event. */
export interface State {
  /** Whether this unit is the leader. */
  readonly leader: boolean;
  /** Config values set by the operator (defaults from config.yaml apply on top). */
  readonly config: Readonly<Record<string, ConfigValue>>;
  /** Relations of this unit's application. */
  readonly relations: readonly Relation[];
  /** Network bindings (unlisted bindings get the default address). */
  readonly networks: readonly Network[];
  /** Workload containers. */
  readonly containers: readonly Container[];
  /** Attached storage. */
  readonly storages: readonly Storage[];
  /** Opened ports. */
  readonly openedPorts: readonly Port[];
  /** Secrets this unit owns or can read. */
  readonly secrets: readonly Secret[];
  /** Resources of the application. */
  readonly resources: readonly Resource[];
  /** Units the application should have (`goal-state`), default 1. */
  readonly plannedUnits: number;
  /** Deferred events, oldest first. */
  readonly deferred: readonly DeferredEvent[];
  /** Stored state of the charm and its objects. */
  readonly storedStates: readonly StoredStateEntry[];
  /** This unit's status. */
  readonly unitStatus: Status;
  /** The application's status. */
  readonly appStatus: Status;
  /** The workload version (`application-version-set`). */
  readonly workloadVersion: string;
  /** The model. */
  readonly model: ModelInfo;
}

/** A partial state: every field optional, defaults filled by {@link state}. */
export type StateInit = { readonly [K in keyof State]?: State[K] };

/** The default model (fixed uuid so secret ids and logs are stable across runs). */
export const DEFAULT_MODEL: ModelInfo = Object.freeze({
  name: 'test-model',
  uuid: '00000000-0000-4000-8000-000000000000',
  type: 'kubernetes',
});

/** A complete, deep-frozen state from a partial one (defaults as in Scenario). */
export function state(init: StateInit = {}): State {
  return deepFreeze({
    leader: init.leader ?? false,
    config: { ...init.config },
    relations: [...(init.relations ?? [])],
    networks: [...(init.networks ?? [])],
    containers: [...(init.containers ?? [])],
    storages: [...(init.storages ?? [])],
    openedPorts: [...(init.openedPorts ?? [])],
    secrets: [...(init.secrets ?? [])],
    resources: [...(init.resources ?? [])],
    plannedUnits: init.plannedUnits ?? 1,
    deferred: [...(init.deferred ?? [])],
    storedStates: [...(init.storedStates ?? [])],
    unitStatus: toStatus(init.unitStatus ?? UNKNOWN),
    appStatus: toStatus(init.appStatus ?? UNKNOWN),
    workloadVersion: init.workloadVersion ?? '',
    model: { ...DEFAULT_MODEL, ...init.model },
  });
}

/** A copy of `base` with some fields replaced (the result is a new frozen state). */
export function withState(base: StateInit, changes: StateInit): State {
  return state({ ...base, ...changes });
}
