import type { ModelBackend } from '../backend/backend.js';
import { RelationNotFoundError } from '../backend/errors.js';
import type { ConfigValue } from '../hooktools/config.js';
import type { CloudSpec } from '../hooktools/credential.js';
import { TooManyRelatedAppsError } from '../model/errors.js';
import type { CharmMeta } from '../types/charm-meta.js';
import { RunningAction } from './action.js';
import { ContainerMapping, type ContainerPorts } from './container.js';
import { Application, type EntityContext, Unit } from './entities.js';
import { LeadershipCache } from './leadership.js';
import { Binding } from './network.js';
import { Relation, type RelationContext } from './relation.js';
import { Resources } from './resources.js';
import { canonicalSecretId, Secret, type SecretLookup } from './secret.js';
import type { StatusBase } from './status.js';
import { StorageMapping } from './storage.js';

/** Where the model comes from: the charm's metadata, the backend, and the hook's identity. */
export interface ModelOptions {
  meta: CharmMeta;
  backend: ModelBackend;
  unitName: string;
  modelName: string;
  modelUuid: string;
  /** The relation of the current relation hook, with its remote app when Juju gave one. */
  eventRelation?: { endpoint: string; id: number; remoteApp?: string };
  /** In relation-broken: this relation is gone from `relations`. */
  brokenRelationId?: number;
  /** In relation-departed/-broken: the remote unit whose data stays readable. */
  remoteUnitName?: string;
  /**
   * Directory holding `<container>/pebble.socket` (default `/charm/containers`); the simulator and tests
   * set it through `OPS_TS_PEBBLE_DIR` in the dispatch environment.
   */
  pebbleDir?: string;
  /**
   * Host ports standing for container ports, per container (`Container.localAddress`); the simulator
   * sets them through `OPS_TS_CONTAINER_PORTS` in the dispatch environment.
   */
  containerPorts?: ContainerPorts;
  /** The hook's environment (default: none); what `os.environ` is to an ops charm. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The Juju model as this unit sees it during one dispatch. Caches what ops caches. */
export class Model {
  /** This unit. */
  readonly unit: Unit;
  /** This application. */
  readonly app: Application;
  /** The model's name. */
  readonly name: string;
  /** The model's uuid. */
  readonly uuid: string;
  /** The charm's metadata. */
  readonly meta: CharmMeta;
  /**
   * The hook's environment: the `JUJU_*` variables and the model's proxy settings
   * (`JUJU_CHARM_HTTP_PROXY`, ...). Read this instead of `process.env`, so the charm also runs in-process
   * under the testing kit.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The backend every operation goes through. */
  readonly backend: ModelBackend;
  /** Statuses added by collect-status observers during this dispatch. */
  readonly collectedStatuses: { app: StatusBase[]; unit: StatusBase[] } = { app: [], unit: [] };

  readonly #leadership: LeadershipCache;
  readonly #units = new Map<string, Unit>();
  readonly #apps = new Map<string, Application>();
  readonly #relations = new Map<string, Relation[]>();
  readonly #relationIds = new Map<string, readonly number[]>();
  readonly #relationById = new Map<string, Relation>();
  readonly #options: ModelOptions;
  #config: Readonly<Record<string, ConfigValue>> | undefined;
  readonly #entityCtx: EntityContext;
  readonly #relationCtx: RelationContext;
  readonly #extraRelations: Relation[] = [];
  readonly #bindings = new Map<string | Relation, Binding>();
  #storages: StorageMapping | undefined;
  #resources: Resources | undefined;
  #cloudSpec: CloudSpec | undefined;
  #action: RunningAction | undefined;

