/** Stored state (ops `StoredState`) persisted between dispatches. */
import type { JsonObject } from '@ops-ts/ops';
import { deepFreeze } from './freeze.js';

/** The saved content of one `StoredState` of an object. */
export interface StoredStateEntry {
  /** The name given to `new StoredState(owner, name, ...)` (default `stored`). */
  readonly name: string;
  /** Handle path of the owner (default: the charm, e.g. `MyCharm`; `''` for the framework's own). */
  readonly ownerPath?: string;
  /** The saved values. */
  readonly content: JsonObject;
}

/** A stored-state entry (defaults: name `stored`, owned by the charm). */
export function storedState(init: Partial<StoredStateEntry> = {}): StoredStateEntry {
  return deepFreeze({ ...init, name: init.name ?? 'stored', content: structuredClone(init.content ?? {}) });
}

/** The framework handle path a stored state is saved under. */
export function storedStatePath(entry: StoredStateEntry, charmPath: string): string {
  const owner = entry.ownerPath ?? charmPath;
  return `${owner === '' ? '' : `${owner}/`}StoredStateData[${entry.name}]`;
}
