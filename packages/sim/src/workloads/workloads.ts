/**
 * The stand-in processes of a model: Pebble service runners per container, the host ports that stand
 * for container ports, and stopping stand-ins (on request, and when their unit is removed). Processes
 * outlive the command that started them; what later commands need to find them is kept in the model.
 */
import type { ChildProcess } from 'node:child_process';
import { mergeLayers, parseDuration } from '@ops-ts/pebble';
import type { ServiceExit, ServiceRunner } from '@ops-ts/pebble/server';
import type { WorkloadProcess } from '../agent-records.js';
import type { SimContext } from '../context.js';
import { freeLoopbackPort } from './host-ports.js';
import { PebbleDaemons } from './pebble-daemons.js';
import { killGroup, processRunning } from './process-group.js';
import { StandInRunner } from './stand-in-runner.js';
import { declaredPorts } from './stand-ins.js';

/** Grace before SIGKILL when the plan sets no `kill-delay` (Pebble's default). */
const DEFAULT_KILL_DELAY_MS = 5000;

/** Moves a removed unit's stand-ins to the list of processes still to kill (sync: unit removal is). */
export function orphanUnitWorkloads(ctx: SimContext, unit: string): void {
  const records = ctx.sim.workloads?.[unit];
  if (records) {
    const procs = Object.values(records).flatMap((byService) => Object.values(byService));
    if (procs.length > 0) ctx.sim.orphanWorkloads = [...(ctx.sim.orphanWorkloads ?? []), ...procs];
    delete ctx.sim.workloads?.[unit];
  }
  // Real-workload daemons: the reaper's SIGTERM makes each stop its services.
  const daemons = Object.values(ctx.sim.pebbleDaemons?.[unit] ?? {});
  if (daemons.length > 0) ctx.sim.orphanWorkloads = [...(ctx.sim.orphanWorkloads ?? []), ...daemons];
  delete ctx.sim.pebbleDaemons?.[unit];
  delete ctx.sim.checkStatus?.[unit];
  delete ctx.sim.hostPorts?.[unit];
}

/** The stand-ins of one model. */
export class Workloads {
  /** Stand-ins this process started: their exit is seen as it happens, with its code. */
  readonly #children = new Map<number, ChildProcess>();
  readonly #exits = new Map<number, ServiceExit>();
  #reaping: Promise<void> = Promise.resolve();
  #allocating: Promise<void> = Promise.resolve();

  /** The Pebble daemons of real-workload units. */
  readonly daemons: PebbleDaemons;

  constructor(
    /** The model. */
    readonly ctx: SimContext,
    /** argv that runs a Pebble daemon given its config file (real workloads). */
    daemonCommand?: readonly string[],
  ) {
    this.daemons = new PebbleDaemons(ctx, daemonCommand);
  }

  /** Units with stand-ins or Pebble daemons running (or recorded). */
  units(): string[] {
    return [...new Set([...Object.keys(this.ctx.sim.workloads ?? {}), ...this.daemons.units()])];
  }

  /** The Pebble service runner of a unit's container. */
  runner(unit: string, container: string): ServiceRunner {
    return new StandInRunner(this, unit, container);
  }

  /** Watches a stand-in this process spawned, without keeping the process alive for it. */
  track(child: ChildProcess): void {
    const pid = child.pid;
    if (pid === undefined) return;
    this.#children.set(pid, child);
    child.on('error', () => {});
    child.once('exit', (exitCode, signal) => {
      this.#exits.set(pid, { exitCode, signal });
      this.#children.delete(pid);
    });
    child.unref();
  }

