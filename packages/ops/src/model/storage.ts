import type { ModelBackend } from '../backend/backend.js';
import { ModelError } from '../backend/errors.js';
import type { StorageDetails } from '../hooktools/storage.js';

/** One storage instance attached to this unit. */
export class Storage {
  #details: StorageDetails | undefined;
  #location: string | undefined;

  constructor(
    /** The storage name from metadata. */
    readonly name: string,
    /** The instance index. */
    readonly index: number,
    private readonly backend: ModelBackend,
    location?: string,
  ) {
    this.#location = location;
  }

  /** `<name>/<index>`, the id Juju uses. */
  get fullId(): string {
    return `${this.name}/${this.index}`;
  }

  /** Where the storage is mounted (or the block device path); one `storage-get`, cached. */
  get location(): string {
    this.#location ??= this.details().location;
    return this.#location;
  }

  /** `filesystem` or `block`. */
  get kind(): StorageDetails['kind'] {
    return this.details().kind;
  }

  private details(): StorageDetails {
    this.#details ??= this.backend.storageGet(this.fullId);
    return this.#details;
  }

  toString(): string {
    return `Storage(${this.fullId})`;
  }
}

/** The charm's storages by name (`model.storages`): lists cached per dispatch, as in ops. */
export class StorageMapping {
  readonly #lists = new Map<string, readonly Storage[]>();
  readonly #instances = new Map<string, Storage>();

  constructor(
    private readonly names: readonly string[],
    private readonly backend: ModelBackend,
  ) {}

  /** The storage names declared in metadata. */
  keys(): readonly string[] {
    return this.names;
  }

  /** The attached instances of a storage (one `storage-list` per name per dispatch). */
  get(name: string): readonly Storage[] {
    this.assertKnown(name);
    let list = this.#lists.get(name);
    if (!list) {
      list = this.backend.storageList(name).map((i) => this.instance(name, i));
      this.#lists.set(name, list);
    }
    return list;
  }

  /** The Storage object of one instance (the same object for the same id), without a tool call. */
  instance(name: string, index: number, location?: string): Storage {
    const key = `${name}/${index}`;
    let s = this.#instances.get(key);
    if (!s) {
      s = new Storage(name, index, this.backend, location);
      this.#instances.set(key, s);
    }
    return s;
  }

  /** Asks Juju for `count` more instances of a storage (`storage-add`, done when the hook ends). */
  request(name: string, count = 1): void {
    if (!this.names.includes(name)) {
      throw new ModelError(
        `cannot add storage ${JSON.stringify(name)}: it is not present in the charm metadata`,
      );
    }
    if (!Number.isInteger(count) || count < 1) {
      throw new TypeError(`storage count must be a positive integer, got ${String(count)}`);
    }
    this.backend.storageAdd(name, count);
  }

  private assertKnown(name: string): void {
    if (!this.names.includes(name)) {
      const meant = this.names.map((n) => JSON.stringify(n)).join(', ');
      throw new Error(`storage ${JSON.stringify(name)} not found. Did you mean one of ${meant}?`);
    }
  }
}
