// `juju status --format json` → typed Status, field for field as jubilant's `_from_dict` methods
// (canonical/jubilant jubilant/statustypes.py), including its handling of `status-error` entries.
import { bool, isObject, type JsonObject, mapOf, num, obj, str, strs } from './json.js';
import type {
  AppStatus,
  CombinedStorage,
  EntityStatus,
  FilesystemAttachment,
  FormattedBase,
  MachineStatus,
  ModelStatus,
  NetworkInterface,
  OfferStatus,
  RemoteAppStatus,
  RemoteEndpoint,
  Status,
  StatusInfo,
  UnitStatus,
  UnitStorageAttachment,
  VolumeAttachment,
} from './status-types.js';

const EMPTY_INFO: StatusInfo = { current: '', message: '', reason: '', since: '', version: '', life: '' };

/** A StatusInfo saying `failed` with Juju's `status-error` text. */
const failed = (message: string): StatusInfo => ({ ...EMPTY_INFO, current: 'failed', message });

function statusInfo(d: JsonObject | undefined): StatusInfo {
  if (!d) return EMPTY_INFO;
  if ('status-error' in d) return failed(str(d, 'status-error'));
  return {
    current: str(d, 'current'),
    message: str(d, 'message'),
    reason: str(d, 'reason'),
    since: str(d, 'since'),
    version: str(d, 'version'),
    life: str(d, 'life'),
  };
}

const infoAt = (d: JsonObject, key: string) => (isObject(d[key]) ? statusInfo(d[key]) : EMPTY_INFO);

function base(d: JsonObject): FormattedBase | undefined {
  const b = d.base;
  return isObject(b) ? { name: str(b, 'name'), channel: str(b, 'channel') } : undefined;
}

function unitStatus(d: JsonObject): UnitStatus {
  const error = 'status-error' in d ? failed(str(d, 'status-error')) : undefined;
  return {
    workloadStatus: error ?? infoAt(d, 'workload-status'),
    jujuStatus: error ?? infoAt(d, 'juju-status'),
    leader: error ? false : bool(d, 'leader'),
    upgradingFrom: str(d, 'upgrading-from'),
    machine: str(d, 'machine'),
    openPorts: strs(d, 'open-ports'),
    publicAddress: str(d, 'public-address'),
    address: str(d, 'address'),
    providerId: str(d, 'provider-id'),
    subordinates: mapOf(d, 'subordinates', unitStatus),
  };
}

function appStatus(d: JsonObject): AppStatus {
  const error = 'status-error' in d;
  return {
    charm: error ? '<failed>' : str(d, 'charm'),
    charmOrigin: error ? '<failed>' : str(d, 'charm-origin'),
    charmName: error ? '<failed>' : str(d, 'charm-name'),
    charmRev: error ? -1 : num(d, 'charm-rev', 0),
    exposed: bool(d, 'exposed'),
    base: base(d),
    charmChannel: str(d, 'charm-channel'),
    charmVersion: str(d, 'charm-version'),
    charmProfile: str(d, 'charm-profile'),
    canUpgradeTo: str(d, 'can-upgrade-to'),
    scale: num(d, 'scale', 0),
    providerId: str(d, 'provider-id'),
    address: str(d, 'address'),
    life: str(d, 'life'),
    appStatus: error ? failed(str(d, 'status-error')) : infoAt(d, 'application-status'),
    relations: Object.fromEntries(
      Object.entries(obj(d, 'relations')).map(([endpoint, list]) => [
        endpoint,
        (Array.isArray(list) ? list : []).filter(isObject).map((r) => ({
          relatedApp: str(r, 'related-application'),
          interface: str(r, 'interface'),
          scope: str(r, 'scope'),
        })),
      ]),
    ),
    subordinateTo: strs(d, 'subordinate-to'),
    units: mapOf(d, 'units', unitStatus),
    version: str(d, 'version'),
    endpointBindings: Object.fromEntries(
      Object.entries(obj(d, 'endpoint-bindings')).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
    ),
  };
}

