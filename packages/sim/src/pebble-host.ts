/**
 * One Pebble-compatible server per workload container, started when the unit's hooks run and
 * snapshotted into the model afterwards (each CLI command is its own process). Sockets live in a
 * short temporary directory because unix socket paths are limited to ~107 bytes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unitApp } from '@ops-ts/juju';
import { type ExecRequest, type ExecResult, PebbleServer } from '@ops-ts/pebble/server';
import type { ExecStub } from './agent-records.js';
import { charmContainers } from './charm-file.js';
import type { SimContext } from './context.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { enqueue } from './hook-queue.js';
import { unitSlug } from './model-store.js';
import type { Workloads } from './workloads/workloads.js';

/** The simulator runs no workloads: without a stub, exec says so instead of pretending. */
export function unsupportedExec(req: ExecRequest): ExecResult {
  return {
    exitCode: 127,
    stderr: `ops-ts sim: exec is not supported in the simulator (command: ${req.command.join(' ')}); add a canned answer with \`sim exec-stub\`\n`,
  };
}

/** The stub answering an exec, if any: the first whose command is a prefix of the request's. */
export function matchExecStub(
  stubs: readonly ExecStub[],
  container: string,
  command: readonly string[],
): ExecStub | undefined {
  return stubs.find((s) => s.container === container && s.command.every((arg, i) => command[i] === arg));
}

/** The Pebble servers of the units of one model. */
export class PebbleHost {
  readonly #servers = new Map<string, Map<string, PebbleServer>>();
  /** Real-workload units whose daemons were ensured by this process. */
  readonly #daemonUnits = new Set<string>();
  #base: string | undefined;

  constructor(
    private readonly ctx: SimContext,
    /** Runs the service stand-ins. */
    private readonly workloads: Workloads,
    /** Injected Pebble faults (`sim fault add --pebble`). */
    private readonly faults?: FaultInjector,
  ) {}

  /** The containers a unit has (none on machine models). */
  containers(unit: string): string[] {
    if (this.ctx.state.model.type !== 'kubernetes') return [];
    const app = this.ctx.state.applications[unitApp(unit)];
    return app ? charmContainers(app.charm) : [];
  }

  /** Starts the unit's Pebble servers (restored from the model) unless they run already. */
  async ensure(unit: string): Promise<void> {
    const containers = this.containers(unit);
    if (containers.length === 0) return;
    // Before every hook: a stand-in recorded since the servers started may declare new ports.
    await this.workloads.ensurePorts(unit);
    const { daemons } = this.workloads;
    if (daemons.isReal(unit)) {
      // Real workloads: a long-lived daemon per container, checked (and restarted if dead) before every hook.
      for (const container of containers) {
        // A restarted container's Pebble is new and empty: Juju tells the charm with pebble-ready.
        if (await daemons.ensure(unit, container)) {
          enqueue(this.ctx, unit, { unit, hookName: `${container}-pebble-ready`, workloadName: container });
          // A new Pebble's checks start afresh: nothing the charm was told about the old one's carries over.
          delete this.ctx.sim.checkStatus?.[unit]?.[container];
        }
      }
      this.#daemonUnits.add(unit);
      return;
    }
    if (this.#servers.has(unit)) return;
    this.#base ??= mkdtempSync(join(tmpdir(), 'opsts-pebble-'));
    const servers = new Map<string, PebbleServer>();
    this.#servers.set(unit, servers);
    for (const container of containers) {
      const filesRoot = this.ctx.store.containerRoot(unit, container);
      mkdirSync(filesRoot, { recursive: true, mode: 0o700 });
      const restore = this.ctx.sim.pebble[unit]?.[container];
      const server = await PebbleServer.start({
        socketPath: join(this.#base, unitSlug(unit), container, 'pebble.socket'),
        filesRoot,
        execHandler: (req) => {
          const stub = matchExecStub(this.ctx.sim.execStubs?.[unitApp(unit)] ?? [], container, req.command);
          return stub
            ? { exitCode: stub.exitCode, stdout: stub.stdout, stderr: stub.stderr }
            : unsupportedExec(req);
        },
        serviceRunner: this.workloads.runner(unit, container),
        ...(restore ? { restore } : {}),
      });
      if (this.faults) server.intercept(this.faults.interceptor(unit, container));
      servers.set(container, server);
    }
  }

  /**
   * `OPS_TS_PEBBLE_DIR` for a unit's hooks (when it has running containers) and
   * `OPS_TS_CONTAINER_PORTS` (when its stand-ins declare ports).
   */
  env(unit: string): Record<string, string> {
    const ports = this.workloads.env(unit);
    if (this.#daemonUnits.has(unit))
      return { OPS_TS_PEBBLE_DIR: this.workloads.daemons.unitDir(unit), ...ports };
    if (!this.#base || !this.#servers.has(unit)) return ports;
    return { OPS_TS_PEBBLE_DIR: join(this.#base, unitSlug(unit)), ...ports };
  }

  /** Copies the state of a unit's servers (or daemons) into the model. */
  async snapshot(unit: string): Promise<void> {
    if (this.#daemonUnits.has(unit)) {
      for (const container of this.containers(unit)) {
        const saved = await this.workloads.daemons.snapshot(unit, container);
        if (saved && this.ctx.state.units[unit]) {
          this.ctx.sim.pebble[unit] ??= {};
          this.ctx.sim.pebble[unit][container] = saved;
        }
      }
      return;
    }
    const servers = this.#servers.get(unit);
    if (!servers || !this.ctx.state.units[unit]) return;
    const saved: Record<string, ReturnType<PebbleServer['snapshot']>> = {};
    for (const [container, server] of servers) saved[container] = server.snapshot();
    this.ctx.sim.pebble[unit] = saved;
  }

  /** Stops a unit's servers (after a snapshot if the unit still exists). */
  async stop(unit: string): Promise<void> {
    if (this.#daemonUnits.has(unit)) {
      // The daemons keep running; their state is copied for the views.
      await this.snapshot(unit);
      this.#daemonUnits.delete(unit);
      return;
    }
    const servers = this.#servers.get(unit);
    if (!servers) return;
    // Service starts still waiting out Pebble's okay delay decide the state to save.
    await Promise.all([...servers.values()].map((s) => s.servicesIdle()));
    await this.snapshot(unit);
    this.#servers.delete(unit);
    await Promise.all([...servers.values()].map((s) => s.close()));
  }

  /** Snapshots and stops every server and removes the socket directory. */
  async close(): Promise<void> {
    for (const unit of [...this.#servers.keys(), ...this.#daemonUnits]) await this.stop(unit);
    if (this.#base) rmSync(this.#base, { recursive: true, force: true });
    this.#base = undefined;
  }
}
