/**
 * The in-memory model: plain JSON-serialisable data (no classes, no Maps) so the simulator can
 * save it to disk between commands and tests can build and compare it directly.
 */
import type { JsonObject, JsonValue } from './json.js';

/** Model substrate. */
export type ModelType = 'kubernetes' | 'machine';

/** Lifecycle of units, relations and storage. */
export type Life = 'alive' | 'dying' | 'dead';

/** A string-to-string data bag (relation data, charm state, leader settings). */
export type Bag = Record<string, string>;

/** A workload status with its message, data and timestamp. */
export interface StatusRecord {
  /** `active`, `blocked`, `maintenance`, `waiting`, `error`, `unknown`, `terminated`. */
  status: string;
  /** Status message ('' when none). */
  message: string;
  /** Extra status data (`status-get --include-data`). */
  data: JsonObject;
  /** ISO-8601 time of the last `status-set`. */
  since: string;
}

/** One entry of the status history (unit or application). */
export interface StatusHistoryEntry extends StatusRecord {
  /** Unit name, or application name when `kind` is `application`. */
  target: string;
  /** Whether the status belongs to a unit or to an application. */
  kind: 'unit' | 'application';
}

/** One `juju-log` / `action-log` line (for assertions and `debug-log`). */
export interface LogEntry {
  /** Unit that logged. */
  unit: string;
  /** TRACE, DEBUG, INFO, WARNING, ERROR or CRITICAL. */
  level: string;
  /** Message as stored (with the `<endpoint>:<id>: ` prefix in relation hooks). */
  message: string;
  /** ISO-8601 time. */
  timestamp: string;
  /** Hook (or `action:<name>`) the line came from. */
  context: string;
}

/** A config option declared by the charm (`config.yaml` `options:` entry). */
export interface ConfigOption {
  /** `string`, `int`, `float`, `boolean` or `secret`. */
  type: string;
  /** Default value, if any. */
  default?: JsonValue;
  /** Help text. */
  description?: string;
}

/** The parsed charm files an application runs. */
export interface CharmInfo {
  /** Parsed `metadata.yaml` (name, provides/requires/peers, storage, resources, containers…). */
  metadata: JsonObject;
  /** Parsed `config.yaml` options. */
  config: Record<string, ConfigOption>;
  /** Parsed `actions.yaml`. */
  actions: JsonObject;
}

/** A deployed application. */
export interface Application {
  /** Application name. */
  name: string;
  /** Charm files. */
  charm: CharmInfo;
  /** Config values set by the operator (defaults come from `charm.config`). */
  config: Record<string, JsonValue>;
  /** `juju trust` granted (needed for `credential-get`). */
  trust: boolean;
  /** Unit name of the leader, or null. */
  leader: string | null;
  /** Application status (leader's `status-set --application`). */
  status: StatusRecord;
  /** Last `application-version-set` value. */
  workloadVersion: string;
  /** Names of the units (in creation order). */
  units: string[];
  /** Legacy leader settings (`leader-set`). */
  leaderSettings: Bag;
  /** Resource name → local file path (`resource-get`). */
  resources: Record<string, string>;
  /** Whether the charm is a subordinate. */
  subordinate: boolean;
}

/** One opened port range on a unit. */
export interface OpenedPort {
  /** `tcp`, `udp` or `icmp`. */
  protocol: 'tcp' | 'udp' | 'icmp';
  /** First port (icmp: -1). */
  fromPort: number;
  /** Last port (icmp: -1). */
  toPort: number;
  /** Endpoint the range is opened for; '*' means all endpoints. */
  endpoint: string;
}

/** An address inside a network interface. */
export interface InterfaceAddress {
  /** Hostname ('' when none). */
  hostname: string;
  /** IP address. */
  value: string;
  /** CIDR of the subnet. */
  cidr: string;
}

/** One network interface of a binding. */
export interface NetworkInterface {
  /** MAC address. */
  macAddress: string;
  /** Interface name, e.g. `eth0`. */
  interfaceName: string;
  /** Addresses on that interface. */
  addresses: InterfaceAddress[];
}

