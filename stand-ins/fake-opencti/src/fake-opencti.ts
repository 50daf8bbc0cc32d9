import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normaliseBasePath } from './base-path.js';
import { answerGraphql } from './graphql-endpoint.js';
import { isLoopback, NotLoopbackError } from './loopback.js';
import { bearerToken, identify } from './opencti/auth.js';
import type { FakeGroup, FakeUser } from './opencti/records.js';
import { loadState, saveState } from './opencti/state-file.js';
import { OpenctiStore } from './opencti/store.js';

/** Options of `startFakeOpencti`. */
export interface FakeOpenctiOptions {
  /** The token that authenticates as admin (OpenCTI's `APP__ADMIN__TOKEN`). */
  adminToken: string;
  /** The key `/health?health_access_key=` must carry (OpenCTI's `APP__HEALTH_ACCESS_KEY`). */
  healthAccessKey: string;
  /** Loopback address to listen on; default `127.0.0.1`. Anything else is refused. */
  host?: string;
  /** TCP port; default 0 (a free port). */
  port?: number;
  /** URL path prefix of every route (OpenCTI's `APP__BASE_PATH`), e.g. `/opencti`; default `''`. */
  basePath?: string;
  /** Groups a fresh state starts with; default `Administrators`, `Connectors`. */
  groups?: readonly string[];
  /** JSON file (mode 0600) to load the state from and save every change to. */
  stateFile?: string;
  /** Receives one line per change (user created, status changed); never tokens or passwords. */
  log?: (line: string) => void;
}

/** How `failNext` answers. */
export interface InjectedFailure {
  /** HTTP status; default 500. */
  status?: number;
}

/** The groups OpenCTI's charm expects to find: connector users join one of them. */
export const DEFAULT_GROUPS: readonly string[] = ['Administrators', 'Connectors'];

const MAX_BODY_BYTES = 1024 * 1024;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * A fake OpenCTI platform: a STAND-IN for tests and the demo, not OpenCTI. It serves the four GraphQL
 * operations the platform charm uses and `/health`, with users and groups in memory.
 */
export class FakeOpencti {
  private failuresLeft = 0;
  private failureStatus = 500;
  private delayMs = 0;
  private healthy = true;
  private readonly rootFields: string[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  private constructor(
    private readonly server: Server,
    private readonly store: OpenctiStore,
    private readonly options: FakeOpenctiOptions,
    /** The normalised base path, `''` or e.g. `/opencti`. */
    readonly basePath: string,
  ) {}

  /** Start listening; resolves once the port accepts connections. */
  static async start(options: FakeOpenctiOptions): Promise<FakeOpencti> {
    const host = options.host ?? '127.0.0.1';
    if (!isLoopback(host))
      throw new NotLoopbackError(`refusing to listen on ${host}: loopback addresses only`);
    const { stateFile } = options;
    const initial =
      (stateFile && loadState(stateFile)) || OpenctiStore.seed(options.groups ?? DEFAULT_GROUPS);
    const store = new OpenctiStore(initial, stateFile ? (state) => saveState(stateFile, state) : undefined);
    if (stateFile) saveState(stateFile, store.snapshot());
    const server = createServer();
    const fake = new FakeOpencti(server, store, options, normaliseBasePath(options.basePath));
    server.on('request', (req, res) => {
      fake.handle(req, res).catch((e: unknown) => {
        options.log?.(`internal error: ${(e as Error).message}`);
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
        else res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return fake;
  }

  /** The port the server listens on. */
  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The base URL a client is given, e.g. `http://127.0.0.1:41234/opencti` (no trailing slash). */
  get url(): string {
    const address = this.server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}${this.basePath}`;
  }

  /** Stop listening and drop open connections (pending delayed answers included). */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Copies of the users, in creation order. */
  users(): FakeUser[] {
    return this.store.users();
  }

  /** Copies of the groups. */
  groups(): FakeGroup[] {
    return this.store.groups();
  }

  /** The root fields of the GraphQL requests answered so far, e.g. `['users', 'groups', 'userAdd']`. */
  operations(): string[] {
    return [...this.rootFields];
  }

  /** Answer the next `count` GraphQL requests with an HTTP error (default 500) instead of serving them. */
  failNext(count: number, failure: InjectedFailure = {}): void {
    this.failuresLeft = count;
    this.failureStatus = failure.status ?? 500;
  }

  /** Hold every GraphQL answer for `ms` milliseconds (0 to stop), e.g. to make a client time out. */
  delay(ms: number): void {
    this.delayMs = ms;
  }

  /** Make `/health` answer 503 (false) or normally again (true). */
  setHealthy(healthy: boolean): void {
    this.healthy = healthy;
  }

  /** Add a group (or return the existing one). */
  addGroup(name: string): FakeGroup {
    return this.store.addGroup(name);
  }

  /** Remove a group by name; false when there was none. */
  removeGroup(name: string): boolean {
    return this.store.removeGroup(name);
  }

  /** Give the named user a new API token, as OpenCTI's "renew token" does; returns the user. */
  renewToken(userName: string): FakeUser | undefined {
    const user = this.store.users().find((u) => u.name === userName);
    return user && this.store.renewToken(user.id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-opencti');
    if (url.pathname === `${this.basePath}/health`) {
      this.answerHealth(req, res, url);
      return;
    }
    if (url.pathname !== `${this.basePath}/graphql`) {
      sendJson(res, 404, { status: 'error', error: `no route ${req.method} ${url.pathname}` });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      sendJson(res, 405, { errors: [{ message: 'The fake OpenCTI server answers GraphQL on POST only.' }] });
      return;
    }
    const text = await readBody(req);
    if (this.delayMs > 0) await this.sleep(this.delayMs);
    if (res.destroyed) return;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      res.writeHead(this.failureStatus, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`fake OpenCTI: injected failure (HTTP ${this.failureStatus})\n`);
      return;
    }
    if (text === undefined) {
      sendJson(res, 413, { errors: [{ message: 'Request body too large.' }] });
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      sendJson(res, 400, {
        errors: [{ message: 'POST body sent invalid JSON.', extensions: { code: 'BAD_REQUEST' } }],
      });
      return;
    }
    const caller = identify(this.store, this.options.adminToken, bearerToken(req.headers.authorization));
    const answer = answerGraphql(body, { store: this.store, caller, log: this.options.log });
    this.rootFields.push(...answer.rootFields);
    sendJson(res, answer.status, answer.body);
  }

  // OpenCTI refuses to answer the health check while the key is its documented default `ChangeMe`.
  private answerHealth(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { status: 'error', error: 'method not allowed' });
    } else if (!this.healthy) {
      sendJson(res, 503, { status: 'error', error: 'platform not ready' });
    } else {
      const key = url.searchParams.get('health_access_key');
      const expected = this.options.healthAccessKey;
      if (key === null || key !== expected || expected === 'ChangeMe') {
        sendJson(res, 401, { status: 'error', error: 'unauthorized' });
      } else {
        sendJson(res, 200, { status: 'success' });
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

/** Start a fake OpenCTI server (a stand-in for tests and the demo). */
export function startFakeOpencti(options: FakeOpenctiOptions): Promise<FakeOpencti> {
  return FakeOpencti.start(options);
}
