import { assertJson, type JsonObject, type JsonValue } from './json.js';
import type { FrameworkObject } from './object.js';

/**
 * Typed state that persists across dispatches (ops's `StoredState`). Declare it on a charm or library
 * object with defaults; `data` holds the values, loaded from the framework store with the defaults
 * filling missing keys (ops's `set_default`). Mutate `data` freely, nested values included: at commit the
 * whole object is compared with what was loaded and saved when it differs. Values must be JSON data.
 *
 *     readonly stored = new StoredState(this, 'stored', { port: 8080, peers: [] as string[] });
 *     this.stored.data.port = 9090;
 */
export class StoredState<T extends { [key: string]: JsonValue }> {
  /** The handle path the state is saved under: `<owner path>/StoredStateData[<name>]`. */
  readonly path: string;
  /** The stored values. */
  readonly data: T;
  readonly #loaded: string;

  constructor(owner: FrameworkObject, name: string, defaults: T) {
    if (name === 'on') throw new Error('"on" is reserved and cannot name stored state');
    assertJson(defaults, `defaults of stored state ${name}`);
    this.path = owner.handle.nest('StoredStateData', name).path;
    const saved = owner.framework.snapshotAt(this.path);
    this.#loaded = JSON.stringify(saved ?? null);
    this.data = { ...structuredClone(defaults), ...(saved ? structuredClone(saved) : {}) } as T;
    owner.framework.addCommitParticipant(this);
  }

  /** Sets the keys that are not set yet (ops's `set_default`). */
  setDefault(values: Partial<T>): void {
    for (const [k, v] of Object.entries(values)) {
      if (!(k in this.data)) (this.data as Record<string, JsonValue>)[k] = v as JsonValue;
    }
  }

  /** Saves into the framework's snapshots when the data changed (called at commit). */
  saveTo(snapshots: Record<string, JsonObject>): void {
    assertJson(this.data, `stored state ${this.path}`);
    const now = JSON.stringify(this.data);
    if (now !== this.#loaded) snapshots[this.path] = JSON.parse(now) as JsonObject;
  }
}
