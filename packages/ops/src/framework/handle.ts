/** The persistent identity of an object or event: `<parent path>/<kind>[<key>]`, as in ops. */
export class Handle {
  /** The full path. */
  readonly path: string;

  constructor(
    readonly parent: Handle | null,
    readonly kind: string,
    readonly key: string | null = null,
  ) {
    const self = key ? `${kind}[${key}]` : kind;
    this.path = parent ? `${parent.path}/${self}` : self;
  }

  /** A child handle under this one. */
  nest(kind: string, key: string | null = null): Handle {
    return new Handle(this, kind, key);
  }

  /** Parses a path such as `App/on/config_changed[7]` back into a handle. */
  static fromPath(path: string): Handle {
    let handle: Handle | null = null;
    for (const part of path.split('/')) {
      const m = /^([^[\]]+)(?:\[(.*)\])?$/.exec(part);
      if (!m?.[1]) throw new Error(`invalid handle path ${JSON.stringify(path)}`);
      handle = new Handle(handle, m[1], m[2] ?? null);
    }
    if (!handle) throw new Error('empty handle path');
    return handle;
  }

  toString(): string {
    return this.path;
  }
}
