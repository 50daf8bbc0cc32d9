/** Status of a service: `active`, `inactive`, `error` or `backoff`. */
export type ServiceStatus = 'active' | 'inactive' | 'error' | 'backoff';

/** Status of a check: `up`, `down` or `inactive` (stopped). */
export type CheckStatus = 'up' | 'down' | 'inactive';

/** A change or task status as Pebble reports it (`Do`, `Doing`, `Done`, `Error`, ...). */
export type ChangeStatus =
  | 'Do'
  | 'Doing'
  | 'Done'
  | 'Abort'
  | 'Undo'
  | 'Undoing'
  | 'Undone'
  | 'Hold'
  | 'Error'
  | 'Wait';

/** Result of `GET /v1/system-info`. */
export interface SystemInfo {
  version: string;
  'boot-id'?: string;
}

/** Result of `GET /v1/services`: one service's state. */
export interface ServiceInfo {
  name: string;
  startup: 'enabled' | 'disabled' | '';
  current: ServiceStatus;
  'current-since'?: string;
}

/** Progress of a task. */
export interface TaskProgress {
  label: string;
  done: number;
  total: number;
}

/** One task of a change. */
export interface Task {
  id: string;
  kind: string;
  summary: string;
  status: ChangeStatus;
  log: string[];
  progress: TaskProgress;
  'spawn-time': string;
  'ready-time'?: string;
  data: Record<string, unknown>;
}

/** A Pebble change (a unit of work such as starting services or running a command). */
export interface Change {
  id: string;
  kind: string;
  summary: string;
  status: ChangeStatus;
  tasks: Task[];
  ready: boolean;
  err?: string;
  'spawn-time': string;
  'ready-time'?: string;
  data: Record<string, unknown>;
}

/** Result of `GET /v1/checks`: one check's state. */
export interface CheckInfo {
  name: string;
  level: 'alive' | 'ready' | '';
  startup: 'enabled' | 'disabled' | '';
  status: CheckStatus;
  successes?: number;
  failures: number;
  threshold: number;
  'change-id'?: string;
}

/** A notice (an aggregated event recorded by Pebble). */
export interface Notice {
  id: string;
  'user-id': number | null;
  type: string;
  key: string;
  'first-occurred': string;
  'last-occurred': string;
  'last-repeated': string;
  occurrences: number;
  'last-data'?: Record<string, string>;
  'repeat-after'?: string;
  'expire-after'?: string;
}

/** Type of a filesystem entry as Pebble reports it. */
export type FileType = 'file' | 'directory' | 'symlink' | 'socket' | 'named-pipe' | 'device' | 'unknown';

/** Result entry of `GET /v1/files?action=list`. */
export interface FileInfo {
  path: string;
  name: string;
  type: FileType;
  size?: number;
  /** Octal permission bits as a string, e.g. `644`. */
  permissions: string;
  'last-modified': string;
  'user-id'?: number | null;
  user?: string;
  'group-id'?: number | null;
  group?: string;
}

/** Result of `GET /v1/health`. */
export interface Health {
  healthy: boolean;
}