  constructor(options: ModelOptions) {
    this.#options = options;
    this.meta = options.meta;
    this.env = Object.freeze({ ...(options.env ?? {}) });
    this.backend = options.backend;
    this.name = options.modelName;
    this.uuid = options.modelUuid;
    this.#leadership = new LeadershipCache(options.backend);
    this.#entityCtx = {
      backend: options.backend,
      unitName: options.unitName,
      appName: options.unitName.split('/')[0] ?? options.unitName,
      modelUuid: options.modelUuid,
      leadership: this.#leadership,
      getApp: (name) => this.getApp(name),
      containers: new ContainerMapping(
        Object.keys(options.meta.containers),
        options.pebbleDir,
        options.containerPorts,
      ),
    };
    this.unit = this.getUnit(options.unitName);
    this.app = this.unit.app;
    this.#relationCtx = {
      backend: options.backend,
      unit: this.unit,
      app: this.app,
      getUnit: (n) => this.getUnit(n),
      getApp: (n) => this.getApp(n),
      isLeader: () => this.#leadership.isLeader(),
    };
  }

  /** The unit with this name (the same object for the same name). */
  getUnit(name: string): Unit {
    let unit = this.#units.get(name);
    if (!unit) {
      unit = new Unit(name, this.#entityCtx);
      this.#units.set(name, unit);
    }
    return unit;
  }

  /** The application with this name (the same object for the same name). */
  getApp(name: string): Application {
    let app = this.#apps.get(name);
    if (!app) {
      app = new Application(name, this.#entityCtx);
      this.#apps.set(name, app);
    }
    return app;
  }

  /** The charm's config: options that are set or have a default. One `config-get` per dispatch. */
  get config(): Readonly<Record<string, ConfigValue>> {
    this.#config ??= Object.freeze({ ...this.backend.configGet() });
    return this.#config;
  }

  /** The live relations on an endpoint (one `relation-ids` per endpoint per dispatch). */
  relations(endpoint: string): readonly Relation[] {
    const cached = this.#relations.get(endpoint);
    if (cached) return cached;
    const list = this.#liveIds(endpoint).map((id) => this.#liveRelation(endpoint, id));
    this.#relations.set(endpoint, list);
    return list;
  }

  /** The ids of the live relations on an endpoint (one `relation-ids` per endpoint per dispatch). */
  #liveIds(endpoint: string): readonly number[] {
    let ids = this.#relationIds.get(endpoint);
    if (!ids) {
      if (!this.meta.relations[endpoint]) {
        throw new Error(`unknown relation endpoint ${JSON.stringify(endpoint)} (not in metadata.yaml)`);
      }
      ids = this.backend.relationIds(endpoint).filter((id) => id !== this.#options.brokenRelationId);
      this.#relationIds.set(endpoint, ids);
    }
    return ids;
  }

  /**
   * One live relation, built (with its `relation-list`) the first time it is asked for. ops builds every
   * relation of the endpoint to find one by id; building only the asked-for one gives the same Relation
   * and saves a `relation-list` per other relation (the platform charm has one per connector).
   */
  #liveRelation(endpoint: string, id: number): Relation {
    const key = `${endpoint}:${id}`;
    let relation = this.#relationById.get(key);
    if (!relation) {
      relation = this.buildRelation(endpoint, id, true);
      this.#relationById.set(key, relation);
    }
    return relation;
  }

  /**
   * The relation on `endpoint`: by id when given (an inactive Relation if it is not live), else the only
   * one (undefined when there is none; TooManyRelatedAppsError when there are several).
   */
  getRelation(endpoint: string, id?: number): Relation | undefined {
    if (id === undefined) {
      const list = this.relations(endpoint);
      if (list.length > 1) throw new TooManyRelatedAppsError(endpoint, list.length, 1);
      return list[0];
    }
    if (this.#liveIds(endpoint).includes(id)) return this.#liveRelation(endpoint, id);
    const extra = this.#extraRelations.find((r) => r.name === endpoint && r.id === id);
    if (extra) return extra;
    const dead = this.buildRelation(endpoint, id, false);
    this.#extraRelations.push(dead);
    return dead;
  }

  private buildRelation(endpoint: string, id: number, active: boolean): Relation {
    const meta = this.meta.relations[endpoint];
    if (!meta)
      throw new Error(`unknown relation endpoint ${JSON.stringify(endpoint)} (not in metadata.yaml)`);
    let unitNames: string[] = [];
    if (active) {
      try {
        unitNames = this.backend.relationList(endpoint, id);
      } catch (error) {
        if (!(error instanceof RelationNotFoundError)) throw error;
        active = false;
      }
    }
    const units = unitNames.map((n) => this.getUnit(n));
    let appName: string | undefined;
    const ev = this.#options.eventRelation;
    if (ev && ev.id === id && ev.remoteApp) appName = ev.remoteApp;
    else if (meta.role === 'peer') appName = this.app.name;
    else if (units[0]) appName = units[0].app.name;
    else if (active) {
      try {
        appName = this.backend.relationRemoteApp(endpoint, id);
      } catch (error) {
        if (!(error instanceof RelationNotFoundError)) throw error;
      }
    }
    const extra: Unit[] = [];
    const remoteUnit = this.#options.remoteUnitName;
    if (ev && ev.id === id && remoteUnit && !unitNames.includes(remoteUnit))
      extra.push(this.getUnit(remoteUnit));
    const app = appName === undefined ? undefined : this.getApp(appName);
    const isBroken = id === this.#options.brokenRelationId;
    return new Relation(endpoint, id, app, units, meta, this.#relationCtx, active && !isBroken, extra);
  }

  /**
   * A secret by id and/or label. Like ops, this reads the content at once (`secret-get`), which both
   * checks the secret exists (SecretNotFoundError otherwise) and pins the tracked revision. Given both,
   * a consumer labels the secret so later events carry the label.
   */
  getSecret(lookup: SecretLookup): Secret {
    if (!lookup.id && !lookup.label) throw new TypeError('getSecret needs an id or a label, or both');
    const id = lookup.id ? canonicalSecretId(lookup.id, this.uuid) : undefined;
    const label = lookup.label || undefined;
    const content = this.backend.secretGet({
      ...(id !== undefined ? { id } : {}),
      ...(label !== undefined ? { label } : {}),
    });
    return new Secret(this.#secretCtx(), {
      ...(id !== undefined ? { id } : {}),
      ...(label !== undefined ? { label } : {}),
      content,
    });
  }

  /** A secret object for an id and/or label without reading it (what secret events hand out). */
  secretHandle(lookup: SecretLookup): Secret {
    return new Secret(this.#secretCtx(), lookup);
  }

  /** Ids of the secrets this unit or its application owns, including ones added in this hook (`secret-ids`). */
  ownedSecretIds(): string[] {
    return this.backend.secretIds().map((id) => canonicalSecretId(id, this.uuid));
  }

  /** The network binding of an endpoint (or extra binding) name, or of a relation; cached per key. */
  getBinding(key: string | Relation): Binding {
    let binding = this.#bindings.get(key);
    if (!binding) {
      binding =
        typeof key === 'string'
          ? new Binding(key, undefined, this.backend)
          : new Binding(key.name, key.id, this.backend);
      this.#bindings.set(key, binding);
    }
    return binding;
  }

  /** The charm's storages by name. */
  get storages(): StorageMapping {
    this.#storages ??= new StorageMapping(Object.keys(this.meta.storages), this.backend);
    return this.#storages;
  }

  /** The charm's resources. */
  get resources(): Resources {
    this.#resources ??= new Resources(Object.keys(this.meta.resources), this.backend);
    return this.#resources;
  }

  /** The action this dispatch runs (its params and results); only meaningful in an action's dispatch. */
  get action(): RunningAction {
    this.#action ??= new RunningAction(this.backend);
    return this.#action;
  }

  /** The cloud the model runs on, with its credential (`credential-get`; the app must be trusted). */
  getCloudSpec(): CloudSpec {
    this.#cloudSpec ??= this.backend.credentialGet();
    return this.#cloudSpec;
  }

  #secretCtx() {
    return { backend: this.backend, modelUuid: this.uuid };
  }

  /** Sends every pending relation write: one `relation-set` per changed bag. */
  flush(): void {
    for (const r of this.#relationById.values()) r.data.flush();
    for (const r of this.#extraRelations) r.data.flush();
  }
}
