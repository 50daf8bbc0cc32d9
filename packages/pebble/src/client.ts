import type { Change, CheckInfo, FileInfo, Health, Notice, ServiceInfo, SystemInfo } from './api-types.js';
import {
  expectArray,
  expectObject,
  toChange,
  toCheckInfos,
  toNotice,
  toServiceInfos,
  toSystemInfo,
} from './decode.js';
import { formatGoDuration } from './duration.js';
import { APIError, ChangeError, ProtocolError } from './errors.js';
import { type ExecOptions, startExec } from './exec.js';
import type { ExecProcess } from './exec-process.js';
import * as files from './files.js';
import { type JsonRequest, type PebbleResponse, requestJson } from './json-request.js';
import type { Layer } from './layer-types.js';
import { layerToYaml } from './layer-yaml.js';
import { Plan } from './plan.js';
import { waitChange } from './wait-change.js';

/** Options of `new Client(...)`. */
export interface ClientOptions {
  /** Path of Pebble's unix socket (see `socketPathFor`). */
  socketPath: string;
  /** Seconds before any single request fails with TimeoutError (default 5). */
  timeout?: number;
}

/** How long to wait for a service change; `timeout: 0` submits without waiting. */
export interface ChangeWaitOptions {
  /** Seconds to wait for the change (default 30); 0 returns the change id at once. */
  timeout?: number;
  /** Polling delay in seconds when the server has no `/wait` endpoint (default 0.1). */
  delay?: number;
}

/** Which changes `getChanges` returns. */
export type ChangeSelect = 'all' | 'in-progress' | 'ready';

/** Filters of `getNotices`. */
export interface NoticesFilter {
  /** `all` to see notices of every user (admin only in real Pebble). */
  users?: 'all';
  userId?: number;
  types?: readonly string[];
  keys?: readonly string[];
  /** Only notices that occurred after this time (RFC 3339 string or Date). */
  after?: string | Date;
}

/** Options of `notify`. */
export interface NotifyOptions {
  data?: Record<string, string>;
  /** Seconds before a repeated occurrence counts as a new "repeat". */
  repeatAfter?: number;
}

/** Async client for the Pebble API over its unix socket. */
export class Client {
  /** Path of Pebble's unix socket. */
  readonly socketPath: string;
  /** Per-request timeout in seconds. */
  readonly timeout: number;

  constructor(opts: ClientOptions) {
    this.socketPath = opts.socketPath;
    this.timeout = opts.timeout ?? 5;
  }

  /** Send one JSON request with this client's socket and timeout. */
  request(req: Omit<JsonRequest, 'timeout'>): Promise<PebbleResponse> {
    return requestJson(this.socketPath, { ...req, timeout: this.timeout });
  }

  /** Pebble's version (also the cheapest "can I connect?" probe). */
  async getSystemInfo(): Promise<SystemInfo> {
    const resp = await this.request({ method: 'GET', path: '/v1/system-info' });
    return toSystemInfo(resp.result, 'GET /v1/system-info');
  }

  /** Whether the (optionally filtered) checks are healthy; Pebble answers 502 when not. */
  async getHealth(opts: { level?: 'alive' | 'ready'; names?: readonly string[] } = {}): Promise<Health> {
    try {
      const resp = await this.request({
        method: 'GET',
        path: '/v1/health',
        query: { level: opts.level, names: opts.names?.length ? opts.names.join(',') : undefined },
      });
      return { healthy: expectObject(resp.result, 'GET /v1/health').healthy === true };
    } catch (e) {
      if (e instanceof APIError && e.code === 502) return { healthy: false };
      throw e;
    }
  }

  /** The combined configuration plan. */
  async getPlan(): Promise<Plan> {
    const resp = await this.request({ method: 'GET', path: '/v1/plan', query: { format: 'yaml' } });
    if (typeof resp.result !== 'string') throw new ProtocolError('expected YAML text from GET /v1/plan');
    return new Plan(resp.result);
  }

  /** Add a layer (YAML text or object, rendered with sorted keys and falsy fields dropped). */
  async addLayer(label: string, layer: Layer | string, opts: { combine?: boolean } = {}): Promise<void> {
    const yaml = typeof layer === 'string' ? layer : layerToYaml(layer);
    await this.request({
      method: 'POST',
      path: '/v1/layers',
      body: { action: 'add', combine: opts.combine ?? false, label, format: 'yaml', layer: yaml },
    });
  }

