import type { ModelBackend } from '../backend/backend.js';

/** The charm's resources (`model.resources`): paths fetched once per dispatch. */
export class Resources {
  readonly #paths = new Map<string, string>();

  constructor(
    private readonly names: readonly string[],
    private readonly backend: ModelBackend,
  ) {}

  /** The local path of a resource declared in metadata (`resource-get`, which may download it). */
  fetch(name: string): string {
    if (!this.names.includes(name)) throw new Error(`invalid resource name: ${JSON.stringify(name)}`);
    let path = this.#paths.get(name);
    if (path === undefined) {
      path = this.backend.resourceGet(name);
      this.#paths.set(name, path);
    }
    return path;
  }
}