/** Network info for one binding (`network-get`). */
export interface NetworkInfo {
  /** Interfaces and addresses. */
  bindAddresses: NetworkInterface[];
  /** Egress subnets (CIDRs). */
  egressSubnets: string[];
  /** Ingress addresses. */
  ingressAddresses: string[];
}

/** Where an action request is in its lifecycle. */
export type ActionStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

/** A queued or finished action. */
export interface ActionRecord {
  /** Action id (`JUJU_ACTION_UUID`). */
  id: string;
  /** Action name. */
  name: string;
  /** Target unit. */
  unit: string;
  /** Parameters (schema defaults already applied). */
  params: JsonObject;
  /** Lifecycle status. */
  status: ActionStatus;
  /** Results set with `action-set` (nested by dotted keys) plus return-code/stdout/stderr. */
  results: JsonObject;
  /** `action-log` messages. */
  logs: { message: string; timestamp: string }[];
  /** Message from `action-fail` (or the failure reason). */
  failureMessage: string | null;
}

/** A unit of an application. */
export interface Unit {
  /** `app/N`. */
  name: string;
  /** Application name. */
  app: string;
  /** Life. */
  life: Life;
  /** Workload status. */
  status: StatusRecord;
  /** Goal-state status override (defaults to the workload status, `dying` when dying). */
  goalStatus: string | null;
  /** Committed opened ports. */
  openedPorts: OpenedPort[];
  /** Charm state (`state-get`/`state-set`). */
  charmState: Bag;
  /** Storage ids attached to this unit. */
  storage: string[];
  /** Private address (`unit-get private-address`, default network). */
  privateAddress: string;
  /** Public address. */
  publicAddress: string;
  /** Binding name → network info; bindings not listed fall back to `privateAddress`. */
  networks: Record<string, NetworkInfo>;
  /** Machine id (machine models). */
  machineId: string;
  /** Principal unit for subordinates ('' otherwise). */
  principal: string;
  /** Set by `juju-reboot`: `after-hook` once the hook committed, `now` immediately. */
  rebootRequested: 'after-hook' | 'now' | null;
}

/** One side of a relation. */
export interface RelationEndpoint {
  /** Application name. */
  app: string;
  /** Endpoint name in that application's metadata. */
  name: string;
  /** Role of the endpoint. */
  role: 'provider' | 'requirer' | 'peer';
}

/** A relation between two endpoints (or one peer endpoint). */
export interface Relation {
  /** Relation id. */
  id: number;
  /** Interface name. */
  interface: string;
  /** `peer` (one endpoint), `subordinate` (container scope) or `regular`. */
  kind: 'regular' | 'peer' | 'subordinate';
  /** The endpoints: one for peers, two otherwise. */
  endpoints: RelationEndpoint[];
  /** Application data bags by app name. */
  appData: Record<string, Bag>;
  /** Unit data bags by unit name (departed units keep theirs). */
  unitData: Record<string, Bag>;
  /** Units currently in scope (joined and not departed). */
  scope: string[];
  /**
   * Per local unit, the remote units whose `-relation-joined` hook it has run (the uniter's relation
   * members): what its `relation-list` shows. A unit without an entry sees every remote unit in scope,
   * as in a relation built directly in that state (tests); the simulator starts each unit at `[]`.
   */
  joined?: Record<string, string[]>;
  /** Life: a dying relation is being broken. */
  life: Life;
  /** Remote model uuid (`relation-model-get`); the own model's uuid when local. */
  remoteModelUuid: string | null;
}

/** Owner of a secret. */
export interface SecretOwner {
  /** Owned by an application (leader manages) or a unit. */
  kind: 'application' | 'unit';
  /** Application or unit name. */
  name: string;
}

/** One revision of a secret. */
export interface SecretRevision {
  /** Revision number (from 1). */
  revision: number;
  /** Content: key → base64 value. */
  content: Bag;
  /** ISO-8601 creation time. */
  createdAt: string;
  /** ISO-8601 expiry of this revision, if any. */
  expireTime: string | null;
}

/** A grant of view access to a secret, scoped to a relation. */
export interface SecretGrant {
  /** Unit or application name. */
  target: string;
  /** Relation the grant belongs to; negative for a direct grant (a user secret, `juju grant-secret`). */
  relationId: number;
  /** Access role. */
  role: 'view' | 'manage';
}