  /** State of the named services (all when `names` is empty or omitted). */
  async getServices(names?: readonly string[]): Promise<ServiceInfo[]> {
    const query = { names: names?.length ? names.join(',') : undefined };
    const resp = await this.request({ method: 'GET', path: '/v1/services', query });
    return toServiceInfos(resp.result, 'GET /v1/services');
  }

  /** Start services; waits for the change and throws ChangeError if it failed. Returns the change id. */
  startServices(names: readonly string[], opts: ChangeWaitOptions = {}): Promise<string> {
    return this.servicesAction('start', names, opts);
  }

  /** Stop services; waits for the change and throws ChangeError if it failed. */
  stopServices(names: readonly string[], opts: ChangeWaitOptions = {}): Promise<string> {
    return this.servicesAction('stop', names, opts);
  }

  /** Restart services (stopped ones are started). */
  restartServices(names: readonly string[], opts: ChangeWaitOptions = {}): Promise<string> {
    return this.servicesAction('restart', names, opts);
  }

  /** Restart changed services and start `startup: enabled` ones. */
  replan(opts: ChangeWaitOptions = {}): Promise<string> {
    return this.servicesAction('replan', [], opts);
  }

  /** Start the `startup: enabled` services. */
  autostartServices(opts: ChangeWaitOptions = {}): Promise<string> {
    return this.servicesAction('autostart', [], opts);
  }

  private async servicesAction(
    action: string,
    services: readonly string[],
    opts: ChangeWaitOptions,
  ): Promise<string> {
    const resp = await this.request({ method: 'POST', path: '/v1/services', body: { action, services } });
    const changeId = String(resp.change ?? '');
    const timeout = opts.timeout ?? 30;
    if (timeout) {
      const change = await this.waitChange(changeId, { timeout, delay: opts.delay ?? 0.1 });
      if (change.err) throw new ChangeError(change.err, change);
    }
    return changeId;
  }

  /** Changes in the given state (default in-progress), optionally only those for one service. */
  async getChanges(opts: { select?: ChangeSelect; service?: string } = {}): Promise<Change[]> {
    const query = { select: opts.select ?? 'in-progress', for: opts.service };
    const resp = await this.request({ method: 'GET', path: '/v1/changes', query });
    return expectArray(resp.result, 'GET /v1/changes').map((c) => toChange(c, 'GET /v1/changes'));
  }

  /** One change by id. */
  async getChange(id: string): Promise<Change> {
    const path = `/v1/changes/${id}`;
    const resp = await this.request({ method: 'GET', path });
    return toChange(resp.result, `GET ${path}`);
  }

  /** Wait for a change to be ready (TimeoutError after `timeout` seconds; null waits forever). */
  waitChange(id: string, opts: { timeout?: number | null; delay?: number } = {}): Promise<Change> {
    const timeout = opts.timeout === undefined ? 30 : opts.timeout;
    return waitChange(this, id, timeout, opts.delay ?? 0.1);
  }

  /** Abort a change that is still in progress. */
  async abortChange(id: string): Promise<Change> {
    const path = `/v1/changes/${id}`;
    const resp = await this.request({ method: 'POST', path, body: { action: 'abort' } });
    return toChange(resp.result, `POST ${path}`);
  }

  /** State of checks, optionally filtered by level and names. */
  async getChecks(opts: { level?: 'alive' | 'ready'; names?: readonly string[] } = {}): Promise<CheckInfo[]> {
    const query = { level: opts.level, names: opts.names?.length ? opts.names : undefined };
    const resp = await this.request({ method: 'GET', path: '/v1/checks', query });
    return toCheckInfos(resp.result, 'GET /v1/checks');
  }

  /** Start stopped checks; returns the names that actually changed. */
  startChecks(names: readonly string[]): Promise<string[]> {
    return this.checksAction('start', names);
  }

  /** Stop running checks; returns the names that actually changed. */
  stopChecks(names: readonly string[]): Promise<string[]> {
    return this.checksAction('stop', names);
  }