const entityStatus = (d: JsonObject): EntityStatus => ({
  current: str(d, 'current'),
  message: str(d, 'message'),
  since: str(d, 'since'),
});

const unitAttachment = (d: JsonObject): UnitStorageAttachment => ({
  machine: str(d, 'machine'),
  location: str(d, 'location'),
  life: str(d, 'life'),
});

const fsAttachment = (d: JsonObject): FilesystemAttachment => ({
  mountPoint: str(d, 'mount-point'),
  readOnly: bool(d, 'read-only'),
  life: str(d, 'life'),
});

const volAttachment = (d: JsonObject): VolumeAttachment => ({
  readOnly: bool(d, 'read-only'),
  device: str(d, 'device'),
  deviceLink: str(d, 'device-link'),
  busAddress: str(d, 'bus-address'),
  life: str(d, 'life'),
});

function storage(d: JsonObject): CombinedStorage {
  return {
    storage: mapOf(d, 'storage', (s) => ({
      kind: str(s, 'kind'),
      status: entityStatus(obj(s, 'status')),
      persistent: bool(s, 'persistent'),
      life: str(s, 'life'),
      attachments: mapOf(obj(s, 'attachments'), 'units', unitAttachment),
    })),
    filesystems: mapOf(d, 'filesystems', (f) => {
      const a = obj(f, 'attachments');
      return {
        size: num(f, 'size'),
        providerId: str(f, 'provider-id'),
        volume: str(f, 'volume'),
        storage: str(f, 'storage'),
        attachments: {
          machines: mapOf(a, 'machines', fsAttachment),
          containers: mapOf(a, 'containers', fsAttachment),
          units: mapOf(a, 'units', unitAttachment),
        },
        pool: str(f, 'pool'),
        life: str(f, 'life'),
        status: entityStatus(obj(f, 'status')),
      };
    }),
    volumes: mapOf(d, 'volumes', (v) => {
      const a = obj(v, 'attachments');
      return {
        size: num(v, 'size'),
        persistent: bool(v, 'persistent'),
        providerId: str(v, 'provider-id'),
        storage: str(v, 'storage'),
        attachments: {
          machines: mapOf(a, 'machines', volAttachment),
          containers: mapOf(a, 'containers', volAttachment),
          units: mapOf(a, 'units', unitAttachment),
        },
        pool: str(v, 'pool'),
        hardwareId: str(v, 'hardware-id'),
        wwn: str(v, 'wwn'),
        life: str(v, 'life'),
        status: entityStatus(obj(v, 'status')),
      };
    }),
  };
}

const networkInterface = (d: JsonObject): NetworkInterface => ({
  ipAddresses: strs(d, 'ip-addresses'),
  macAddress: str(d, 'mac-address'),
  isUp: bool(d, 'is-up'),
  gateway: str(d, 'gateway'),
  dnsNameservers: strs(d, 'dns-nameservers'),
  space: str(d, 'space'),
});

function machineStatus(d: JsonObject): MachineStatus {
  const error = 'status-error' in d ? failed(str(d, 'status-error')) : undefined;
  return {
    jujuStatus: error ?? infoAt(d, 'juju-status'),
    hostname: str(d, 'hostname'),
    dnsName: str(d, 'dns-name'),
    ipAddresses: strs(d, 'ip-addresses'),
    instanceId: str(d, 'instance-id'),
    displayName: str(d, 'display-name'),
    machineStatus: error ?? infoAt(d, 'machine-status'),
    modificationStatus: infoAt(d, 'modification-status'),
    base: base(d),
    networkInterfaces: mapOf(d, 'network-interfaces', networkInterface),
    containers: mapOf(d, 'containers', machineStatus),
    constraints: str(d, 'constraints'),
    hardware: str(d, 'hardware'),
    controllerMemberStatus: str(d, 'controller-member-status'),
    haPrimary: bool(d, 'ha-primary'),
  };
}

