import type { ModelBackend } from '../backend/backend.js';
import { RelationNotFoundError } from '../backend/errors.js';
import { RelationDataAccessError, RelationDataTypeError } from '../model/errors.js';
import type { Application, Unit } from './entities.js';

/** Who is asking, so a bag can check Juju's access rules locally. */
export interface BagAccess {
  /** The bag belongs to this unit, or to this unit's application. */
  readonly local: boolean;
  readonly isApp: boolean;
  readonly isPeer: boolean;
  readonly ownUnitName: string;
  isLeader(): boolean;
}

/**
 * One relation data bag (a unit's or an application's), Map-like with string keys and values.
 *
 * Reads load the whole bag with one `relation-get` and are cached for the dispatch. Writes are checked
 * (types, ownership, leadership) at once and applied to the cache at once, so reads see them; they reach
 * Juju as ONE `relation-set` per changed bag when the framework commits. Juju holds relation writes until
 * the hook ends and applies all or none, so this is equivalent to ops's call per write, and cheaper.
 */
export class RelationDataContent implements Iterable<[string, string]> {
  #data: Map<string, string> | undefined;
  #pending = new Map<string, string>();

  constructor(
    private readonly backend: ModelBackend,
    private readonly endpoint: string,
    private readonly relationId: number,
    /** The unit or application this bag belongs to. */
    readonly entity: Unit | Application,
    private readonly access: BagAccess,
  ) {}

  private load(): Map<string, string> {
    if (this.#data) return this.#data;
    this.checkRead();
    let raw: Record<string, string>;
    try {
      raw = this.backend.relationGet(this.endpoint, this.relationId, this.entity.name, this.access.isApp);
    } catch (error) {
      // A dead relation (e.g. in relation-broken) reads as an empty bag, as in ops.
      if (!(error instanceof RelationNotFoundError)) throw error;
      raw = {};
    }
    this.#data = new Map(Object.entries(raw));
    return this.#data;
  }

  private checkRead(): void {
    const { local, isApp, isPeer } = this.access;
    if (local && isApp && !isPeer && !this.access.isLeader()) {
      throw new RelationDataAccessError(
        `${this.access.ownUnitName} is not leader and cannot read its own application databag`,
      );
    }
  }

  private checkWrite(key: unknown, value: unknown): void {
    if (typeof key !== 'string')
      throw new RelationDataTypeError(`relation data keys must be strings, not ${typeof key}`);
    if (typeof value !== 'string') {
      throw new RelationDataTypeError(
        `relation data values must be strings, not ${typeof value} (key ${JSON.stringify(key)})`,
      );
    }
    const { local, isApp } = this.access;
    if (!local) {
      throw new RelationDataAccessError(
        `${this.access.ownUnitName} cannot write the data of ${this.entity.name}`,
      );
    }
    if (isApp && !this.access.isLeader()) {
      throw new RelationDataAccessError(
        `${this.access.ownUnitName} is not leader and cannot write application data.`,
      );
    }
  }

  /** The value of `key`, or undefined. */
  get(key: string): string | undefined {
    return this.load().get(key);
  }
  /** Whether `key` is set. */
  has(key: string): boolean {
    return this.load().has(key);
  }
  /** Number of keys. */
  get size(): number {
    return this.load().size;
  }
  /** The keys. */
  keys(): IterableIterator<string> {
    return this.load().keys();
  }
  /** The [key, value] pairs. */
  entries(): IterableIterator<[string, string]> {
    return this.load().entries();
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  /** A plain-object copy of the bag. */
  toObject(): Record<string, string> {
    return Object.fromEntries(this.load());
  }
  toJSON(): Record<string, string> {
    return this.toObject();
  }

  /** Sets `key`; an empty string deletes it, as in Juju. */
  set(key: string, value: string): this {
    this.update({ [key]: value });
    return this;
  }
  /** Deletes `key` (an empty-string write); deleting a missing key changes nothing. */
  delete(key: string): boolean {
    const had = this.has(key);
    this.update({ [key]: '' });
    return had;
  }
  /** Deletes every key (ops's `clear()` of the bag mapping): one empty-string write per key. */
  clear(): void {
    this.update(Object.fromEntries([...this.keys()].map((k) => [k, ''])));
  }

  /** Applies several writes; only real changes are kept for the commit. */
  update(values: Readonly<Record<string, string>>): void {
    for (const [k, v] of Object.entries(values)) this.checkWrite(k, v);
    const data = this.load();
    for (const [k, v] of Object.entries(values)) {
      const changed = data.has(k) ? data.get(k) !== v : v !== '';
      if (!changed) continue;
      if (v === '') data.delete(k);
      else data.set(k, v);
      this.#pending.set(k, v);
    }
  }

  /** Sends the pending writes as one `relation-set`; nothing is run when nothing changed. */
  flush(): void {
    if (this.#pending.size === 0) return;
    const changes = Object.fromEntries(this.#pending);
    this.#pending.clear();
    this.backend.relationSet(this.endpoint, this.relationId, changes, this.access.isApp);
  }
}
