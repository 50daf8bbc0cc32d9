import type { Model } from '../model/model.js';
import type { BoundEvent, EventBase } from './event.js';
import type { Framework } from './framework.js';
import { Handle } from './handle.js';

/** A handler of an event: a method of the observing object taking the event. */
export type EventHandler<E extends EventBase> = (event: E) => void | Promise<void>;

/**
 * An object in the framework's tree (ops's `Object`): it has a persistent handle, may emit events and
 * observe them. Its handle is `<parent path>/<kind>[<key>]` where kind is the class's `handleKind`
 * (default: the class name).
 */
export class FrameworkObject {
  /** The object's persistent identity. */
  readonly handle: Handle;
  /** The framework this object belongs to. */
  readonly framework: Framework;

  constructor(parent: FrameworkObject | Framework, key: string | null = null) {
    const kind = (this.constructor as { handleKind?: string }).handleKind ?? this.constructor.name;
    if ('handle' in parent) {
      this.framework = parent.framework;
      this.handle = parent.handle.nest(kind, key);
    } else {
      this.framework = parent;
      this.handle = new Handle(null, kind, key);
    }
    this.framework.registerObject(this);
  }

  /** The Juju model of this dispatch (ops's `Object.model`). */
  get model(): Model {
    return this.framework.model;
  }

  /** Calls `handler` (a method of this object) whenever `event` is emitted. */
  observe<E extends EventBase, A extends unknown[]>(event: BoundEvent<E, A>, handler: EventHandler<E>): void {
    this.framework.observe(event, this, handler);
  }
}

/**
 * The `on` of an emitter: a holder of bound events. Subclass it and declare events with `define`:
 * `readonly thing = this.define('thing', ThingEvent)`.
 */
export class ObjectEvents extends FrameworkObject {
  static handleKind = 'on';

  /** Declares an event kind on this emitter and registers its type for restoring snapshots. */
  protected define<E extends EventBase, A extends unknown[]>(
    kind: string,
    type: new (handle: Handle, ...args: A) => E,
  ): BoundEvent<E, A> {
    return this.framework.defineEvent(this.emitterObject(), kind, type);
  }

  /** The emitter is the parent of `on`; the framework looks it up by path. */
  private emitterObject(): FrameworkObject {
    const parent = this.handle.parent;
    const owner = parent ? this.framework.objectAt(parent.path) : undefined;
    if (!owner) throw new Error(`${this.handle.path} has no emitter object`);
    return owner;
  }
}