function modelStatus(d: JsonObject): ModelStatus {
  return {
    name: str(d, 'name'),
    type: str(d, 'type'),
    controller: str(d, 'controller'),
    cloud: str(d, 'cloud'),
    version: str(d, 'version'),
    region: str(d, 'region'),
    upgradeAvailable: str(d, 'upgrade-available'),
    modelStatus: infoAt(d, 'model-status'),
  };
}

const endpoints = (d: JsonObject): Record<string, RemoteEndpoint> =>
  mapOf(d, 'endpoints', (e) => ({ interface: str(e, 'interface'), role: str(e, 'role') }));

function offerStatus(d: JsonObject): OfferStatus {
  if ('status-error' in d)
    return {
      app: `<failed> (${str(d, 'status-error')})`,
      endpoints: {},
      charm: '',
      totalConnectedCount: 0,
      activeConnectedCount: 0,
    };
  return {
    app: str(d, 'application'),
    endpoints: endpoints(d),
    charm: str(d, 'charm'),
    totalConnectedCount: num(d, 'total-connected-count'),
    activeConnectedCount: num(d, 'active-connected-count'),
  };
}

function remoteAppStatus(d: JsonObject): RemoteAppStatus {
  if ('status-error' in d)
    return {
      url: '<failed>',
      endpoints: {},
      life: '',
      appStatus: failed(str(d, 'status-error')),
      relations: {},
    };
  return {
    url: str(d, 'url'),
    endpoints: endpoints(d),
    life: str(d, 'life'),
    appStatus: infoAt(d, 'application-status'),
    relations: Object.fromEntries(
      Object.entries(obj(d, 'relations')).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : []]),
    ),
  };
}

/** Parses the output of `juju status --format json`; fails in one line if it is not a status. */
export function parseStatus(output: unknown): Status {
  if (!isObject(output) || !isObject(output.model))
    throw new Error('juju status: output has no "model" object (is it `juju status --format json`?)');
  return {
    model: modelStatus(output.model),
    machines: mapOf(output, 'machines', machineStatus),
    apps: mapOf(output, 'applications', appStatus),
    appEndpoints: mapOf(output, 'application-endpoints', remoteAppStatus),
    offers: mapOf(output, 'offers', offerStatus),
    storage: storage(obj(output, 'storage')),
    controller: { timestamp: str(obj(output, 'controller'), 'timestamp') },
  };
}

/**
 * The units of `app`, including a subordinate application's units (found under its principals' units
 * through `subordinateTo`, as jubilant's `Status.get_units`). Empty when the app is not in the status.
 */
export function getUnits(status: Status, app: string): Readonly<Record<string, UnitStatus>> {
  const info = status.apps[app];
  if (!info) return {};
  if (info.subordinateTo.length === 0) return info.units;
  const units: Record<string, UnitStatus> = {};
  for (const principal of info.subordinateTo)
    for (const unit of Object.values(status.apps[principal]?.units ?? {}))
      for (const [name, sub] of Object.entries(unit.subordinates))
        if (name.startsWith(`${app}/`)) units[name] = sub;
  return units;
}

/** A few lines naming each app's and unit's status and message, for wait errors. */
export function describeStatus(status: Status): string {
  const line = (name: string, s: StatusInfo, agent?: StatusInfo) =>
    `${name}: ${s.current || 'unknown'}${s.message ? ` (${s.message})` : ''}${agent?.current ? ` [agent ${agent.current}]` : ''}`;
  const lines = [`model ${status.model.name} (${status.model.type})`];
  for (const [name, app] of Object.entries(status.apps).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`  ${line(name, app.appStatus)}`);
    for (const [unit, u] of Object.entries(getUnits(status, name)).sort(([a], [b]) => a.localeCompare(b)))
      lines.push(`    ${line(unit, u.workloadStatus, u.jujuStatus)}`);
  }
  return lines.join('\n');
}
