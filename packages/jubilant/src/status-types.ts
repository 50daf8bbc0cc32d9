// Typed `juju status --format json` (Juju 3.6), as jubilant's dataclasses (canonical/jubilant
// jubilant/statustypes.py, generated there from juju/juju's cmd/juju/status formatted types): the same
// fields, camelCased, with "application" shortened to "app" as jubilant does. Missing strings are `''`,
// missing lists and maps empty.

/** Base of a machine or application, for example `{ name: 'ubuntu', channel: '22.04' }`. */
export interface FormattedBase {
  readonly name: string;
  readonly channel: string;
}

/** An application, unit, machine or model status. `current` is `failed` (with the error as message)
 * where Juju reported `status-error` for the entity. */
export interface StatusInfo {
  readonly current: string;
  readonly message: string;
  readonly reason: string;
  readonly since: string;
  readonly version: string;
  readonly life: string;
}

/** One end of an application's relation on an endpoint. */
export interface AppStatusRelation {
  readonly relatedApp: string;
  readonly interface: string;
  readonly scope: string;
}

/** A unit: workload and agent status, leadership, addresses, ports, subordinates. */
export interface UnitStatus {
  readonly workloadStatus: StatusInfo;
  readonly jujuStatus: StatusInfo;
  readonly leader: boolean;
  readonly upgradingFrom: string;
  readonly machine: string;
  readonly openPorts: readonly string[];
  readonly publicAddress: string;
  readonly address: string;
  readonly providerId: string;
  readonly subordinates: Readonly<Record<string, UnitStatus>>;
}

/** An application: its charm, scale, status, relations and units. */
export interface AppStatus {
  readonly charm: string;
  readonly charmOrigin: string;
  readonly charmName: string;
  /** Charm revision; -1 where Juju reported `status-error` for the application. */
  readonly charmRev: number;
  readonly exposed: boolean;
  readonly base: FormattedBase | undefined;
  readonly charmChannel: string;
  readonly charmVersion: string;
  readonly charmProfile: string;
  readonly canUpgradeTo: string;
  readonly scale: number;
  readonly providerId: string;
  readonly address: string;
  readonly life: string;
  readonly appStatus: StatusInfo;
  /** Endpoint name → the relations on it. */
  readonly relations: Readonly<Record<string, readonly AppStatusRelation[]>>;
  readonly subordinateTo: readonly string[];
  readonly units: Readonly<Record<string, UnitStatus>>;
  readonly version: string;
  readonly endpointBindings: Readonly<Record<string, string>>;
}

/** Status of a storage entity. */
export interface EntityStatus {
  readonly current: string;
  readonly message: string;
  readonly since: string;
}

/** Where a storage instance is attached to a unit. */
export interface UnitStorageAttachment {
  readonly machine: string;
  readonly location: string;
  readonly life: string;
}

/** A storage instance. */
export interface StorageInfo {
  readonly kind: string;
  readonly status: EntityStatus;
  readonly persistent: boolean;
  readonly life: string;
  /** Unit name → attachment. */
  readonly attachments: Readonly<Record<string, UnitStorageAttachment>>;
}

/** A filesystem attached to a machine or container. */
export interface FilesystemAttachment {
  readonly mountPoint: string;
  readonly readOnly: boolean;
  readonly life: string;
}

/** A filesystem. */
export interface FilesystemInfo {
  readonly size: number;
  readonly providerId: string;
  readonly volume: string;
  readonly storage: string;
  readonly attachments: {
    readonly machines: Readonly<Record<string, FilesystemAttachment>>;
    readonly containers: Readonly<Record<string, FilesystemAttachment>>;
    readonly units: Readonly<Record<string, UnitStorageAttachment>>;
  };
  readonly pool: string;
  readonly life: string;
  readonly status: EntityStatus;
}

/** A volume attached to a machine or container. */
export interface VolumeAttachment {
  readonly readOnly: boolean;
  readonly device: string;
  readonly deviceLink: string;
  readonly busAddress: string;
  readonly life: string;
}

/** A volume. */
export interface VolumeInfo {
  readonly size: number;
  readonly persistent: boolean;
  readonly providerId: string;
  readonly storage: string;
  readonly attachments: {
    readonly machines: Readonly<Record<string, VolumeAttachment>>;
    readonly containers: Readonly<Record<string, VolumeAttachment>>;
    readonly units: Readonly<Record<string, UnitStorageAttachment>>;
  };
  readonly pool: string;
  readonly hardwareId: string;
  readonly wwn: string;
  readonly life: string;
  readonly status: EntityStatus;
}

/** The model's storage, filesystems and volumes. */
export interface CombinedStorage {
  readonly storage: Readonly<Record<string, StorageInfo>>;
  readonly filesystems: Readonly<Record<string, FilesystemInfo>>;
  readonly volumes: Readonly<Record<string, VolumeInfo>>;
}

/** A machine's network interface. */
export interface NetworkInterface {
  readonly ipAddresses: readonly string[];
  readonly macAddress: string;
  readonly isUp: boolean;
  readonly gateway: string;
  readonly dnsNameservers: readonly string[];
  readonly space: string;
}

/** A machine (IAAS models): agent and instance status, addresses, base, containers. */
export interface MachineStatus {
  readonly jujuStatus: StatusInfo;
  readonly hostname: string;
  readonly dnsName: string;
  readonly ipAddresses: readonly string[];
  readonly instanceId: string;
  readonly displayName: string;
  readonly machineStatus: StatusInfo;
  readonly modificationStatus: StatusInfo;
  readonly base: FormattedBase | undefined;
  readonly networkInterfaces: Readonly<Record<string, NetworkInterface>>;
  readonly containers: Readonly<Record<string, MachineStatus>>;
  readonly constraints: string;
  readonly hardware: string;
  readonly controllerMemberStatus: string;
  readonly haPrimary: boolean;
}

/** The model: name, type (`caas` for Kubernetes, `iaas` for machines), controller, cloud, version. */
export interface ModelStatus {
  readonly name: string;
  readonly type: string;
  readonly controller: string;
  readonly cloud: string;
  readonly version: string;
  readonly region: string;
  readonly upgradeAvailable: string;
  readonly modelStatus: StatusInfo;
}

/** An endpoint of an offer or a remote application. */
export interface RemoteEndpoint {
  readonly interface: string;
  readonly role: string;
}

/** An application offered to other models. */
export interface OfferStatus {
  readonly app: string;
  readonly endpoints: Readonly<Record<string, RemoteEndpoint>>;
  readonly charm: string;
  readonly totalConnectedCount: number;
  readonly activeConnectedCount: number;
}

/** An application of another model consumed by this one. */
export interface RemoteAppStatus {
  readonly url: string;
  readonly endpoints: Readonly<Record<string, RemoteEndpoint>>;
  readonly life: string;
  readonly appStatus: StatusInfo;
  readonly relations: Readonly<Record<string, readonly string[]>>;
}

/** `juju status --format json`, parsed. */
export interface Status {
  readonly model: ModelStatus;
  /** Machine id (for example `"0"`) → machine; empty on Kubernetes models. */
  readonly machines: Readonly<Record<string, MachineStatus>>;
  /** Application name → application. */
  readonly apps: Readonly<Record<string, AppStatus>>;
  /** Remote (consumed) application name → its status. */
  readonly appEndpoints: Readonly<Record<string, RemoteAppStatus>>;
  /** Offer name → offer. */
  readonly offers: Readonly<Record<string, OfferStatus>>;
  readonly storage: CombinedStorage;
  /** The controller's clock when the status was taken. */
  readonly controller: { readonly timestamp: string };
}
