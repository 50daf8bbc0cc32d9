import { join } from 'node:path';
import type {
  CheckInfo,
  Client,
  ExecOptions,
  FileInfo,
  Layer,
  ListFilesOptions,
  MakeDirOptions,
  Notice,
  NoticesFilter,
  Plan,
  PushOptions,
  RemovePathOptions,
  ServiceInfo,
} from '@ops-ts/pebble';
import { ModelError } from '../backend/errors.js';
import { type ExecPromise, execPromise } from './exec-promise.js';
import { loadPebble } from './pebble-loader.js';

/** Where the charm container sees each workload container's Pebble socket on Kubernetes. */
export const DEFAULT_PEBBLE_DIR = '/charm/containers';

/** Host ports standing for container ports, per container (`OPS_TS_CONTAINER_PORTS` in the simulator). */
export type ContainerPorts = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Filter of `Container.getChecks`: a level and/or check names. */
export interface CheckFilter {
  level?: 'alive' | 'ready';
  names?: readonly string[];
}

/**
 * A workload container of this unit (Kubernetes), reached through its Pebble. Creating one does no I/O:
 * the Pebble client is loaded and connected on the first call, and every call is a fresh request, so
 * `canConnect()` is only true at that moment (the container may restart at any time).
 */
export class Container {
  /** The unix socket of this container's Pebble. */
  readonly socketPath: string;
  #client: Promise<Client> | undefined;

  readonly #ports: Readonly<Record<string, number>>;

  constructor(
    /** The container's name, as declared under `containers:` in metadata. */
    readonly name: string,
    /** The directory holding `<name>/pebble.socket` (default `/charm/containers`). */
    pebbleDir: string = DEFAULT_PEBBLE_DIR,
    /** Host ports standing for this container's ports (the simulator's stand-ins); none on a pod. */
    ports: Readonly<Record<string, number>> = {},
  ) {
    this.socketPath = join(pebbleDir, name, 'pebble.socket');
    this.#ports = ports;
  }

  /**
   * The `host:port` where the charm reaches a port the workload listens on: `localhost:<port>` on
   * Kubernetes (the pod's containers share one network namespace), or the loopback port the
   * simulator maps it to.
   */
  localAddress(port: number): string {
    const mapped = this.#ports[String(port)];
    return mapped === undefined ? `localhost:${port}` : `127.0.0.1:${mapped}`;
  }

  /** The raw Pebble client of this container (loaded on first use). */
  pebble(): Promise<Client> {
    this.#client ??= loadPebble().then((p) => new p.Client({ socketPath: this.socketPath }));
    return this.#client;
  }

  /** Whether Pebble answers right now; never throws (false when the socket is missing or Pebble errs). */
  async canConnect(): Promise<boolean> {
    try {
      await (await this.pebble()).getSystemInfo();
      return true;
    } catch {
      // ops returns False on ConnectionError, APIError and a missing socket; any failure means "not now".
      return false;
    }
  }

  /** Adds a layer (object or YAML); `combine` merges it into an existing layer with the same label. */
  async addLayer(label: string, layer: Layer | string, opts: { combine?: boolean } = {}): Promise<void> {
    await (await this.pebble()).addLayer(label, layer, opts);
  }

  /** The combined plan of all layers. */
  async getPlan(): Promise<Plan> {
    return (await this.pebble()).getPlan();
  }

  /** Restarts services whose configuration changed and starts `startup: enabled` ones; waits for it. */
  async replan(): Promise<void> {
    await (await this.pebble()).replan();
  }

  /** Starts the named services and waits; ChangeError if one fails to start. */
  async start(...names: string[]): Promise<void> {
    if (names.length === 0) throw new TypeError('start expected at least 1 argument, got 0');
    await (await this.pebble()).startServices(names);
  }

  /** Stops the named services and waits. */
  async stop(...names: string[]): Promise<void> {
    if (names.length === 0) throw new TypeError('stop expected at least 1 argument, got 0');
    await (await this.pebble()).stopServices(names);
  }