  private async checksAction(action: string, checks: readonly string[]): Promise<string[]> {
    const resp = await this.request({ method: 'POST', path: '/v1/checks', body: { action, checks } });
    // Pebble may send `changed: null` when nothing changed.
    const changed = expectObject(resp.result, 'POST /v1/checks').changed;
    return Array.isArray(changed) ? changed.map(String) : [];
  }

  /** Notices matching the filter. */
  async getNotices(filter: NoticesFilter = {}): Promise<Notice[]> {
    const after = filter.after instanceof Date ? filter.after.toISOString() : filter.after;
    const query = {
      users: filter.users,
      'user-id': filter.userId === undefined ? undefined : String(filter.userId),
      types: filter.types?.length ? filter.types.join(',') : undefined,
      keys: filter.keys?.length ? filter.keys.join(',') : undefined,
      after,
    };
    const resp = await this.request({ method: 'GET', path: '/v1/notices', query });
    return expectArray(resp.result, 'GET /v1/notices').map((n) => toNotice(n, 'GET /v1/notices'));
  }

  /** One notice by id. */
  async getNotice(id: string): Promise<Notice> {
    const path = `/v1/notices/${id}`;
    const resp = await this.request({ method: 'GET', path });
    return toNotice(resp.result, `GET ${path}`);
  }

  /** Record an occurrence of a notice (type `custom`, key like `example.com/thing`); returns its id. */
  async notify(type: string, key: string, opts: NotifyOptions = {}): Promise<string> {
    const body: Record<string, unknown> = { action: 'add', type, key };
    if (opts.data && Object.keys(opts.data).length > 0) body.data = opts.data;
    if (opts.repeatAfter !== undefined) body['repeat-after'] = formatGoDuration(opts.repeatAfter);
    const resp = await this.request({ method: 'POST', path: '/v1/notices', body });
    return String(expectObject(resp.result, 'POST /v1/notices').id);
  }

  /** Write a file in the container. */
  push(path: string, source: string | Buffer, opts: files.PushOptions = {}): Promise<void> {
    return files.push(this, path, source, opts);
  }

  /** Read a file: a string (default utf-8) or, with `encoding: null`, a Buffer. */
  pull(path: string, opts?: { encoding?: BufferEncoding }): Promise<string>;
  /** Read a file as raw bytes. */
  pull(path: string, opts: { encoding: null }): Promise<Buffer>;
  async pull(path: string, opts: { encoding?: BufferEncoding | null } = {}): Promise<string | Buffer> {
    const data = await files.pullBytes(this, path);
    const encoding = opts.encoding === undefined ? 'utf8' : opts.encoding;
    return encoding === null ? data : data.toString(encoding);
  }

  /** List a directory (or describe a single file). */
  listFiles(path: string, opts: files.ListFilesOptions = {}): Promise<FileInfo[]> {
    return files.listFiles(this, path, opts);
  }

  /** Create a directory. */
  makeDir(path: string, opts: files.MakeDirOptions = {}): Promise<void> {
    return files.makeDir(this, path, opts);
  }

  /** Remove a file or directory. */
  removePath(path: string, opts: files.RemovePathOptions = {}): Promise<void> {
    return files.removePath(this, path, opts);
  }

  /** Send a signal (e.g. `SIGHUP`) to running services. */
  async sendSignal(signal: string, services: readonly string[]): Promise<void> {
    await this.request({ method: 'POST', path: '/v1/signals', body: { signal, services } });
  }

  /** Run a command in the container; output is decoded as utf-8 unless `encoding` says otherwise. */
  exec(
    command: readonly string[],
    opts?: ExecOptions & { encoding?: BufferEncoding },
  ): Promise<ExecProcess<string>>;
  /** Run a command in the container with raw Buffer output. */
  exec(command: readonly string[], opts: ExecOptions & { encoding: null }): Promise<ExecProcess<Buffer>>;
  exec(
    command: readonly string[],
    opts: ExecOptions = {},
  ): Promise<ExecProcess<string> | ExecProcess<Buffer>> {
    return opts.encoding === null
      ? startExec<Buffer>(this, command, opts)
      : startExec<string>(this, command, opts);
  }
}
