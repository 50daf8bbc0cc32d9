import * as action from '../hooktools/action.js';
import * as config from '../hooktools/config.js';
import * as credential from '../hooktools/credential.js';
import * as goal from '../hooktools/goal-state.js';
import * as leader from '../hooktools/leader.js';
import * as log from '../hooktools/log.js';
import * as network from '../hooktools/network.js';
import * as port from '../hooktools/port.js';
import * as reboot from '../hooktools/reboot.js';
import * as relation from '../hooktools/relation.js';
import * as resource from '../hooktools/resource.js';
import { type Invoke, invoker, type ToolRunner } from '../hooktools/runner.js';
import * as secret from '../hooktools/secret.js';
import * as state from '../hooktools/state.js';
import * as status from '../hooktools/status.js';
import * as storage from '../hooktools/storage.js';
import * as version from '../hooktools/version.js';
import type { JsonObject } from '../types/json.js';
import type { LogLevel, ModelBackend } from './backend.js';
import { mapToolError } from './map-error.js';

/** The production backend: each operation is one hook-tool call through the given runner. */
export class HookToolBackend implements ModelBackend {
  /** Runs a tool, mapping a failure to ModelError / RelationNotFoundError / SecretNotFoundError. */
  protected readonly run: Invoke;

  constructor(readonly runner: ToolRunner) {
    const raw = invoker(runner);
    this.run = (tool, args, stdin) => {
      try {
        return raw(tool, args, stdin);
      } catch (error) {
        throw mapToolError(error);
      }
    };
  }

  relationIds(endpoint: string): number[] {
    return relation.relationIds(this.run, endpoint);
  }
  relationList(endpoint: string, id: number): string[] {
    return relation.relationList(this.run, endpoint, id);
  }
  relationRemoteApp(endpoint: string, id: number): string | undefined {
    return relation.relationRemoteApp(this.run, endpoint, id);
  }
  relationGet(endpoint: string, id: number, member: string, isApp: boolean): Record<string, string> {
    return relation.relationGet(this.run, endpoint, id, member, isApp);
  }
  relationSet(endpoint: string, id: number, changes: Readonly<Record<string, string>>, isApp: boolean): void {
    relation.relationSet(this.run, endpoint, id, changes, isApp);
  }
  relationModelUuid(endpoint: string, id: number): string {
    return relation.relationModelGet(this.run, endpoint, id).uuid;
  }
  configGet() {
    return config.configGet(this.run);
  }
  isLeader(): boolean {
    return leader.isLeader(this.run);
  }
  statusGet(isApp: boolean) {
    return status.statusGet(this.run, isApp);
  }
  statusSet(isApp: boolean, name: string, message: string): void {
    status.statusSet(this.run, isApp, name, message);
  }
  jujuLog(level: LogLevel, message: string): void {
    log.jujuLog(this.run, level, message);
  }
  applicationVersionSet(v: string): void {
    version.applicationVersionSet(this.run, v);
  }
  goalState() {
    return goal.goalState(this.run);
  }
  stateGetAll(): Record<string, string> {
    return state.stateGetAll(this.run);
  }
  stateSet(entries: Readonly<Record<string, string>>): void {
    state.stateSet(this.run, entries);
  }
  stateDelete(key: string): void {
    state.stateDelete(this.run, key);
  }

  secretAdd(
    content: Readonly<Record<string, string>>,
    meta: secret.SecretMetadataArgs & { owner: secret.SecretOwner },
  ): string {
    return secret.secretAdd(this.run, content, meta);
  }
  secretGet(locator: secret.SecretLocator & { refresh?: boolean; peek?: boolean }): Record<string, string> {
    return secret.secretGet(this.run, locator);
  }
  secretInfoGet(locator: secret.SecretLocator): secret.SecretInfoReading {
    return secret.secretInfoGet(this.run, locator);
  }
  secretSet(
    id: string,
    options: secret.SecretMetadataArgs & { content?: Readonly<Record<string, string>> },
  ): void {
    secret.secretSet(this.run, id, options);
  }
  secretGrant(id: string, relationId: number, unit?: string): void {
    secret.secretGrant(this.run, id, relationId, unit);
  }
  secretRevoke(id: string, relationId: number, unit?: string): void {
    secret.secretRevoke(this.run, id, relationId, unit);
  }
  secretRemove(id: string, revision?: number): void {
    secret.secretRemove(this.run, id, revision);
  }
  secretIds(): string[] {
    return secret.secretIds(this.run);
  }
  actionGet(): JsonObject {
    return action.actionGet(this.run);
  }
  actionSet(results: Readonly<Record<string, string>>): void {
    action.actionSet(this.run, results);
  }
  actionLog(message: string): void {
    action.actionLog(this.run, message);
  }
  actionFail(message: string): void {
    action.actionFail(this.run, message);
  }
  openPort(protocol: string, portNumber?: number): void {
    port.openPort(this.run, protocol, portNumber);
  }
  closePort(protocol: string, portNumber?: number): void {
    port.closePort(this.run, protocol, portNumber);
  }
  openedPorts(): port.OpenedPortEntry[] {
    return port.openedPorts(this.run);
  }
  networkGet(binding: string, relationId?: number): network.NetworkInfo {
    return network.networkGet(this.run, binding, relationId);
  }
  storageList(name: string): number[] {
    return storage.storageList(this.run, name);
  }
  storageGet(storageId: string): storage.StorageDetails {
    return storage.storageGet(this.run, storageId);
  }
  storageAdd(name: string, count: number): void {
    storage.storageAdd(this.run, name, count);
  }
  storageHookId(): string | undefined {
    return storage.storageHookId(this.run);
  }
  resourceGet(name: string): string {
    return resource.resourceGet(this.run, name);
  }
  credentialGet(): credential.CloudSpec {
    return credential.credentialGet(this.run);
  }
  reboot(now: boolean): void {
    reboot.jujuReboot(this.run, now);
  }
}
