import type { Model } from '../model/model.js';
import { BoundEvent, EventBase, type EventType, refuseDefer } from './event.js';
import { Handle } from './handle.js';
import { assertJson, type JsonObject, jsonEqual } from './json.js';
import type { Logger } from './logger.js';
import { type EventHandler, FrameworkObject, ObjectEvents } from './object.js';
import type { FrameworkStore, Notice, StoreData } from './store.js';

/** A framework lifecycle event (pre-commit, commit, collect-status); never deferrable. */
export class LifecycleEvent extends EventBase {
  override defer(): never {
    refuseDefer(this);
  }
}
/** Emitted before the framework commits, while charm code can still change things. */
export class PreCommitEvent extends LifecycleEvent {}
/** Emitted when the framework commits; stored state is saved then. */
export class CommitEvent extends LifecycleEvent {}

class FrameworkRoot extends FrameworkObject {
  static handleKind = 'Framework';
}

/** The framework's own events. */
export class FrameworkEvents extends ObjectEvents {
  /** Before commit. */
  readonly preCommit = this.define('pre_commit', PreCommitEvent);
  /** At commit. */
  readonly commit = this.define('commit', CommitEvent);
}

interface Observer {
  observerPath: string;
  methodName: string;
  emitterPath: string;
  kind: string;
}

/** Something saved at commit (stored state). */
export interface CommitParticipant {
  saveTo(snapshots: Record<string, JsonObject>): void;
}

const COUNTER_PATH = 'StoredStateData[_stored]';

/** Told of every event the framework emits or re-emits (the testing kit's `emittedEvents`). */
export type EmitListener = (event: EventBase, how: { readonly deferred: boolean }) => void;

/** What a Framework is built from. */
export interface FrameworkOptions {
  /** Where stored state and deferred events persist. */
  store: FrameworkStore;
  /** The model of this dispatch. */
  model: Model;
  /** The dispatch's logger. */
  logger: Logger;
  /** The charm directory. */
  charmDir: string;
  /** Told of each emitted and re-emitted event (tests); absent in production. */
  onEmit?: EmitListener;
}

/** Finds the name under which `handler` is reachable on `observer` (own field or prototype method). */
function methodNameOf(observer: object, handler: unknown): string | undefined {
  for (const key of Object.keys(observer)) {
    if ((observer as Record<string, unknown>)[key] === handler) return key;
  }
  for (
    let proto = Object.getPrototypeOf(observer);
    proto && proto !== Object.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      if (key === 'constructor') continue;
      const desc = Object.getOwnPropertyDescriptor(proto, key);
      if (desc && 'value' in desc && desc.value === handler) return key;
    }
  }
  return undefined;
}

/**
 * The event machinery: the object tree, observers, emission with snapshots and notices, deferral and
 * re-emission, and commit of everything persisted. One per dispatch; nothing global.
 */
export class Framework {
  /** The model of this dispatch. */
  readonly model: Model;
  /** The logger (through `juju-log`). */
  readonly logger: Logger;
  /** The framework's own events (pre-commit, commit). */
  readonly on: FrameworkEvents;
  /** The directory the charm runs from. */
  readonly charmDir: string;

  readonly #store: FrameworkStore;
  readonly #data: StoreData;
  readonly #objects = new Map<string, FrameworkObject>();
  readonly #observers: Observer[] = [];
  readonly #types = new Map<string, EventType<EventBase, never[]>>();
  readonly #participants: CommitParticipant[] = [];
  #eventCount: number;
  #nextSequence: number;
  #committed = false;
  readonly #onEmit: EmitListener | undefined;

  constructor(options: FrameworkOptions) {
    this.#onEmit = options.onEmit;
    this.model = options.model;
    this.logger = options.logger;
    this.charmDir = options.charmDir;
    this.#store = options.store;
    this.#data = this.#store.load();
    const counter = this.#data.snapshots[COUNTER_PATH]?.event_count;
    this.#eventCount = typeof counter === 'number' ? counter : 0;
    this.#nextSequence = Math.max(0, ...this.#data.notices.map((n) => n.sequence)) + 1;
    this.on = new FrameworkEvents(new FrameworkRoot(this));
  }