  /** How a stand-in ended, or undefined while it runs (recorded in the model once seen). */
  exitOf(record: WorkloadProcess): ServiceExit | undefined {
    if (record.exit) return record.exit;
    const seen = this.#exits.get(record.pid);
    if (!seen && (this.#children.has(record.pid) || processRunning(record.pid, record.startTime))) {
      return undefined;
    }
    // Not our child any more (the command that started it has ended): the exit code is lost.
    record.exit = seen ?? { exitCode: null, signal: null };
    return record.exit;
  }

  /**
   * Allocates the host ports of a unit's declared container ports (once; kept in the model). One
   * allocation at a time: two units probing side by side could be handed the same just-closed port.
   */
  ensurePorts(unit: string): Promise<void> {
    const next = this.#allocating.then(() => this.allocatePorts(unit));
    this.#allocating = next.catch(() => {});
    return next;
  }

  private async allocatePorts(unit: string): Promise<void> {
    const declared = declaredPorts(this.ctx, unit);
    if (declared.size === 0) return;
    const sim = this.ctx.sim;
    sim.hostPorts ??= {};
    const taken = new Set(
      Object.values(sim.hostPorts).flatMap((byContainer) =>
        Object.values(byContainer).flatMap((ports) => Object.values(ports)),
      ),
    );
    const byContainer = sim.hostPorts[unit] ?? {};
    sim.hostPorts[unit] = byContainer;
    for (const [container, ports] of declared) {
      const mine = byContainer[container] ?? {};
      byContainer[container] = mine;
      for (const port of ports) {
        if (mine[String(port)] !== undefined) continue;
        const host = await freeLoopbackPort(taken);
        taken.add(host);
        mine[String(port)] = host;
      }
    }
  }

  /** `OPS_TS_CONTAINER_PORTS` for a unit's hooks (empty when it has no mapped ports). */
  env(unit: string): Record<string, string> {
    const ports = this.ctx.sim.hostPorts?.[unit];
    if (!ports || Object.keys(ports).length === 0) return {};
    return { OPS_TS_CONTAINER_PORTS: JSON.stringify(ports) };
  }

  /** The plan's `kill-delay` of a service, else Pebble's default. */
  private killDelayMs(unit: string, container: string, service: string): number {
    try {
      const layers = this.ctx.sim.pebble[unit]?.[container]?.layers ?? [];
      const delay = mergeLayers(layers).services?.[service]?.['kill-delay'];
      return delay ? parseDuration(delay) * 1000 : DEFAULT_KILL_DELAY_MS;
    } catch {
      return DEFAULT_KILL_DELAY_MS;
    }
  }

  /**
   * Kills the stand-ins of these units and marks their services `inactive` in the saved Pebble state.
   * The units' Pebble servers must not be running (their state would overwrite the saved one).
   */
  async stopUnits(units: readonly string[]): Promise<void> {
    for (const unit of units) {
      await this.daemons.stopUnit(unit);
      for (const [container, records] of Object.entries(this.ctx.sim.workloads?.[unit] ?? {})) {
        for (const [service, record] of Object.entries(records)) {
          await killGroup(record.pid, record.startTime, this.killDelayMs(unit, container, service));
          delete records[service];
          const saved = this.ctx.sim.pebble[unit]?.[container]?.services[service];
          if (saved?.current === 'active') {
            saved.current = 'inactive';
            saved.since = new Date().toISOString();
          }
        }
      }
    }
  }

  /** Kills the stand-ins of removed units (one reaper at a time: units finish side by side). */
  reap(): Promise<void> {
    this.#reaping = this.#reaping.then(async () => {
      for (;;) {
        const record = this.ctx.sim.orphanWorkloads?.[0];
        if (!record) break;
        try {
          await killGroup(record.pid, record.startTime, DEFAULT_KILL_DELAY_MS);
        } catch {
          // Not ours to kill (EPERM) or unkillable: nothing more can be done about it.
        }
        // Dropped only once dead, so a crash meanwhile leaves it for the next command to kill.
        this.ctx.sim.orphanWorkloads?.shift();
      }
      delete this.ctx.sim.orphanWorkloads;
    });
    return this.#reaping;
  }
}
