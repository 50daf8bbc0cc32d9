import { randomBytes } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  rmdir,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { dirname, join, posix } from 'node:path';
import type { FileInfo } from '../api-types.js';
import { fileType, globMatch, type PathErrorBody, toPathError } from './file-errors.js';
import { HttpError } from './http-io.js';

/** One entry of a multi-path result: the path, plus an error when it failed. */
export interface PathResult {
  path: string;
  error?: PathErrorBody;
}

/** Ownership and mode fields shared by write and make-dirs requests. */
export interface FileSpec {
  path: string;
  permissions?: string;
  'make-dirs'?: boolean;
  'make-parents'?: boolean;
  recursive?: boolean;
}

class PathFailure extends Error {
  constructor(readonly body: PathErrorBody) {
    super(body.message);
  }
}

// internals/daemon/api_files.go, parsePermissions: exactly three octal digits (`0644` is refused).
function parseMode(permissions: string | undefined, fallback: number): number {
  if (permissions === undefined || permissions === '') return fallback;
  if (!/^[0-7]{3}$/.test(permissions)) {
    throw new PathFailure({
      kind: 'generic-file-error',
      message: `permissions must be a 3-digit octal string, got ${JSON.stringify(permissions)}`,
    });
  }
  return Number.parseInt(permissions, 8);
}

/** The container filesystem, served from a host directory (`filesRoot`). Ownership is not applied. */
export class FilesApi {
  constructor(private readonly root: string) {}

  /** Host path for an absolute container path; `..` cannot escape the root. */
  private host(path: string): string {
    if (!path.startsWith('/')) {
      throw new PathFailure({
        kind: 'generic-file-error',
        message: `paths must be absolute, got ${JSON.stringify(path)}`,
      });
    }
    return join(this.root, posix.normalize(path));
  }

  private async each(path: string, op: () => Promise<void>): Promise<PathResult> {
    try {
      await op();
      return { path };
    } catch (e) {
      if (e instanceof PathFailure) return { path, error: e.body };
      throw e;
    }
  }

  private fsCall<T>(op: string, path: string, call: () => Promise<T>): Promise<T> {
    return call().catch((e: unknown) => {
      throw new PathFailure(toPathError(e, op, path));
    });
  }

  /** Read a regular file; returns its bytes or a per-path error. */
  async read(path: string): Promise<{ result: PathResult; data?: Buffer }> {
    let data: Buffer | undefined;
    const result = await this.each(path, async () => {
      const host = this.host(path);
      const stats = await this.fsCall('stat', path, () => stat(host));
      if (!stats.isFile()) {
        throw new PathFailure({
          kind: 'generic-file-error',
          message: `can only read a regular file: ${JSON.stringify(path)}`,
        });
      }
      data = await this.fsCall('open', path, () => readFile(host));
    });
    return data === undefined ? { result } : { result, data };
  }

  /** Write a file atomically (temp file + rename), creating parents when asked. */
  write(spec: FileSpec, content: Buffer): Promise<PathResult> {
    return this.each(spec.path, async () => {
      const host = this.host(spec.path);
      // Pebble creates the parents before it looks at the permissions (writeFile in api_files.go).
      if (spec['make-dirs'])
        await this.fsCall('mkdir', posix.dirname(spec.path), () =>
          mkdir(dirname(host), { recursive: true, mode: 0o755 }),
        );
      const mode = parseMode(spec.permissions, 0o644);
      const temp = `${host}.${randomBytes(6).toString('hex')}~`;
      await this.fsCall('open', spec.path, () => writeFile(temp, content, { mode }));
      // Apply the mode explicitly: the process umask may have masked writeFile's mode.
      await chmod(temp, mode);
      await this.fsCall('rename', spec.path, () => rename(temp, host)).catch(async (e: unknown) => {
        await unlink(temp).catch(() => {});
        throw e;
      });
    });
  }

  /** Create a directory (with parents, tolerating an existing one, when asked). */
  makeDir(spec: FileSpec): Promise<PathResult> {
    return this.each(spec.path, async () => {
      const host = this.host(spec.path);
      const mode = parseMode(spec.permissions, 0o755);
      const parents = spec['make-parents'] ?? false;
      await this.fsCall('mkdir', spec.path, () => mkdir(host, { recursive: parents, mode }));
      await chmod(host, mode);
    });
  }

  /** Remove a file or empty directory, or a whole tree when recursive (missing is then fine). */
  remove(spec: FileSpec): Promise<PathResult> {
    return this.each(spec.path, async () => {
      const host = this.host(spec.path);
      if (spec.recursive) {
        await this.fsCall('remove', spec.path, () => rm(host, { recursive: true, force: true }));
        return;
      }
      const stats = await this.fsCall('remove', spec.path, () => lstat(host));
      await this.fsCall('remove', spec.path, () => (stats.isDirectory() ? rmdir(host) : unlink(host)));
    });
  }

  /** List a directory or describe one path; a missing path is a 404 API error like Pebble's. */
  async list(path: string, pattern: string | undefined, itself: boolean): Promise<FileInfo[]> {
    let host: string;
    try {
      host = this.host(path);
    } catch (e) {
      if (e instanceof PathFailure) throw new HttpError(400, e.message, e.body.kind);
      throw e;
    }
    const stats = await stat(host).catch((e: unknown) => {
      const body = toPathError(e, 'stat', path);
      throw new HttpError(body.kind === 'not-found' ? 404 : 400, body.message, body.kind);
    });
    if (!stats.isDirectory() || itself) return [await this.info(host, path)];
    const names = (await readdir(host)).sort().filter((name) => !pattern || globMatch(pattern, name));
    return Promise.all(names.map((name) => this.info(join(host, name), posix.join(path, name))));
  }

  private async info(host: string, path: string): Promise<FileInfo> {
    const stats = await lstat(host);
    const type = fileType(stats);
    const info: FileInfo = {
      path,
      name: path === '/' ? '/' : posix.basename(path),
      type,
      permissions: (stats.mode & 0o777).toString(8).padStart(3, '0'),
      'last-modified': stats.mtime.toISOString(),
      'user-id': stats.uid,
      'group-id': stats.gid,
    };
    if (type === 'file') info.size = stats.size;
    return info;
  }
}
