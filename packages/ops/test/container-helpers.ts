// Test helpers for Container: a real fake Pebble on a temp socket, and tiny raw HTTP servers that answer
// what the fake never does (a 500, garbage, an old Pebble without the "restart" action).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type ExecHandler, PebbleServer } from '@ops-ts/pebble/server';
import { afterEach } from 'vitest';
import { Container } from '../src/index.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A temp directory standing for `OPS_TS_PEBBLE_DIR`, removed after the test. */
export function pebbleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-pebble-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fake Pebble serving container `name` under `dir`, with its container root under `dir/root`. */
export async function startPebble(
  name = 'workload',
  opts: { dir?: string; execHandler?: ExecHandler } = {},
): Promise<{ server: PebbleServer; container: Container; dir: string; root: string }> {
  const dir = opts.dir ?? pebbleDir();
  const root = join(dir, 'root', name);
  mkdirSync(root, { recursive: true });
  const server = await PebbleServer.start({
    socketPath: join(dir, name, 'pebble.socket'),
    filesRoot: root,
    ...(opts.execHandler ? { execHandler: opts.execHandler } : {}),
  });
  cleanups.push(() => server.close());
  return { server, container: new Container(name, dir), dir, root };
}

/** A raw HTTP server on `<dir>/<name>/pebble.socket`. */
export async function rawServer(
  dir: string,
  name: string,
  handle: (req: IncomingMessage, res: ServerResponse, body: string) => void,
): Promise<Server> {
  const socketPath = join(dir, name, 'pebble.socket');
  mkdirSync(dirname(socketPath), { recursive: true });
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => {
      body += d;
    });
    req.on('end', () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return server;
}

/** Answers with a Pebble error envelope. */
export function sendError(res: ServerResponse, code: number, message: string): void {
  res.writeHead(code, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ type: 'error', 'status-code': code, status: 'Error', result: { message } }));
}

/**
 * An old Pebble: a proxy in front of `upstream` that refuses the `restart` services action with 400, as
 * Pebble did before it had one. Records the services actions it saw.
 */
export async function oldPebbleProxy(
  dir: string,
  name: string,
  upstream: string,
): Promise<{ actions: { action: string; services: string[] }[] }> {
  const actions: { action: string; services: string[] }[] = [];
  await rawServer(dir, name, (req, res, body) => {
    if (req.method === 'POST' && req.url === '/v1/services') {
      const parsed = JSON.parse(body) as { action: string; services: string[] };
      actions.push({ action: parsed.action, services: parsed.services });
      if (parsed.action === 'restart') {
        sendError(res, 400, 'action "restart" is unsupported');
        return;
      }
    }
    const forward = request(
      { socketPath: upstream, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    forward.end(body);
  });
  return { actions };
}