  /** Restarts the named services (stopped ones are started); on an old Pebble, stops and starts them. */
  async restart(...names: string[]): Promise<void> {
    if (names.length === 0) throw new TypeError('restart expected at least 1 argument, got 0');
    const client = await this.pebble();
    const { APIError } = await loadPebble();
    try {
      await client.restartServices(names);
    } catch (error) {
      // Pebble before the "restart" action answers 400: do what it would do, as ops does.
      if (!(error instanceof APIError) || error.code !== 400) throw error;
      const running = Object.values(await this.getServices(...names))
        .filter((s) => s.current === 'active')
        .map((s) => s.name);
      if (running.length > 0) await client.stopServices(running);
      await client.startServices(names);
    }
  }

  /** The named services (all when none are named), by name. */
  async getServices(...names: string[]): Promise<Record<string, ServiceInfo>> {
    const list = await (await this.pebble()).getServices(names);
    return Object.fromEntries(list.map((s) => [s.name, s]));
  }

  /** One service; ModelError if the plan has no such service. */
  async getService(name: string): Promise<ServiceInfo> {
    const service = (await this.getServices(name))[name];
    if (!service) throw new ModelError(`service ${JSON.stringify(name)} not found`);
    return service;
  }

  /** Sends a signal (e.g. `SIGHUP`) to the named running services. */
  async sendSignal(signal: string, ...services: string[]): Promise<void> {
    if (services.length === 0) throw new TypeError('sendSignal expected at least 1 service name, got 0');
    await (await this.pebble()).sendSignal(signal, services);
  }

  /** Checks by name: all, the named ones (`getChecks('ready')`), or filtered by level and names. */
  async getChecks(...names: string[]): Promise<Record<string, CheckInfo>>;
  async getChecks(filter: CheckFilter): Promise<Record<string, CheckInfo>>;
  async getChecks(...args: (string | CheckFilter)[]): Promise<Record<string, CheckInfo>> {
    const first = args[0];
    const filter: CheckFilter =
      typeof first === 'object' ? first : { names: args.filter((a) => typeof a === 'string') };
    const list = await (await this.pebble()).getChecks({
      ...(filter.level ? { level: filter.level } : {}),
      ...(filter.names ? { names: filter.names } : {}),
    });
    return Object.fromEntries(list.map((c) => [c.name, c]));
  }

  /** One check; ModelError if the plan has no such check. */
  async getCheck(name: string): Promise<CheckInfo> {
    const check = (await this.getChecks(name))[name];
    if (!check) throw new ModelError(`check ${JSON.stringify(name)} not found`);
    return check;
  }

  /** Starts stopped checks; returns the names that changed. */
  async startChecks(...names: string[]): Promise<string[]> {
    return (await this.pebble()).startChecks(names);
  }

  /** Stops running checks; returns the names that changed. */
  async stopChecks(...names: string[]): Promise<string[]> {
    return (await this.pebble()).stopChecks(names);
  }

  /** Notices matching the filter (types, keys, user, after). */
  async getNotices(filter: NoticesFilter = {}): Promise<Notice[]> {
    return (await this.pebble()).getNotices(filter);
  }

  /** One notice by id; ModelError if Pebble has none with that id. */
  async getNotice(id: string): Promise<Notice> {
    const client = await this.pebble();
    const { APIError } = await loadPebble();
    try {
      return await client.getNotice(id);
    } catch (error) {
      if (error instanceof APIError && error.code === 404) {
        throw new ModelError(`notice ${JSON.stringify(id)} not found`, { cause: error });
      }
      throw error;
    }
  }

  /** Writes a file in the container (PathError on failure, e.g. a missing parent without `makeDirs`). */
  async push(path: string, source: string | Buffer, opts: PushOptions = {}): Promise<void> {
    await (await this.pebble()).push(path, source, opts);
  }

