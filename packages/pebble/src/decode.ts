import type { Change, CheckInfo, FileInfo, Notice, ServiceInfo, SystemInfo, Task } from './api-types.js';
import { ProtocolError } from './errors.js';

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Require a JSON object result; ProtocolError naming the endpoint otherwise. */
export function expectObject(value: unknown, endpoint: string): Json {
  if (!isRecord(value)) throw new ProtocolError(`expected an object result from ${endpoint}`);
  return value;
}

/** Require a JSON array result (Pebble may send null for empty); ProtocolError otherwise. */
export function expectArray(value: unknown, endpoint: string): Json[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isRecord)) {
    throw new ProtocolError(`expected a list result from ${endpoint}`);
  }
  return value;
}

// Pebble omits empty fields; fill them so callers can rely on the types.
function toTask(raw: Json): Task {
  return {
    ...(raw as unknown as Task),
    log: Array.isArray(raw.log) ? (raw.log as string[]) : [],
    progress: isRecord(raw.progress)
      ? (raw.progress as unknown as Task['progress'])
      : { label: '', done: 0, total: 0 },
    data: isRecord(raw.data) ? raw.data : {},
  };
}

/** Decode a change from its JSON form. */
export function toChange(raw: unknown, endpoint: string): Change {
  const obj = expectObject(raw, endpoint);
  if (typeof obj.id !== 'string' || typeof obj.ready !== 'boolean') {
    throw new ProtocolError(`malformed change from ${endpoint}`);
  }
  const change: Change = {
    ...(obj as unknown as Change),
    tasks: expectArray(obj.tasks, endpoint).map(toTask),
    data: isRecord(obj.data) ? obj.data : {},
  };
  if (!change.err) delete change.err;
  return change;
}

/** Decode the system info result. */
export function toSystemInfo(raw: unknown, endpoint: string): SystemInfo {
  const obj = expectObject(raw, endpoint);
  if (typeof obj.version !== 'string') throw new ProtocolError(`no version in result of ${endpoint}`);
  return obj as unknown as SystemInfo;
}

/** Decode a list of service infos. */
export function toServiceInfos(raw: unknown, endpoint: string): ServiceInfo[] {
  return expectArray(raw, endpoint).map((s) => ({ startup: '', ...s }) as unknown as ServiceInfo);
}

/** Decode a list of check infos. */
export function toCheckInfos(raw: unknown, endpoint: string): CheckInfo[] {
  return expectArray(raw, endpoint).map(
    (c) => ({ level: '', startup: '', failures: 0, threshold: 0, ...c }) as unknown as CheckInfo,
  );
}

/** Decode one notice. */
export function toNotice(raw: unknown, endpoint: string): Notice {
  const obj = expectObject(raw, endpoint);
  return { 'user-id': null, ...obj } as unknown as Notice;
}

/** Decode a list of file infos. */
export function toFileInfos(raw: unknown, endpoint: string): FileInfo[] {
  return expectArray(raw, endpoint) as unknown as FileInfo[];
}
