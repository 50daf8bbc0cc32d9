/**
 * The Pebble service runner of one unit's container: services with a recorded stand-in run it as a
 * real host process (its own process group, output appended to a log file, never a pipe, so the CLI
 * can exit while it runs); other services only change state, as before.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Service } from '@ops-ts/pebble';
import type { ServiceExit, ServiceProcess, ServiceRunner } from '@ops-ts/pebble/server';
import type { WorkloadProcess } from '../agent-records.js';
import { killGroup, processStartTime } from './process-group.js';
import { standInFor } from './stand-ins.js';
import type { Workloads } from './workloads.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A recorded stand-in process, seen through Pebble's eyes. */
class StandInProcess implements ServiceProcess {
  constructor(
    private readonly host: Workloads,
    private readonly record: WorkloadProcess,
    private readonly onStopped: () => void,
  ) {}

  exit(): ServiceExit | undefined {
    return this.host.exitOf(this.record);
  }

  async waitExit(timeoutMs: number): Promise<ServiceExit | undefined> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const exit = this.exit();
      if (exit || Date.now() >= until) return exit;
      await sleep(Math.min(25, Math.max(1, until - Date.now())));
    }
  }

  async stop(killDelayMs: number): Promise<void> {
    await killGroup(this.record.pid, this.record.startTime, killDelayMs);
    appendFileSync(
      this.record.log,
      `[${new Date().toISOString()}] ops-ts sim: stopped (pid ${this.record.pid})\n`,
    );
    this.onStopped();
  }
}

/** The environment of a stand-in: a minimal base, the service's plan environment, the port mapping. */
function standInEnv(service: Service, ports: Readonly<Record<string, number>>): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    LANG: 'C.UTF-8',
    ...service.environment,
  };
  for (const [port, host] of Object.entries(ports)) env[`OPS_TS_PORT_${port}`] = String(host);
  return env;
}

function spawnError(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT') return new Error(`cannot find executable ${JSON.stringify(command)}`);
  if (error.code === 'EACCES') return new Error(`cannot run ${JSON.stringify(command)}: permission denied`);
  return new Error(error.message);
}

/** Runs the stand-ins of one unit's container for its Pebble server. */
export class StandInRunner implements ServiceRunner {
  constructor(
    private readonly host: Workloads,
    private readonly unit: string,
    private readonly container: string,
  ) {}

  private records(): Record<string, WorkloadProcess> {
    const sim = this.host.ctx.sim;
    const all = sim.workloads ?? {};
    sim.workloads = all;
    const unit = all[this.unit] ?? {};
    all[this.unit] = unit;
    const container = unit[this.container] ?? {};
    unit[this.container] = container;
    return container;
  }

  private forget(name: string, record: WorkloadProcess): void {
    const records = this.host.ctx.sim.workloads?.[this.unit]?.[this.container];
    if (records?.[name]?.pid === record.pid) delete records[name];
  }

  find(name: string): ServiceProcess | undefined {
    const record = this.host.ctx.sim.workloads?.[this.unit]?.[this.container]?.[name];
    return record ? new StandInProcess(this.host, record, () => this.forget(name, record)) : undefined;
  }

  async start(name: string, service: Service): Promise<ServiceProcess | undefined> {
    const { ctx } = this.host;
    const standIn = standInFor(ctx, this.unit, this.container, name);
    if (!standIn) return undefined;
    // A leftover from an earlier run (its state lost, or an exited leader with live children) would hold the port.
    const old = this.records()[name];
    if (old) {
      await killGroup(old.pid, old.startTime, 1000);
      this.forget(name, old);
    }
    await this.host.ensurePorts(this.unit);
    const ports = ctx.sim.hostPorts?.[this.unit]?.[this.container] ?? {};
    const log = ctx.store.workloadLog(this.unit, this.container, name);
    mkdirSync(dirname(log), { recursive: true, mode: 0o700 });
    const [command = '', ...args] = standIn.command;
    appendFileSync(log, `[${new Date().toISOString()}] ops-ts sim: starting ${standIn.command.join(' ')}\n`, {
      mode: 0o600,
    });
    const fd = openSync(log, 'a', 0o600);
    let child: ReturnType<typeof spawn>;
    try {
      child = spawn(command, args, {
        cwd: ctx.store.containerRoot(this.unit, this.container),
        env: standInEnv(service, ports),
        detached: true,
        stdio: ['ignore', fd, fd],
      });
    } finally {
      closeSync(fd);
    }
    if (child.pid === undefined) {
      const [error] = (await once(child, 'error')) as [NodeJS.ErrnoException];
      appendFileSync(log, `[${new Date().toISOString()}] ops-ts sim: ${error.message}\n`);
      throw spawnError(command, error);
    }
    const startTime = processStartTime(child.pid);
    const record: WorkloadProcess = {
      pid: child.pid,
      ...(startTime !== undefined ? { startTime } : {}),
      command: [...standIn.command],
      log,
      startedAt: new Date().toISOString(),
    };
    this.host.track(child);
    this.records()[name] = record;
    return new StandInProcess(this.host, record, () => this.forget(name, record));
  }
}
