import type { Framework } from './framework.js';
import type { Handle } from './handle.js';
import type { JsonObject } from './json.js';
import type { FrameworkObject } from './object.js';

/**
 * The base of every event. An event's state is what `snapshot()` returns: every observer (and every
 * re-emission of a deferred event) gets a fresh object rebuilt with `restore()`, as in ops, so `restore`
 * must set every field the event carries.
 */
export class EventBase {
  /** The event's identity, e.g. `MyCharm/on/config_changed[7]`. */
  handle!: Handle;
  /** Whether an observer deferred this event. */
  deferred!: boolean;
  /** The framework delivering the event. */
  framework!: Framework;

  constructor(handle: Handle) {
    this.handle = handle;
    this.deferred = false;
  }

  /**
   * Asks for this event to be delivered again to this observer at the start of the next dispatch.
   * Discouraged in new charms (reconcile instead), kept for ops parity.
   */
  defer(): void {
    this.framework.logger.debug(`Deferring ${this.toString()}.`);
    this.deferred = true;
  }

  /** The event's data to persist; plain JSON only. */
  snapshot(): JsonObject {
    return {};
  }

  /** Rebuilds the event's data from a snapshot. */
  restore(_snapshot: JsonObject): void {}

  toString(): string {
    return `<${this.constructor.name} via ${this.handle.path}>`;
  }
}

/** An event type: constructed with its handle and the arguments of `emit`. */
export type EventType<E extends EventBase = EventBase, A extends unknown[] = never[]> = {
  new (handle: Handle, ...args: A): E;
  prototype: E;
};

/** An event kind bound to the object that emits it: what `observe` takes and `emit` fires. */
export class BoundEvent<E extends EventBase = EventBase, A extends unknown[] = never[]> {
  constructor(
    /** The object whose `on` holds this event. */
    readonly emitter: FrameworkObject,
    /** The event kind, e.g. `config_changed` (ops's snake_case names, kept for persisted paths). */
    readonly kind: string,
    /** The event class. */
    readonly type: EventType<E, A>,
  ) {}

  /** Emits the event to its observers; custom events run nested, so await it. */
  emit(...args: A): Promise<void> {
    const fw = this.emitter.framework;
    const handle = this.emitter.handle.nest('on').nest(this.kind, String(fw.nextEventKey()));
    const event = new this.type(handle, ...args);
    return fw.emitEvent(event);
  }

  toString(): string {
    return `BoundEvent(${this.emitter.handle.path}/${this.kind})`;
  }
}

/** Events that refuse `defer()` (ops raises RuntimeError for them). */
export function refuseDefer(event: EventBase): never {
  throw new Error(`cannot defer ${event.constructor.name}: Juju (or the framework) will not re-run it later`);
}
