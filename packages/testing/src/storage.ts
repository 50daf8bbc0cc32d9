/** Storage instances attached to this unit. */
import { deepFreeze } from './freeze.js';

/** A storage instance (`<name>/<index>`). */
export interface Storage {
  /** Storage name from the metadata. */
  readonly name: string;
  /** Index (default 0). */
  readonly index: number;
  /** Mount point (default: the metadata's location plus the index, or Juju's default path). */
  readonly location?: string;
}

/** A storage instance (default index 0). */
export function storage(init: {
  readonly name: string;
  readonly index?: number;
  readonly location?: string;
}): Storage {
  return deepFreeze({ ...init, index: init.index ?? 0 });
}
