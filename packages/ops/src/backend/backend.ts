import type { ConfigValue } from '../hooktools/config.js';
import type { GoalState } from '../hooktools/goal-state.js';
import type { StatusReading } from '../hooktools/status.js';

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
}
