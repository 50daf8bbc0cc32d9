/** Charm resources (`resource-get`). */
import { deepFreeze } from './freeze.js';

/** A resource attached to the application: its name and the local file `resource-get` returns. */
export interface Resource {
  /** Resource name from the metadata. */
  readonly name: string;
  /** Path of the file. */
  readonly path: string;
}

/** A resource. */
export function resource(init: Resource): Resource {
  return deepFreeze({ ...init });
}
