/** Builders that make a {@link ModelState} in a few lines, with sensible defaults. */
import { randomUUID } from 'node:crypto';
import { newSecretId } from './ids.js';
import type { JsonObject, JsonValue } from './json.js';
import type {
  ActionRecord,
  Application,
  Bag,
  CharmInfo,
  CloudSpec,
  ConfigOption,
  ModelState,
  ModelType,
  NetworkInfo,
  Relation,
  RelationEndpoint,
  RotatePolicy,
  Secret,
  SecretOwner,
  StatusRecord,
  StorageInstance,
  Unit,
} from './state.js';

/** Scenario's default address (TEST-NET-1). */
export const DEFAULT_ADDRESS = '192.0.2.0';

/** A fresh status record. */
export function makeStatus(
  status = 'unknown',
  message = '',
  since = new Date(0).toISOString(),
): StatusRecord {
  return { status, message, data: {}, since };
}

/** Options for {@link newModel}. */
export interface ModelOptions {
  /** Model name (default `test-model`). */
  name?: string;
  /** Model uuid (default random). */
  uuid?: string;
  /** Substrate (default `kubernetes`). */
  type?: ModelType;
}

/** An empty model. */
export function newModel(opts: ModelOptions = {}): ModelState {
  return {
    model: {
      name: opts.name ?? 'test-model',
      uuid: opts.uuid ?? randomUUID(),
      type: opts.type ?? 'kubernetes',
    },
    applications: {},
    units: {},
    relations: {},
    secrets: {},
    storage: {},
    actions: {},
    cloud: null,
    logs: [],
    statusHistory: [],
    counters: { relation: 0, action: 0, storage: {} },
  };
}

/** Options for {@link addApplication}. */
export interface ApplicationOptions {
  /** Parsed metadata.yaml (default `{name}`). */
  metadata?: JsonObject;
  /** Config options (the `options:` map of config.yaml). */
  configOptions?: Record<string, ConfigOption>;
  /** Parsed actions.yaml. */
  actions?: JsonObject;
  /** Config values set by the operator. */
  config?: Record<string, JsonValue>;
  /** Trust granted. */
  trust?: boolean;
  /** Number of units to create (default 1). */
  units?: number;
  /** Index of the leader unit (default 0; null for none). */
  leader?: number | null;
  /** Resource name → path. */
  resources?: Record<string, string>;
}

/** Adds an application and its units (`name/0` … `name/N-1`). */
export function addApplication(state: ModelState, name: string, opts: ApplicationOptions = {}): Application {
  const metadata = opts.metadata ?? { name };
  const charm: CharmInfo = { metadata, config: opts.configOptions ?? {}, actions: opts.actions ?? {} };
  const app: Application = {
    name,
    charm,
    config: { ...(opts.config ?? {}) },
    trust: opts.trust ?? false,
    leader: null,
    status: makeStatus(),
    workloadVersion: '',
    units: [],
    leaderSettings: {},
    resources: { ...(opts.resources ?? {}) },
    subordinate: metadata.subordinate === true,
  };
  state.applications[name] = app;
  const count = opts.units ?? 1;
  for (let i = 0; i < count; i++) addUnit(state, name);
  const leader = opts.leader === undefined ? 0 : opts.leader;
  app.leader = leader === null ? null : (app.units[leader] ?? null);
  return app;
}

/** Options for {@link addUnit}. */
export interface UnitOptions {
  /** Private address (default 192.0.2.0). */
  address?: string;
  /** Binding → network info overrides. */
  networks?: Record<string, NetworkInfo>;
  /** Initial charm state. */
  charmState?: Bag;
}

/** The next id of the model's machine sequence, past any machine a unit already has. */
function nextMachine(state: ModelState): string {
  const used = Object.values(state.units)
    .filter((u) => /^\d+$/.test(u.machineId))
    .map((u) => Number(u.machineId) + 1);
  const id = Math.max(state.counters.machine ?? 0, ...used);
  state.counters.machine = id + 1;
  return String(id);
}

