/** Stored state (ops `StoredState`) persisted between dispatches. */
import type { JsonObject, StoredState } from '@ops-ts/ops';
import { deepFreeze } from './freeze.js';

/** The saved content of one `StoredState` of an object. */
export interface StoredStateEntry<T extends JsonObject = JsonObject> {
  /** The name given to `new StoredState(owner, name, ...)` (default `stored`). */
  readonly name: string;
  /** Handle path of the owner (default: the charm, e.g. `MyCharm`; `''` for the framework's own). */
  readonly ownerPath?: string;
  /** The saved values. */
  readonly content: T;
}

/** The values of a `StoredState` declaration: `StoredContent<MyCharm['stored']>`. */
export type StoredContent<S> = S extends StoredState<infer T> ? T : JsonObject;

/**
 * A stored-state entry (defaults: name `stored`, owned by the charm). Typed against the charm's
 * declaration with `storedState<MyCharm['stored']>({ content: { port: 9090 } })`; keys left out take the
 * declaration's defaults in the charm, as ops's `set_default` does.
 */
export function storedState<S = StoredState<JsonObject>>(
  init: {
    readonly name?: string;
    readonly ownerPath?: string;
    readonly content?: Partial<StoredContent<S>>;
  } = {},
): StoredStateEntry {
  return deepFreeze({
    ...init,
    name: init.name ?? 'stored',
    content: structuredClone(init.content ?? {}) as JsonObject,
  });
}

/** The framework handle path a stored state is saved under. */
export function storedStatePath(entry: StoredStateEntry, charmPath: string): string {
  const owner = entry.ownerPath ?? charmPath;
  return `${owner === '' ? '' : `${owner}/`}StoredStateData[${entry.name}]`;
}