  /** The next event key from the persisted counter (keys start at 1 and survive restarts). */
  nextEventKey(): number {
    this.#eventCount += 1;
    return this.#eventCount;
  }

  /** Registers a live object by handle path; two live objects may not share a path. */
  registerObject(obj: FrameworkObject): void {
    if (this.#objects.has(obj.handle.path)) {
      throw new Error(`two objects claiming to be ${obj.handle.path} have been created`);
    }
    this.#objects.set(obj.handle.path, obj);
  }

  /** The live object at a path, if any. */
  objectAt(path: string): FrameworkObject | undefined {
    return this.#objects.get(path);
  }

  /** Declares an event kind on an emitter and records its type so snapshots can be restored. */
  defineEvent<E extends EventBase, A extends unknown[]>(
    emitter: FrameworkObject,
    kind: string,
    type: EventType<E, A>,
  ): BoundEvent<E, A> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(kind))
      throw new Error(`event kind ${JSON.stringify(kind)} is not an identifier`);
    this.#types.set(`${emitter.handle.path}/on/${kind}`, type as unknown as EventType<EventBase, never[]>);
    return new BoundEvent(emitter, kind, type);
  }

  /** Registers `handler`, a method of `observer`, for `event`. Observing twice calls it twice. */
  observe<E extends EventBase, A extends unknown[]>(
    event: BoundEvent<E, A>,
    observer: FrameworkObject,
    handler: EventHandler<E>,
  ): void {
    if (!(event instanceof BoundEvent))
      throw new TypeError(`observe() needs a bound event, got ${String(event)}`);
    if (!(observer instanceof FrameworkObject)) throw new TypeError('the observer must be a FrameworkObject');
    if (typeof handler !== 'function') throw new TypeError('the handler must be a method of the observer');
    // ops insists on `(self, event)`; in TypeScript a handler that ignores the event may leave it out,
    // so only a handler that expects more than the event is refused.
    if (handler.length > 1) {
      throw new TypeError(
        `handler ${handler.name || '(anonymous)'} must take one argument, the event, or none; it takes ${handler.length}`,
      );
    }
    const methodName = methodNameOf(observer, handler);
    if (!methodName) {
      throw new TypeError(
        `handler ${handler.name || '(anonymous)'} is not a method or field of ${observer.handle.path}: ` +
          'observe with a method so deferred events can find it again',
      );
    }
    this.#observers.push({
      observerPath: observer.handle.path,
      methodName,
      emitterPath: event.emitter.handle.path,
      kind: event.kind,
    });
  }

  /** Registers an object saved at commit (stored state). */
  addCommitParticipant(p: CommitParticipant): void {
    this.#participants.push(p);
  }

  /** A persisted snapshot by path (stored state loads itself from here). */
  snapshotAt(path: string): JsonObject | undefined {
    return this.#data.snapshots[path];
  }

  /** Emits an event: one notice per observer, then delivery to each (ops `Framework._emit`). */
  async emitEvent(event: EventBase): Promise<void> {
    event.framework = this;
    this.#onEmit?.(event, { deferred: false });
    const data = event.snapshot();
    assertJson(data, `snapshot of ${event.handle.path}`);
    const parent = event.handle.parent?.path ?? '';
    const eventPath = event.handle.path;
    const prefix = eventPath.slice(0, eventPath.lastIndexOf('['));
    let saved = false;
    for (const obs of this.#observers) {
      if (obs.emitterPath !== parent.slice(0, parent.lastIndexOf('/on')) || obs.kind !== event.handle.kind)
        continue;
      const duplicate = this.#data.notices.some(
        (n) =>
          n.observerPath === obs.observerPath &&
          n.methodName === obs.methodName &&
          n.eventPath !== eventPath && // only events queued earlier; observing twice runs twice
          n.eventPath.slice(0, n.eventPath.lastIndexOf('[')) === prefix &&
          jsonEqual(this.#data.snapshots[n.eventPath], data),
      );
      if (duplicate) {
        this.logger.info(
          `Skipping notice (${eventPath}/${obs.observerPath}/${obs.methodName}) - already in the queue.`,
        );
        continue;
      }
      if (!saved) {
        this.#data.snapshots[eventPath] = data;
        saved = true;
      }
      this.#data.notices.push({
        sequence: this.#nextSequence++,
        eventPath,
        observerPath: obs.observerPath,
        methodName: obs.methodName,
      });
    }
    if (saved) await this.deliver(eventPath);
  }

  /** Re-emits every deferred event, oldest first, each only to the observer that deferred it. */
  async reemit(): Promise<void> {
    await this.deliver(undefined);
  }

  /** Delivers queued notices (all, or one event's), dropping those not deferred again (ops `_reemit`). */
  private async deliver(singlePath: string | undefined): Promise<void> {
    const queue = this.#data.notices
      .filter((n) => singlePath === undefined || n.eventPath === singlePath)
      .sort((a, b) => a.sequence - b.sequence);
    const redeferred = new Set<string>();
    const touched: string[] = [];
    queue.forEach((n, i) => {
      if (singlePath === undefined) {
        this.logger.debug(
          `Re-emitting deferred event ${n.eventPath} (${i + 1} of ${queue.length} in queue).`,
        );
      }
    });
    for (const notice of queue) {
      if (!this.#data.notices.includes(notice)) continue;
      if (!touched.includes(notice.eventPath)) touched.push(notice.eventPath);
      const event = this.restoreEvent(notice.eventPath);
      if (!event) {
        this.dropNotice(notice);
        continue;
      }
      const observer = this.#objects.get(notice.observerPath) as Record<string, unknown> | undefined;
      // A saved method name is data: `constructor`, `__proto__` or Object's own methods are never handlers.
      const method = notice.methodName in Object.prototype ? undefined : observer?.[notice.methodName];
      if (!observer || typeof method !== 'function') {
        this.logger.warning(
          `Reference to ops.Object at path ${notice.observerPath} has been garbage collected between when the charm was initialised and when the event was emitted; dropping ${notice.eventPath}.`,
        );
        this.dropNotice(notice);
        continue;
      }
      event.deferred = false;
      if (singlePath === undefined) this.#onEmit?.(event, { deferred: true });
      await (method as (e: EventBase) => unknown).call(observer, event);
      if (event.deferred) redeferred.add(notice.eventPath);
      else this.dropNotice(notice);
    }
    for (const path of touched) {
      if (!redeferred.has(path) && !this.#data.notices.some((n) => n.eventPath === path)) {
        delete this.#data.snapshots[path];
      }
    }
  }

  private dropNotice(notice: Notice): void {
    const i = this.#data.notices.indexOf(notice);
    if (i >= 0) this.#data.notices.splice(i, 1);
  }

  /**
   * A fresh event object from its snapshot, or undefined when its type is no longer defined. Built without
   * its constructor, as ops's `Framework.load_snapshot` builds it (`cls.__new__(cls)`, then `restore`):
   * a constructor takes the live payload (a relation, a storage, a custom event's arguments) that only the
   * snapshot holds now, and may check it; `restore` is the one way back from a snapshot.
   */
  private restoreEvent(path: string): EventBase | undefined {
    const handle = Handle.fromPath(path);
    const type = this.#types.get(`${handle.parent?.path ?? ''}/${handle.kind}`);
    const snapshot = this.#data.snapshots[path];
    if (!type || !snapshot) return undefined;
    const event = Object.create(type.prototype) as EventBase;
    event.handle = handle;
    event.deferred = false;
    event.framework = this;
    event.restore(snapshot);
    return event;
  }

  /** How many deliveries are queued (deferred events waiting for a later dispatch). */
  get deferredCount(): number {
    return this.#data.notices.length;
  }

  /** The persisted notices, oldest first (for inspection and the testing kit). */
  notices(): readonly Notice[] {
    return [...this.#data.notices].sort((a, b) => a.sequence - b.sequence);
  }

  /**
   * Commits the dispatch: emits pre-commit and commit, sends pending relation writes, saves stored state
   * and the event counter, and writes the store. Nothing is saved if the dispatch fails before this.
   */
  async commit(): Promise<void> {
    if (this.#committed) throw new Error('the framework has already committed this dispatch');
    await this.on.preCommit.emit();
    await this.on.commit.emit();
    this.#committed = true;
    this.model.flush();
    for (const p of this.#participants) p.saveTo(this.#data.snapshots);
    this.#data.snapshots[COUNTER_PATH] = { event_count: this.#eventCount };
    this.#store.save(this.#data);
  }
}
