import { mkdir, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import type { Change, CheckStatus, Notice, ServiceStatus } from '../api-types.js';
import type { LabelledLayer } from '../layer-merge.js';
import type { Layer } from '../layer-types.js';
import type { ExecHandler, ExecLookup } from './exec-types.js';
import { HttpError, sendError } from './http-io.js';
import type { NoticeInput } from './notice-store.js';
import type { Route } from './routes.js';
import { changeRoutes } from './routes-changes.js';
import { checkRoutes } from './routes-checks.js';
import { execRoutes } from './routes-exec.js';
import { fileRoutes } from './routes-files.js';
import { identityRoutes } from './routes-identities.js';
import { noticeRoutes } from './routes-notices.js';
import { planRoutes } from './routes-plan.js';
import { serviceRoutes } from './routes-services.js';
import { systemRoutes } from './routes-system.js';
import { type SentSignal, ServerState, type Supervision } from './server-state.js';
import type { ServiceRunner } from './service-runner.js';
import type { PebbleSnapshot } from './snapshot.js';

/** Options of `PebbleServer.start`. */
export interface PebbleServerOptions {
  /** Unix socket to listen on (parent directories are created; a stale socket is replaced). */
  socketPath: string;
  /** Host directory that stands for the container's `/`. */
  filesRoot: string;
  /** Decides what `exec` produces; without it every exec fails with exit code 127. */
  execHandler?: ExecHandler;
  /** Whether an executable exists (else `400 cannot find executable`); default: every name does. */
  execLookup?: ExecLookup;
  /** Version reported by `/v1/system-info`. */
  version?: string;
  /** Answer 404 on `/v1/changes/<id>/wait`, like an old Pebble (clients must poll). */
  disableWaitEndpoint?: boolean;
  /** State saved by `snapshot()` in an earlier process, to continue from. */
  restore?: PebbleSnapshot;
  /** Runs service processes; without it services only change state. */
  serviceRunner?: ServiceRunner;
  /** How long a started process must live to count as started (Pebble's okayDelay, default 1 s). */
  serviceOkayDelayMs?: number;
  /**
   * Supervise services and checks as Pebble does (restarts with backoff, checks run on their
   * period), for a server that lives as long as its workloads; off by default.
   */
  supervision?: Supervision;
}

const ROUTES: Route[] = [
  ...systemRoutes,
  ...planRoutes,
  ...serviceRoutes,
  ...changeRoutes,
  ...checkRoutes,
  ...noticeRoutes,
  ...fileRoutes,
  ...execRoutes,
  ...identityRoutes,
];

/**
 * Sees every HTTP request before the API does; returns true when it answered (or dropped) the request
 * itself. Fault injection in tests: a 500, a reset connection, a request left unanswered.
 */
export type RequestInterceptor = (req: IncomingMessage, res: ServerResponse) => boolean;

/** A Pebble-compatible fake server on a real unix socket, with host-side accessors for tests. */
export class PebbleServer {
  #intercept: RequestInterceptor | undefined;

  private constructor(
    private readonly server: Server,
    private readonly state: ServerState,
    /** The socket the server listens on. */
    readonly socketPath: string,
  ) {}

  /** Start listening; resolves once the socket accepts connections. */
  static async start(opts: PebbleServerOptions): Promise<PebbleServer> {
    const state = new ServerState(
      opts.filesRoot,
      opts.execHandler,
      opts.version ?? '1.19.0-ops-ts-fake',
      opts.disableWaitEndpoint ?? false,
      opts.serviceRunner,
      opts.serviceOkayDelayMs,
      opts.execLookup,
      opts.supervision,
    );
    if (opts.restore) {
      state.plan.restore(opts.restore.layers);
      state.services.restore(opts.restore.services);
    }
    let self: PebbleServer | undefined;
    const server = createServer((req, res) => {
      if (self?.intercepts(req, res)) return;
      void dispatch(state, req, res);
    });
    server.on('upgrade', (req, socket, head: Buffer) => {
      if (!state.exec.handleUpgrade(req, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    });
    await mkdir(dirname(opts.socketPath), { recursive: true });
    await rm(opts.socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.socketPath, () => {
        server.off('error', reject);
        resolve();
      });
    });
    self = new PebbleServer(server, state, opts.socketPath);
    return self;
  }

  private intercepts(req: IncomingMessage, res: ServerResponse): boolean {
    return this.#intercept?.(req, res) ?? false;
  }

  /** Puts `interceptor` in front of the API (undefined removes it); see {@link RequestInterceptor}. */
  intercept(interceptor: RequestInterceptor | undefined): void {
    this.#intercept = interceptor;
  }

  /** Stop listening, drop open connections and remove the socket file (service processes keep running). */
  async close(): Promise<void> {
    this.state.exec.close();
    // Let service starts and stops in flight finish, so the runner's records are complete.
    await this.state.services.idle();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await rm(this.socketPath, { force: true });
  }

  /** Stops running checks, cancels restarts and stops every service process, then closes. */
  async shutdown(): Promise<void> {
    this.state.checkRunner?.close();
    await this.state.services.shutdown();
    await this.close();
  }

  /** Resolves once every service change asked for so far has finished. */
  servicesIdle(): Promise<void> {
    return this.state.services.idle();
  }

  /** The state to carry over to a later process (layers and service states). */
  snapshot(): PebbleSnapshot {
    return { layers: this.state.plan.layers(), services: this.state.services.snapshot() };
  }

  /** The combined plan. */
  getPlan(): Layer {
    return this.state.plan.plan();
  }

  /** The layer stack, bottom first. */
  layers(): LabelledLayer[] {
    return this.state.plan.layers();
  }

  /** Status of every service in the plan. */
  serviceStatuses(): Record<string, ServiceStatus> {
    return this.state.services.statuses();
  }

  /** Make starts of `service` fail with `message` (as when its command exits at once); null clears. */
  setServiceStartError(service: string, message: string | null): void {
    this.state.services.setStartError(service, message);
  }

  /** Set a check's status (`failures` defaults to the threshold when down, 0 otherwise). */
  setCheckStatus(name: string, status: CheckStatus, opts: { failures?: number } = {}): void {
    this.state.checks.set(name, status, opts.failures);
  }

  /** Record a notice occurrence from the host side (any type; no key validation). */
  addNotice(input: NoticeInput): Notice {
    return structuredClone(this.state.notices.add(input));
  }

  /** All changes, oldest first. */
  changes(): Change[] {
    return structuredClone(this.state.changes.list());
  }

  /** Signals sent to running exec commands over their control websocket. */
  execSignals(): { taskId: string; command: string[]; signal: string }[] {
    return this.state.exec.signals();
  }

  /** Signals sent to services through the API. */
  signals(): SentSignal[] {
    return structuredClone(this.state.signals);
  }
}

async function dispatch(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  try {
    const matches = ROUTES.filter((r) => r.pattern.test(url.pathname));
    // internals/daemon/daemon.go: the router's NotFoundHandler.
    if (matches.length === 0) throw new HttpError(404, 'invalid API endpoint requested');
    const route = matches.find((r) => r.method === req.method);
    if (!route) throw new HttpError(405, `method ${JSON.stringify(req.method)} not allowed`);
    const params = (route.pattern.exec(url.pathname) ?? []).slice(1).map((p) => decodeURIComponent(p ?? ''));
    await route.handle({ req, res, url, params, state });
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (e instanceof HttpError) sendError(res, e.status, e.message, e.kind);
    else sendError(res, 500, `internal error: ${(e as Error).message}`);
  }
}