  /** Reads a file as text (utf-8 unless `encoding` says otherwise). */
  async pull(path: string, opts?: { encoding?: BufferEncoding }): Promise<string>;
  /** Reads a file as raw bytes. */
  async pull(path: string, opts: { encoding: null }): Promise<Buffer>;
  async pull(path: string, opts: { encoding?: BufferEncoding | null } = {}): Promise<string | Buffer> {
    const client = await this.pebble();
    return opts.encoding === null
      ? client.pull(path, { encoding: null })
      : client.pull(path, opts.encoding ? { encoding: opts.encoding } : {});
  }

  /** Whether a path exists in the container. */
  async exists(path: string): Promise<boolean> {
    return (await this.describe(path)) !== undefined;
  }

  /** Whether a path exists and is a directory. */
  async isDir(path: string): Promise<boolean> {
    return (await this.describe(path))?.type === 'directory';
  }

  /** The entries of a directory (or the file itself), optionally filtered by a glob `pattern`. */
  async listFiles(path: string, opts: ListFilesOptions = {}): Promise<FileInfo[]> {
    return (await this.pebble()).listFiles(path, opts);
  }

  /** Creates a directory (`makeParents` also accepts an existing one). */
  async makeDir(path: string, opts: MakeDirOptions = {}): Promise<void> {
    await (await this.pebble()).makeDir(path, opts);
  }

  /** Removes a file or an empty directory, or with `recursive` a whole tree. */
  async removePath(path: string, opts: RemovePathOptions = {}): Promise<void> {
    await (await this.pebble()).removePath(path, opts);
  }

  /** Runs a command; await it for the process, or call `.wait()` / `.waitOutput()` on the result. */
  exec(command: readonly string[], opts?: ExecOptions & { encoding?: BufferEncoding }): ExecPromise<string>;
  /** Runs a command with raw Buffer output. */
  exec(command: readonly string[], opts: ExecOptions & { encoding: null }): ExecPromise<Buffer>;
  exec(command: readonly string[], opts: ExecOptions = {}): ExecPromise<string> | ExecPromise<Buffer> {
    if (opts.encoding === null) {
      const o = { ...opts, encoding: null };
      return execPromise<Buffer>(this.pebble().then((c) => c.exec(command, o)));
    }
    const o = { ...opts, encoding: opts.encoding ?? 'utf8' };
    return execPromise<string>(this.pebble().then((c) => c.exec(command, o)));
  }

  /** The FileInfo of a path itself, or undefined when it does not exist (404). */
  private async describe(path: string): Promise<FileInfo | undefined> {
    const client = await this.pebble();
    const { APIError } = await loadPebble();
    try {
      return (await client.listFiles(path, { itself: true }))[0];
    } catch (error) {
      if (error instanceof APIError && error.code === 404) return undefined;
      throw error;
    }
  }

  toString(): string {
    return `Container(${this.name})`;
  }
}

/** The containers a unit has: one Container per name in metadata, made on first access. */
export class ContainerMapping {
  readonly #made = new Map<string, Container>();

  constructor(
    /** The container names declared in metadata. */
    readonly names: readonly string[],
    private readonly pebbleDir: string = DEFAULT_PEBBLE_DIR,
    private readonly ports: ContainerPorts = {},
  ) {}

  /** The container with this name (the same object each time); ModelError if metadata has none. */
  get(name: string): Container {
    let container = this.#made.get(name);
    if (!container) {
      if (!this.names.includes(name)) throw new ModelError(`container ${JSON.stringify(name)} not found`);
      container = new Container(name, this.pebbleDir, this.ports[name]);
      this.#made.set(name, container);
    }
    return container;
  }

  /** Every container by name. */
  all(): Readonly<Record<string, Container>> {
    return Object.freeze(Object.fromEntries(this.names.map((n) => [n, this.get(n)])));
  }
}
