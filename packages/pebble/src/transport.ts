import type { IncomingHttpHeaders } from 'node:http';
import { type RequestOptions, request } from 'node:http';
import { ConnectionError, TimeoutError } from './errors.js';

/** Query parameters; arrays become repeated keys, undefined values are skipped. */
export type Query = Record<string, string | readonly string[] | undefined>;

/** One HTTP request to Pebble. */
export interface RawRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** Seconds before giving up with TimeoutError. */
  timeout: number;
}

/** A fully-read HTTP response. */
export interface RawResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Render a path plus query string. */
export function buildUrl(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value === 'string') params.append(key, value);
    else for (const v of value) params.append(key, v);
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function connectionError(socketPath: string, err: NodeJS.ErrnoException): ConnectionError {
  if (err.code === 'ENOENT') {
    return new ConnectionError(
      `Could not connect to Pebble: socket not found at '${socketPath}' (container restarted?)`,
    );
  }
  if (err.code === 'ECONNREFUSED') {
    return new ConnectionError(`Could not connect to Pebble: connection refused at '${socketPath}'`);
  }
  return new ConnectionError(`Could not connect to Pebble at '${socketPath}': ${err.message}`);
}

/** Send one HTTP/1.1 request over the unix socket and read the whole response. */
export function rawRequest(socketPath: string, req: RawRequest): Promise<RawResponse> {
  const endpoint = `${req.method} ${req.path}`;
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(err);
    };
    const headers: Record<string, string | number> = { ...(req.headers ?? {}) };
    if (req.body !== undefined) headers['Content-Length'] = Buffer.byteLength(req.body);
    // agent: false gives each request its own connection, so a dead socket never poisons a pool. An empty
    // servername skips the agent's TLS server-name guess, whose first IPv6 check compiles a large regex
    // (milliseconds at every hook) for a unix socket that never needs it.
    const options: RequestOptions & { servername: string } = {
      socketPath,
      path: buildUrl(req.path, req.query),
      method: req.method,
      headers,
      agent: false,
      servername: '',
    };
    const outgoing = request(options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) =>
        fail(new ConnectionError(`error reading Pebble response to ${endpoint}: ${err.message}`)),
      );
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks),
        });
      });
    });
    // A total deadline (not an idle timeout) so a server that trickles bytes cannot hang us either.
    const timer = setTimeout(() => {
      fail(new TimeoutError(`timed out after ${req.timeout}s waiting for Pebble to answer ${endpoint}`));
      outgoing.destroy();
    }, req.timeout * 1000);
    outgoing.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ECONNREFUSED' || err.syscall === 'connect') {
        fail(connectionError(socketPath, err));
      } else {
        fail(new ConnectionError(`connection to Pebble lost during ${endpoint}: ${err.message}`));
      }
    });
    outgoing.end(req.body);
  });
}
