/**
 * The Pebble daemons of real-workload units: one detached daemon per container on a short, stable
 * socket path, found again by later commands through the model (pid, start time, socket). A daemon
 * found dead is started afresh, its state lost as when a pod restarts. The unit's hooks reach it
 * through `OPS_TS_PEBBLE_DIR` as they reach the in-process servers of the stub mode.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unitApp } from '@ops-ts/juju';
import { Client, type Layer } from '@ops-ts/pebble';
import type { PebbleSnapshot } from '@ops-ts/pebble/server';
import type { PebbleDaemonRecord, WorkloadProcess } from '../agent-records.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { unitSlug } from '../model-store.js';
import type { PebbleDaemonConfig } from './pebble-daemon.js';
import { killGroup, processRunning, processStartTime } from './process-group.js';

/** How long a daemon may take to answer on its socket after it was started. */
const READY_MS = 15_000;
/** How long a daemon may take to stop its services after SIGTERM (their kill-delays run inside). */
const STOP_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether something accepts connections on the unix socket. */
function socketAnswers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function tail(path: string, lines = 10): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** The plan as one layer whose entries replace (so the model's views can merge it like any stack). */
function asLayer(layer: Layer): Layer {
  const replace = <T extends object>(entries: Record<string, T> | undefined) =>
    entries
      ? Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { ...v, override: 'replace' }]))
      : undefined;
  const out: Layer = { ...layer };
  const services = replace(layer.services);
  const checks = replace(layer.checks);
  const targets = replace(layer['log-targets']);
  if (services) out.services = services as Layer['services'];
  if (checks) out.checks = checks as Layer['checks'];
  if (targets) out['log-targets'] = targets as Layer['log-targets'];
  return out;
}

/** Real-workload daemons of one model. */
export class PebbleDaemons {
  constructor(
    private readonly ctx: SimContext,
    /** argv that runs a daemon given its config file (the CLI's `sim pebble-daemon`). */
    private readonly command: readonly string[] | undefined,
  ) {}

  /** Whether a unit's application runs real workloads. */
  isReal(unit: string): boolean {
    return this.ctx.sim.apps[unitApp(unit)]?.workloads === 'real';
  }

  /** `OPS_TS_PEBBLE_DIR` of a real-workload unit: short (socket paths are limited to ~107 bytes), stable. */
  unitDir(unit: string): string {
    const hash = createHash('sha256').update(this.ctx.store.dir).digest('hex').slice(0, 12);
    return join(tmpdir(), `opsts-${hash}`, unitSlug(unit));
  }

  private stateDir(unit: string, container: string): string {
    return join(this.ctx.store.dir, 'pebble-daemons', unitSlug(unit), container);
  }

  private records(unit: string): Record<string, PebbleDaemonRecord> {
    this.ctx.sim.pebbleDaemons ??= {};
    const all = this.ctx.sim.pebbleDaemons;
    all[unit] ??= {};
    return all[unit];
  }

  /** Starts the container's daemon unless it runs and answers; true when it replaced an earlier one. */
  async ensure(unit: string, container: string): Promise<boolean> {
    const record = this.ctx.sim.pebbleDaemons?.[unit]?.[container];
    if (record && processRunning(record.pid, record.startTime) && (await socketAnswers(record.socket)))
      return false;
    if (record) {
      process.stderr.write(
        `ops-ts sim: the Pebble daemon of ${unit} container ${container} (pid ${record.pid}) is gone; starting a new one (its plan and service states are lost, as when a pod restarts)\n`,
      );
      await this.stopOne(unit, container, record);
    }
    // A container that had a daemon before (dead, or stopped by stop-workloads) starts over empty.
    const hadOne = record !== undefined || this.ctx.sim.pebble[unit]?.[container] !== undefined;
    await this.start(unit, container);
    return hadOne;
  }

