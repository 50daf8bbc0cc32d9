import type { ConfigValue } from '../hooktools/config.js';
import type { CloudSpec } from '../hooktools/credential.js';
import type { GoalState } from '../hooktools/goal-state.js';
import type { NetworkInfo } from '../hooktools/network.js';
import type { OpenedPortEntry } from '../hooktools/port.js';
import type {
  SecretInfoReading,
  SecretLocator,
  SecretMetadataArgs,
  SecretOwner,
} from '../hooktools/secret.js';
import type { StatusReading } from '../hooktools/status.js';
import type { StorageDetails } from '../hooktools/storage.js';
import type { JsonObject } from '../types/json.js';

/** The log levels Juju's `juju-log` accepts, lowest first. */
export type LogLevel = 'TRACE' | 'DEBUG' | 'INFO' | 'WARNING' | 'ERROR' | 'CRITICAL';

/**
 * Every Juju operation the model needs, one method each. The production implementation runs hook tools;
 * anything else (the testing kit, a simulator) may provide its own. Methods throw ModelError and its
 * subclasses, as ops's backend does.
 */
export interface ModelBackend {
  relationIds(endpoint: string): number[];
  relationList(endpoint: string, id: number): string[];
  relationRemoteApp(endpoint: string, id: number): string | undefined;
  relationGet(endpoint: string, id: number, member: string, isApp: boolean): Record<string, string>;
  relationSet(endpoint: string, id: number, changes: Readonly<Record<string, string>>, isApp: boolean): void;
  relationModelUuid(endpoint: string, id: number): string;
  configGet(): Record<string, ConfigValue>;
  isLeader(): boolean;
  statusGet(isApp: boolean): StatusReading;
  statusSet(isApp: boolean, status: string, message: string): void;
  jujuLog(level: LogLevel, message: string): void;
  applicationVersionSet(version: string): void;
  goalState(): GoalState;
  stateGetAll(): Record<string, string>;
  stateSet(entries: Readonly<Record<string, string>>): void;
  stateDelete(key: string): void;

  // Secrets. Content crosses this interface only as values, never as argv.
  secretAdd(
    content: Readonly<Record<string, string>>,
    meta: SecretMetadataArgs & { owner: SecretOwner },
  ): string;
  secretGet(locator: SecretLocator & { refresh?: boolean; peek?: boolean }): Record<string, string>;
  secretInfoGet(locator: SecretLocator): SecretInfoReading;
  secretSet(id: string, options: SecretMetadataArgs & { content?: Readonly<Record<string, string>> }): void;
  secretGrant(id: string, relationId: number, unit?: string): void;
  secretRevoke(id: string, relationId: number, unit?: string): void;
  secretRemove(id: string, revision?: number): void;
  secretIds(): string[];

  // Actions (valid only in an action dispatch).
  actionGet(): JsonObject;
  /** Results already flattened to dotted keys and validated. */
  actionSet(results: Readonly<Record<string, string>>): void;
  actionLog(message: string): void;
  actionFail(message: string): void;

  // Ports, network, storage, resources, cloud, reboot.
  openPort(protocol: string, port?: number): void;
  closePort(protocol: string, port?: number): void;
  openedPorts(): OpenedPortEntry[];
  networkGet(binding: string, relationId?: number): NetworkInfo;
  storageList(name: string): number[];
  storageGet(storageId: string): StorageDetails;
  storageAdd(name: string, count: number): void;
  /** The storage id of the current storage hook when `JUJU_STORAGE_ID` is missing (old Juju). */
  storageHookId(): string | undefined;
  resourceGet(name: string): string;
  credentialGet(): CloudSpec;
  reboot(now: boolean): void;
}