/** Per-consumer-unit tracking of a secret. */
export interface SecretConsumer {
  /** Revision the unit tracks (0 until the first read). */
  revision: number;
  /** Consumer label set via `secret-get <id> --label`. */
  label: string | null;
}

/** The rotation policies a charm may set (juju/juju core/secrets/rotate.go). */
export const ROTATE_POLICIES = Object.freeze([
  'never',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
] as const);

/** A rotation policy (`secret-add --rotate`). */
export type RotatePolicy = (typeof ROTATE_POLICIES)[number];

/** A secret. */
export interface Secret {
  /** The 20-character xid (the URI is `secret:<id>`). */
  id: string;
  /** Owner. */
  owner: SecretOwner;
  /** Revisions, oldest first; removed revisions are deleted. */
  revisions: SecretRevision[];
  /** Latest revision number ever created. */
  latestRevision: number;
  /** Owner label. */
  label: string | null;
  /** Description. */
  description: string | null;
  /** Rotation policy. */
  rotatePolicy: RotatePolicy | null;
  /** ISO-8601 next rotation time. */
  nextRotateTime: string | null;
  /** Grants. */
  grants: SecretGrant[];
  /** Tracking and labels by consumer (or owner) unit name. */
  consumers: Record<string, SecretConsumer>;
}

/** A storage instance. */
export interface StorageInstance {
  /** `name/N`. */
  id: string;
  /** Storage name from metadata. */
  name: string;
  /** `block` or `filesystem`. */
  kind: 'block' | 'filesystem';
  /** Mount point or device path. */
  location: string;
  /** Attached unit, or null. */
  unit: string | null;
  /** Life. */
  life: Life;
}

/** Credential part of the cloud spec. */
export interface CloudCredential {
  /** Auth type, e.g. `userpass`, `certificate`. */
  authType: string;
  /** Credential attributes. */
  attrs: Record<string, string>;
}

/** The cloud spec returned by `credential-get`. */
export interface CloudSpec {
  /** Cloud type, e.g. `lxd`, `kubernetes`. */
  type: string;
  /** Cloud name. */
  name: string;
  /** Region. */
  region: string;
  /** API endpoint. */
  endpoint: string;
  /** Identity endpoint. */
  identityEndpoint: string;
  /** Storage endpoint. */
  storageEndpoint: string;
  /** Credential, or null. */
  credential: CloudCredential | null;
  /** CA certificates. */
  caCertificates: string[];
  /** Skip TLS verification. */
  skipTlsVerify: boolean;
  /** Whether this is the controller's cloud. */
  isControllerCloud: boolean;
}

/** Monotonic counters kept in the state so ids stay unique across saves. */
export interface Counters {
  /** Next relation id. */
  relation: number;
  /** Next action id. */
  action: number;
  /** Next storage index per storage name. */
  storage: Record<string, number>;
  /**
   * Next unit number per application name. Juju draws unit numbers from a sequence named after the
   * application (juju/juju `state/application.go`, `newUnitName`), so a removed unit's number is never
   * given again, even after scaling to 0. Absent in models saved before it was kept.
   */
  unit?: Record<string, number>;
  /** Next machine id of a machine model (juju's model-wide `machine` sequence); absent as `unit` is. */
  machine?: number;
}

/** The whole model. */
export interface ModelState {
  /** Model identity. */
  model: { name: string; uuid: string; type: ModelType };
  /** Applications by name. */
  applications: Record<string, Application>;
  /** Units by name. */
  units: Record<string, Unit>;
  /** Relations (by id; keys are the decimal id). */
  relations: Record<string, Relation>;
  /** Secrets by xid. */
  secrets: Record<string, Secret>;
  /** Storage instances by id. */
  storage: Record<string, StorageInstance>;
  /** Actions by id. */
  actions: Record<string, ActionRecord>;
  /** Cloud spec (null: none). */
  cloud: CloudSpec | null;
  /** `juju-log` lines, oldest first. */
  logs: LogEntry[];
  /** Status history, oldest first. */
  statusHistory: StatusHistoryEntry[];
  /** Id counters. */
  counters: Counters;
}
