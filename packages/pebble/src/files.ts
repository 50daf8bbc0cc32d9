import type { FileInfo } from './api-types.js';
import { expectArray, toFileInfos } from './decode.js';
import { PathError, ProtocolError } from './errors.js';
import {
  decodeJson,
  ensureContentType,
  type JsonRequest,
  type PebbleResponse,
  raiseForStatus,
} from './json-request.js';
import { encodeMultipart, parseMultipart } from './multipart.js';
import { rawRequest } from './transport.js';

/** Ownership and mode for files and directories Pebble creates. */
export interface FileOwnerOptions {
  /** Mode bits, e.g. 0o644 (sent as an octal string). */
  permissions?: number;
  userId?: number;
  user?: string;
  groupId?: number;
  group?: string;
}

/** Options of `push`. */
export interface PushOptions extends FileOwnerOptions {
  /** Create missing parent directories. */
  makeDirs?: boolean;
  /** Encoding of a string source (default utf-8). */
  encoding?: BufferEncoding;
}

/** Options of `makeDir`. */
export interface MakeDirOptions extends FileOwnerOptions {
  /** Create missing parents and accept an existing directory. */
  makeParents?: boolean;
}

/** Options of `listFiles`. */
export interface ListFilesOptions {
  /** Glob on entry names, e.g. `*.txt`. */
  pattern?: string;
  /** For a directory, describe the directory itself instead of its entries. */
  itself?: boolean;
}

/** Options of `removePath`. */
export interface RemovePathOptions {
  /** Remove a directory and everything under it (no error if missing). */
  recursive?: boolean;
}

/** What the file helpers need from a client. */
export interface FileTransport {
  readonly socketPath: string;
  readonly timeout: number;
  request(req: Omit<JsonRequest, 'timeout'>): Promise<PebbleResponse>;
}

const FILES = '/v1/files';

function ownerFields(opts: FileOwnerOptions): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  if (opts.permissions !== undefined) out.permissions = opts.permissions.toString(8).padStart(3, '0');
  if (opts.userId !== undefined) out['user-id'] = opts.userId;
  if (opts.user !== undefined) out.user = opts.user;
  if (opts.groupId !== undefined) out['group-id'] = opts.groupId;
  if (opts.group !== undefined) out.group = opts.group;
  return out;
}

/** Raise PathError when Pebble reports an error for `path` in a multi-path result. */
export function raiseOnPathError(result: unknown, path: string, endpoint: string): void {
  const entry = expectArray(result, endpoint).find((item) => item.path === path);
  if (!entry) throw new ProtocolError(`path not found in response metadata from ${endpoint}: ${path}`);
  const error = entry.error;
  if (error && typeof error === 'object') {
    const { kind, message } = error as { kind?: unknown; message?: unknown };
    throw new PathError(String(kind ?? 'generic-file-error'), String(message ?? ''));
  }
}

/** Write `source` to `path` in the container (multipart `POST /v1/files`). */
export async function push(
  t: FileTransport,
  path: string,
  source: string | Buffer,
  opts: PushOptions = {},
): Promise<void> {
  const info: Record<string, unknown> = { path, ...ownerFields(opts) };
  if (opts.makeDirs) info['make-dirs'] = true;
  const content = typeof source === 'string' ? Buffer.from(source, opts.encoding ?? 'utf8') : source;
  const { body, contentType } = encodeMultipart([
    {
      name: 'request',
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify({ action: 'write', files: [info] })),
    },
    { name: 'files', filename: path, contentType: 'application/octet-stream', data: content },
  ]);
  const res = await rawRequest(t.socketPath, {
    method: 'POST',
    path: FILES,
    headers: { Accept: 'application/json', 'Content-Type': contentType },
    body,
    timeout: t.timeout,
  });
  const endpoint = `POST ${FILES}`;
  raiseOnPathError(decodeJson(res, endpoint).result, path, endpoint);
}

/** Read a file's bytes (multipart `GET /v1/files?action=read`). */
export async function pullBytes(t: FileTransport, path: string): Promise<Buffer> {
  const endpoint = `GET ${FILES}`;
  const res = await rawRequest(t.socketPath, {
    method: 'GET',
    path: FILES,
    query: { action: 'read', path },
    headers: { Accept: 'multipart/form-data' },
    timeout: t.timeout,
  });
  raiseForStatus(res, endpoint);
  const { boundary } = ensureContentType(res.headers, 'multipart/form-data', endpoint);
  if (!boundary) throw new ProtocolError(`invalid multipart boundary from ${endpoint}`);
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(res.body, boundary);
  } catch (e) {
    throw new ProtocolError(`malformed multipart body from ${endpoint}: ${(e as Error).message}`);
  }
  const response = parts.find((p) => p.name === 'response');
  if (!response) throw new ProtocolError(`no "response" field in multipart body from ${endpoint}`);
  let meta: unknown;
  try {
    meta = JSON.parse(response.data.toString('utf8'));
  } catch (e) {
    throw new ProtocolError(`invalid JSON in "response" part from ${endpoint}: ${(e as Error).message}`);
  }
  raiseOnPathError((meta as { result?: unknown } | null)?.result, path, endpoint);
  const files = parts.filter((p) => p.name === 'files');
  const file = files[0];
  if (!file) throw new ProtocolError(`no file content in multipart response from ${endpoint}`);
  if (file.filename !== path) throw new ProtocolError(`path not expected: ${file.filename}`);
  return file.data;
}

/** List a directory's entries, or describe one file (`GET /v1/files?action=list`). */
export async function listFiles(
  t: FileTransport,
  path: string,
  opts: ListFilesOptions = {},
): Promise<FileInfo[]> {
  const resp = await t.request({
    method: 'GET',
    path: FILES,
    query: {
      action: 'list',
      path,
      pattern: opts.pattern || undefined,
      itself: opts.itself ? 'true' : undefined,
    },
  });
  return toFileInfos(resp.result, `GET ${FILES}`);
}

/** Create a directory (`POST /v1/files` action make-dirs). */
export async function makeDir(t: FileTransport, path: string, opts: MakeDirOptions = {}): Promise<void> {
  const info: Record<string, unknown> = { path, ...ownerFields(opts) };
  if (opts.makeParents) info['make-parents'] = true;
  const resp = await t.request({ method: 'POST', path: FILES, body: { action: 'make-dirs', dirs: [info] } });
  raiseOnPathError(resp.result, path, `POST ${FILES}`);
}

/** Remove a file or directory (`POST /v1/files` action remove). */
export async function removePath(
  t: FileTransport,
  path: string,
  opts: RemovePathOptions = {},
): Promise<void> {
  const info: Record<string, unknown> = { path };
  if (opts.recursive) info.recursive = true;
  const resp = await t.request({ method: 'POST', path: FILES, body: { action: 'remove', paths: [info] } });
  raiseOnPathError(resp.result, path, `POST ${FILES}`);
}