/** Adds the next unit of an application (its number from the application's unit sequence). */
export function addUnit(state: ModelState, appName: string, opts: UnitOptions = {}): Unit {
  const app = state.applications[appName];
  if (!app) throw new Error(`application ${appName} not found`);
  // The application's unit sequence, never below a number already in use (models that predate it).
  state.counters.unit ??= Object.create(null) as Record<string, number>;
  const units = state.counters.unit;
  let n = units[appName] ?? 0;
  while (state.units[`${appName}/${n}`]) n++;
  units[appName] = n + 1;
  const address = opts.address ?? DEFAULT_ADDRESS;
  const unit: Unit = {
    name: `${appName}/${n}`,
    app: appName,
    life: 'alive',
    status: makeStatus(),
    goalStatus: null,
    openedPorts: [],
    charmState: { ...(opts.charmState ?? {}) },
    storage: [],
    privateAddress: address,
    publicAddress: address,
    networks: { ...(opts.networks ?? {}) },
    machineId: state.model.type === 'machine' ? nextMachine(state) : '',
    principal: '',
    rebootRequested: null,
  };
  state.units[unit.name] = unit;
  app.units.push(unit.name);
  return unit;
}

/** Network info with one interface holding `address` (Scenario-style default). */
export function makeNetwork(address = DEFAULT_ADDRESS, cidr = `${address}/24`): NetworkInfo {
  return {
    bindAddresses: [
      { macAddress: '', interfaceName: '', addresses: [{ hostname: '', value: address, cidr }] },
    ],
    egressSubnets: [cidr],
    ingressAddresses: [address],
  };
}

/** One side given to {@link addRelation}: `app` plus endpoint name. */
export interface EndpointRef {
  /** Application name. */
  app: string;
  /** Endpoint name. */
  endpoint: string;
}

/** Options for {@link addRelation}. */
export interface RelationOptions {
  /** Interface name (default: from metadata, else the first endpoint name). */
  interface?: string;
  /** Relation id (default: next counter value). */
  id?: number;
  /** App data by app name. */
  appData?: Record<string, Bag>;
  /** Unit data by unit name. */
  unitData?: Record<string, Bag>;
  /** Units in scope (default: every unit of both applications). */
  scope?: string[];
  /** Container-scoped (subordinate) relation. */
  subordinate?: boolean;
  /** Remote model uuid for cross-model relations. */
  remoteModelUuid?: string;
}

/** Adds a relation between two endpoints (or a peer relation when `b` is omitted). */
export function addRelation(
  state: ModelState,
  a: EndpointRef,
  b?: EndpointRef,
  opts: RelationOptions = {},
): Relation {
  const id = opts.id ?? state.counters.relation;
  state.counters.relation = Math.max(state.counters.relation, id + 1);
  const endpoints: RelationEndpoint[] = b
    ? [
        { app: a.app, name: a.endpoint, role: endpointRole(state, a) },
        { app: b.app, name: b.endpoint, role: endpointRole(state, b) },
      ]
    : [{ app: a.app, name: a.endpoint, role: 'peer' }];
  const apps = endpoints.map((e) => e.app);
  const scope = opts.scope ?? apps.flatMap((name) => state.applications[name]?.units ?? []);
  const appData: Record<string, Bag> = {};
  for (const name of apps) appData[name] = { ...(opts.appData?.[name] ?? {}) };
  const unitData: Record<string, Bag> = {};
  for (const unit of scope) unitData[unit] = { 'private-address': state.units[unit]?.privateAddress ?? '' };
  for (const [unit, bag] of Object.entries(opts.unitData ?? {})) unitData[unit] = { ...bag };
  const relation: Relation = {
    id,
    interface: opts.interface ?? endpointInterface(state, a) ?? a.endpoint,
    kind: b ? (opts.subordinate ? 'subordinate' : 'regular') : 'peer',
    endpoints,
    appData,
    unitData,
    scope: [...scope],
    life: 'alive',
    remoteModelUuid: opts.remoteModelUuid ?? null,
  };
  state.relations[String(id)] = relation;
  return relation;
}

function endpointSection(state: ModelState, ref: EndpointRef): 'provides' | 'requires' | 'peers' | undefined {
  const md = state.applications[ref.app]?.charm.metadata;
  for (const section of ['provides', 'requires', 'peers'] as const) {
    const eps = md?.[section];
    if (eps && typeof eps === 'object' && !Array.isArray(eps) && ref.endpoint in eps) return section;
  }
  return undefined;
}

function endpointRole(state: ModelState, ref: EndpointRef): RelationEndpoint['role'] {
  const section = endpointSection(state, ref);
  return section === 'provides' ? 'provider' : section === 'peers' ? 'peer' : 'requirer';
}

function endpointInterface(state: ModelState, ref: EndpointRef): string | undefined {
  const section = endpointSection(state, ref);
  if (!section) return undefined;
  const eps = state.applications[ref.app]?.charm.metadata[section] as JsonObject;
  const ep = eps[ref.endpoint];
  if (ep && typeof ep === 'object' && !Array.isArray(ep) && typeof ep.interface === 'string')
    return ep.interface;
  return undefined;
}

