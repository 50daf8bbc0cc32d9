import type { JsonObject } from './json.js';

/** One queued delivery of a deferred (or in-flight) event to one observer method. */
export interface Notice {
  sequence: number;
  eventPath: string;
  observerPath: string;
  methodName: string;
}

/** Everything the framework persists between dispatches: event snapshots, stored state, and notices. */
export interface StoreData {
  snapshots: Record<string, JsonObject>;
  notices: Notice[];
}

/** Where framework state lives. `load` once per dispatch; `save` once, at a successful commit. */
export interface FrameworkStore {
  load(): StoreData;
  save(data: StoreData): void;
}

/** The framework state cannot be read back; it is reported and left in place, never silently reset. */
export class StateCorruptError extends Error {
  override name = 'StateCorruptError';
}

/** Checks the shape of loaded state, naming what is wrong. */
export function validateStoreData(raw: unknown, where: string): StoreData {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new StateCorruptError(`${where}: expected an object with "snapshots" and "notices"`);
  }
  const { snapshots, notices } = raw as Partial<StoreData>;
  if (!snapshots || typeof snapshots !== 'object' || Array.isArray(snapshots)) {
    throw new StateCorruptError(`${where}: "snapshots" is missing or not an object`);
  }
  if (!Array.isArray(notices)) throw new StateCorruptError(`${where}: "notices" is missing or not a list`);
  for (const n of notices) {
    if (
      typeof n?.sequence !== 'number' ||
      typeof n.eventPath !== 'string' ||
      typeof n.observerPath !== 'string' ||
      typeof n.methodName !== 'string'
    ) {
      throw new StateCorruptError(`${where}: malformed notice ${JSON.stringify(n)}`);
    }
  }
  // Paths are keys of a prototype-free map: a path such as `toString` finds nothing, not Object's method.
  return { snapshots: Object.assign(Object.create(null) as StoreData['snapshots'], snapshots), notices };
}
