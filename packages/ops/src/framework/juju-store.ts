import type { ModelBackend } from '../backend/backend.js';
import type { JsonObject } from './json.js';
import {
  type FrameworkStore,
  type Notice,
  StateCorruptError,
  type StoreData,
  validateStoreData,
} from './store.js';

/** Juju's per-entry limits on charm state (juju-hook-tools.md §4). */
export const STATE_KEY_MAX_BYTES = 256;
/** Juju's per-value limit on charm state. */
export const STATE_VALUE_MAX_BYTES = 65536;

const NOTICES_KEY = '#notices#';
const SNAPSHOT_PREFIX = 'snapshot:';

/** A value or key that Juju's charm state would refuse; raised before any tool runs. */
export class StateTooLargeError extends Error {
  override name = 'StateTooLargeError';
}

/**
 * Framework state in Juju's server-side charm state (`state-get`/`state-set`/`state-delete`), which
 * survives pod churn. One key per snapshot (`snapshot:<handle path>`, JSON) and one for the notice queue,
 * as ops keeps one key per snapshot. Costs one `state-get` per dispatch and, at commit, one `state-set` for
 * every changed key plus one `state-delete` per removed key.
 */
export class JujuStore implements FrameworkStore {
  #loaded: Record<string, string> = {};

  constructor(private readonly backend: ModelBackend) {}

  load(): StoreData {
    this.#loaded = this.backend.stateGetAll();
    const snapshots: Record<string, JsonObject> = {};
    let notices: Notice[] = [];
    for (const [key, value] of Object.entries(this.#loaded)) {
      try {
        if (key === NOTICES_KEY) notices = JSON.parse(value) as Notice[];
        else if (key.startsWith(SNAPSHOT_PREFIX))
          snapshots[key.slice(SNAPSHOT_PREFIX.length)] = JSON.parse(value) as JsonObject;
      } catch (error) {
        throw new StateCorruptError(
          `Juju charm state key ${JSON.stringify(key)} is not JSON: ${(error as Error).message}`,
        );
      }
    }
    return validateStoreData({ snapshots, notices }, 'Juju charm state');
  }

  save(data: StoreData): void {
    const next: Record<string, string> = {};
    for (const [path, snap] of Object.entries(data.snapshots))
      next[SNAPSHOT_PREFIX + path] = JSON.stringify(snap);
    if (data.notices.length > 0) next[NOTICES_KEY] = JSON.stringify(data.notices);
    const changed: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) {
      if (Buffer.byteLength(key) > STATE_KEY_MAX_BYTES) {
        throw new StateTooLargeError(
          `charm state key ${JSON.stringify(key.slice(0, 80))}… is ${Buffer.byteLength(key)} bytes; Juju allows ${STATE_KEY_MAX_BYTES}`,
        );
      }
      if (Buffer.byteLength(value) > STATE_VALUE_MAX_BYTES) {
        throw new StateTooLargeError(
          `charm state value for ${JSON.stringify(key)} is ${Buffer.byteLength(value)} bytes; Juju allows ${STATE_VALUE_MAX_BYTES}`,
        );
      }
      if (this.#loaded[key] !== value) changed[key] = value;
    }
    if (Object.keys(changed).length > 0) this.backend.stateSet(changed);
    for (const key of Object.keys(this.#loaded)) {
      const ours = key === NOTICES_KEY || key.startsWith(SNAPSHOT_PREFIX);
      if (ours && !(key in next)) this.backend.stateDelete(key);
    }
    this.#loaded = next;
  }
}
