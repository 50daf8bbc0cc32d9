import * as config from '../hooktools/config.js';
import * as goal from '../hooktools/goal-state.js';
import * as leader from '../hooktools/leader.js';
import * as log from '../hooktools/log.js';
import * as relation from '../hooktools/relation.js';
import { type Invoke, invoker, type ToolRunner } from '../hooktools/runner.js';
import * as state from '../hooktools/state.js';
import * as status from '../hooktools/status.js';
import * as version from '../hooktools/version.js';
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
}
