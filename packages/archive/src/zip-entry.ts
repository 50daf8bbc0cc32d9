/** An entry to write: a regular file, or a directory when `path` ends with `/` (then `data` must be empty). */
export interface ZipEntry {
  /** Relative, `/`-separated path inside the archive. */
  path: string;
  /** File contents; strings are encoded as UTF-8. */
  data: Buffer | string;
  /** Unix permission bits (e.g. `0o755`); defaults to `0o644` for files and `0o755` for directories. */
  mode?: number;
  /** Modification time; defaults to the writer's timestamp (1980-01-01 unless given). */
  mtime?: Date;
}

/** An entry as read back from an archive: contents always a Buffer, mode and mtime always known. */
export interface ReadZipEntry extends ZipEntry {
  data: Buffer;
  mode: number;
  mtime: Date;
}