  private async start(unit: string, container: string): Promise<void> {
    if (!this.command || this.command.length === 0) {
      throw new SimError(
        'real workloads need a Pebble daemon command (the ops-ts CLI passes one; Simulator option pebbleDaemon)',
      );
    }
    const dir = this.stateDir(unit, container);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const filesRoot = this.ctx.store.containerRoot(unit, container);
    mkdirSync(filesRoot, { recursive: true, mode: 0o700 });
    const socketPath = join(this.unitDir(unit), container, 'pebble.socket');
    const logDir = dirname(this.ctx.store.workloadLog(unit, container, 'pebble'));
    mkdirSync(logDir, { recursive: true, mode: 0o700 });
    const config: PebbleDaemonConfig = {
      socketPath,
      filesRoot,
      logDir,
      ports: this.ctx.sim.hostPorts?.[unit]?.[container] ?? {},
      servicesFile: join(dir, 'services.json'),
    };
    const configPath = join(dir, 'daemon.json');
    writeFileSync(configPath, JSON.stringify(config, null, 2), { mode: 0o600 });
    rmSync(config.servicesFile, { force: true });
    // The daemon's own lines show in debug-log as workload.<container>.pebble.
    const log = join(logDir, 'pebble.log');
    const fd = openSync(log, 'a', 0o600);
    const [program = '', ...args] = this.command;
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(program, [...args, configPath], {
        cwd: this.ctx.store.dir,
        detached: true,
        stdio: ['ignore', fd, fd],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8' },
      });
    } finally {
      closeSync(fd);
    }
    let exited = false;
    child.once('exit', () => {
      exited = true;
    });
    child.on('error', () => {
      exited = true;
    });
    child.unref();
    const pid = child.pid;
    if (pid === undefined)
      throw new SimError(`cannot start the Pebble daemon of ${unit} container ${container}`);
    const startTime = processStartTime(pid);
    this.records(unit)[container] = {
      pid,
      ...(startTime !== undefined ? { startTime } : {}),
      command: [...this.command, configPath],
      log,
      startedAt: new Date().toISOString(),
      socket: socketPath,
    };
    const until = Date.now() + READY_MS;
    while (!(await socketAnswers(socketPath))) {
      if (exited || Date.now() > until) {
        delete this.records(unit)[container];
        throw new SimError(
          `the Pebble daemon of ${unit} container ${container} did not start:\n${tail(log)}`,
        );
      }
      await sleep(25);
    }
  }

  /** The daemon's plan and service states, for the model's views (`plan`, `show-unit`). */
  async snapshot(unit: string, container: string): Promise<PebbleSnapshot | undefined> {
    const record = this.ctx.sim.pebbleDaemons?.[unit]?.[container];
    if (!record) return undefined;
    try {
      const client = new Client({ socketPath: record.socket, timeout: 5 });
      const plan = (await client.getPlan()).toLayer();
      const services = await client.getServices();
      return {
        layers: [{ label: 'pebble-daemon', layer: asLayer(plan) }],
        services: Object.fromEntries(
          services.map((s) => [s.name, { current: s.current, since: s['current-since'] ?? '' }]),
        ),
      };
    } catch {
      return undefined;
    }
  }

  /** The daemon's checks and their status (`up`/`down`), or undefined when it does not answer. */
  async checks(unit: string, container: string): Promise<Record<string, 'up' | 'down'> | undefined> {
    const record = this.ctx.sim.pebbleDaemons?.[unit]?.[container];
    if (!record) return undefined;
    try {
      const checks = await new Client({ socketPath: record.socket, timeout: 5 }).getChecks();
      return Object.fromEntries(checks.map((c) => [c.name, c.status === 'down' ? 'down' : 'up'] as const));
    } catch {
      return undefined;
    }
  }

  /** Units that have daemons recorded. */
  units(): string[] {
    return Object.keys(this.ctx.sim.pebbleDaemons ?? {});
  }

  /** Stops a unit's daemons (SIGTERM: they stop their services) and whatever their services left. */
  async stopUnit(unit: string): Promise<void> {
    for (const [container, record] of Object.entries(this.ctx.sim.pebbleDaemons?.[unit] ?? {})) {
      await this.stopOne(unit, container, record);
      const saved = this.ctx.sim.pebble[unit]?.[container]?.services ?? {};
      for (const service of Object.values(saved)) {
        if (service.current !== 'inactive') {
          service.current = 'inactive';
          service.since = new Date().toISOString();
        }
      }
    }
    delete this.ctx.sim.pebbleDaemons?.[unit];
    rmSync(this.unitDir(unit), { recursive: true, force: true });
    try {
      // The model's socket directory goes with its last unit.
      rmdirSync(dirname(this.unitDir(unit)));
    } catch {
      // Other units still have theirs.
    }
  }

  private async stopOne(unit: string, container: string, record: WorkloadProcess): Promise<void> {
    try {
      await killGroup(record.pid, record.startTime, STOP_MS);
    } catch {
      // Not ours to kill, or unkillable: its services are still handled below.
    }
    await killLeftovers(join(this.stateDir(unit, container), 'services.json'));
    delete this.ctx.sim.pebbleDaemons?.[unit]?.[container];
  }
}

/** Kills the service process groups a dead daemon recorded (a daemon stopped cleanly left none). */
async function killLeftovers(servicesFile: string): Promise<void> {
  if (!existsSync(servicesFile)) return;
  let procs: Record<string, { pid: number; startTime?: string }> = {};
  try {
    procs = JSON.parse(readFileSync(servicesFile, 'utf8')) as typeof procs;
  } catch {
    return;
  }
  for (const proc of Object.values(procs)) {
    try {
      await killGroup(proc.pid, proc.startTime, 1000);
    } catch {
      // Nothing more can be done about it.
    }
  }
  rmSync(servicesFile, { force: true });
}