/** Options for {@link addSecret}. */
export interface SecretOptions {
  /** Owner (default: the first application, app-owned). */
  owner: SecretOwner;
  /** Plain-text content of revision 1 (stored base64). */
  content: Record<string, string>;
  /** Owner label. */
  label?: string;
  /** Description. */
  description?: string;
  /** Rotation policy. */
  rotatePolicy?: RotatePolicy;
  /** Fixed xid (default random). */
  id?: string;
}

/** Adds a committed secret with one revision. */
export function addSecret(state: ModelState, opts: SecretOptions): Secret {
  const id = opts.id ?? newSecretId();
  const content: Bag = {};
  for (const [k, v] of Object.entries(opts.content)) content[k] = Buffer.from(v, 'utf8').toString('base64');
  const secret: Secret = {
    id,
    owner: { ...opts.owner },
    revisions: [{ revision: 1, content, createdAt: new Date().toISOString(), expireTime: null }],
    latestRevision: 1,
    label: opts.label ?? null,
    description: opts.description ?? null,
    rotatePolicy: opts.rotatePolicy ?? null,
    nextRotateTime: null,
    grants: [],
    consumers: {},
  };
  state.secrets[id] = secret;
  return secret;
}

/** Adds a new revision with plain-text content to a secret. */
export function addSecretRevision(state: ModelState, id: string, content: Record<string, string>): number {
  const secret = state.secrets[id];
  if (!secret) throw new Error(`secret ${id} not found`);
  const encoded: Bag = {};
  for (const [k, v] of Object.entries(content)) encoded[k] = Buffer.from(v, 'utf8').toString('base64');
  secret.latestRevision += 1;
  secret.revisions.push({
    revision: secret.latestRevision,
    content: encoded,
    createdAt: new Date().toISOString(),
    expireTime: null,
  });
  return secret.latestRevision;
}

/** Grants view access on a secret to an app or unit over a relation. */
export function grantSecret(state: ModelState, id: string, relationId: number, target: string): void {
  const secret = state.secrets[id];
  if (!secret) throw new Error(`secret ${id} not found`);
  secret.grants.push({ target, relationId, role: 'view' });
}

/** Adds and attaches a storage instance to a unit. */
export function addStorage(
  state: ModelState,
  unit: string,
  name: string,
  opts: { kind?: 'block' | 'filesystem'; location?: string } = {},
): StorageInstance {
  const index = state.counters.storage[name] ?? 0;
  state.counters.storage[name] = index + 1;
  const id = `${name}/${index}`;
  const app = state.units[unit]?.app ?? '';
  const storageMeta = (state.applications[app]?.charm.metadata.storage as JsonObject | undefined)?.[name];
  const meta =
    storageMeta && typeof storageMeta === 'object' && !Array.isArray(storageMeta) ? storageMeta : {};
  const kind = opts.kind ?? (meta.type === 'block' ? 'block' : 'filesystem');
  const base = typeof meta.location === 'string' ? meta.location : `/var/lib/juju/storage/${name}`;
  const instance: StorageInstance = {
    id,
    name,
    kind,
    location: opts.location ?? `${base}/${index}`,
    unit,
    life: 'alive',
  };
  state.storage[id] = instance;
  state.units[unit]?.storage.push(id);
  return instance;
}

/** Queues an action for a unit; returns its record (status `pending`). */
export function addAction(
  state: ModelState,
  unit: string,
  name: string,
  params: JsonObject = {},
): ActionRecord {
  state.counters.action += 1;
  const id = String(state.counters.action);
  const action: ActionRecord = {
    id,
    name,
    unit,
    params: { ...params },
    status: 'pending',
    results: {},
    logs: [],
    failureMessage: null,
  };
  state.actions[id] = action;
  return action;
}

/** Sets the cloud spec returned by `credential-get` (fields default to a local LXD cloud). */
export function setCloud(state: ModelState, spec: Partial<CloudSpec> = {}): CloudSpec {
  const cloud: CloudSpec = {
    type: 'lxd',
    name: 'localhost',
    region: 'default',
    endpoint: '',
    identityEndpoint: '',
    storageEndpoint: '',
    credential: null,
    caCertificates: [],
    skipTlsVerify: false,
    isControllerCloud: true,
    ...spec,
  };
  state.cloud = cloud;
  return cloud;
}
