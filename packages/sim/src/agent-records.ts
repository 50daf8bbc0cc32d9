/**
 * What the simulator keeps next to packages/juju's ModelState: the unit agents (hook queues, errors),
 * where each application's charm came from, and the Pebble state of each container. Plain JSON, saved
 * as `sim.json` in the model directory.
 */
import type { PebbleSnapshot } from '@ops-ts/pebble/server';
import type { Fault } from './faults/fault-spec.js';
import type { HookRequest } from './hook-runner.js';

/** Why a unit stopped running hooks. */
export interface UnitError {
  /** Hook (or `action:<name>`) that failed. */
  hook: string;
  /** The status message Juju shows: `hook failed: "<hook>"`. */
  message: string;
}

/** The simulator's unit agent: a queue of hooks run one at a time, halted by a failed hook. */
export interface UnitAgent {
  /** Hooks still to run, in order. */
  queue: HookRequest[];
  /** Set when a hook failed; cleared by `resolve`. The failed hook stays at the head of the queue. */
  error: UnitError | null;
  /** Whether `start` has run (update-status only runs on started units). */
  started: boolean;
  /** True while the hook at the head of the queue runs (it leaves the queue when it ends). */
  running?: boolean;
  /** Machine models: the machine the unit was placed on (Juju gives each new unit a new machine). */
  machine?: string;
}

/** Where an application's charm came from. */
export interface AppSource {
  /** The `.charm` copied into the model directory. */
  charmFile: string;
  /** Local revision, bumped by each `refresh`. */
  revision: number;
  /** Set by `remove-application`: deleted once its units are gone. */
  dying?: boolean;
  /**
   * `real`: each container is a long-lived Pebble daemon that runs the plan's services as host
   * processes, runs exec and checks for real (`deploy --workloads real`). Unset: the stub mode.
   */
  workloads?: 'real';
  /** Container ports of real workloads per container (each gets a loopback port on the host). */
  workloadPorts?: Record<string, number[]>;
  /** The base deployed on (`ubuntu@22.04`; `deploy --base`). */
  base?: string;
  /** Resource files given with `deploy --resource name=path` (absolute paths). */
  resources?: Record<string, string>;
}

/**
 * A canned answer for `exec` in a container (the simulator runs no workloads), like Scenario's
 * `Exec` mocks: the first stub whose command is a prefix of the exec'd command answers.
 */
export interface ExecStub {
  /** Container name. */
  container: string;
  /** Command prefix to match (argv). */
  command: string[];
  /** Exit code to report. */
  exitCode: number;
  /** Standard output to report. */
  stdout: string;
  /** Standard error to report. */
  stderr: string;
}

/** A host process that runs in place of a Pebble service's command, for every unit of an application. */
export interface ServiceStandIn {
  /** Container name (declared by the charm). */
  container: string;
  /** Pebble service name. */
  service: string;
  /** The argv to run (relative paths already resolved). */
  command: string[];
  /** Container ports the workload listens on; each gets a loopback port on the host. */
  ports: number[];
}

/** A stand-in process started for one unit's service (its own process group, led by `pid`). */
export interface WorkloadProcess {
  /** Process id, also the process-group id. */
  pid: number;
  /** The process's start time as the kernel counts it, so a reused pid is never taken for it. */
  startTime?: string;
  /** The argv it runs. */
  command: string[];
  /** Its stdout/stderr log file. */
  log: string;
  /** ISO time it was started. */
  startedAt: string;
  /** How it ended, when the command that started it saw it end. */
  exit?: { exitCode: number | null; signal: string | null };
}

/** A running Pebble daemon of one unit's container (real workloads). */
export interface PebbleDaemonRecord extends WorkloadProcess {
  /** Its unix socket (`$OPS_TS_PEBBLE_DIR/<container>/pebble.socket` for the unit's hooks). */
  socket: string;
}

/** The simulator's own part of the model (`sim.json`). */
export interface AgentRecords {
  /** Format version of this file. */
  version: 1;
  /** Charm source per application. */
  apps: Record<string, AppSource>;
  /** Agents per unit. */
  units: Record<string, UnitAgent>;
  /** Pebble state per unit, per container. */
  pebble: Record<string, Record<string, PebbleSnapshot>>;
  /** Number of hooks run so far (the next hook-log sequence number). */
  hookSeq: number;
  /** Last host byte handed out for unit addresses (10.1.x.y). */
  addressSeq: number;
  /** Exec stubs per application. */
  execStubs?: Record<string, ExecStub[]>;
  /** Service stand-ins per application. */
  standIns?: Record<string, ServiceStandIn[]>;
  /** Running stand-in processes per unit, container and service. */
  workloads?: Record<string, Record<string, Record<string, WorkloadProcess>>>;
  /** Host loopback port per unit, container and container port (stable across commands). */
  hostPorts?: Record<string, Record<string, Record<string, number>>>;
  /** The Pebble daemons of real-workload units, per unit and container. */
  pebbleDaemons?: Record<string, Record<string, PebbleDaemonRecord>>;
  /** Last status (`up`/`down`) the charm was told of, per real-workload unit, container and check. */
  checkStatus?: Record<string, Record<string, Record<string, 'up' | 'down'>>>;
  /** Stand-ins of removed units, still to be killed. */
  orphanWorkloads?: WorkloadProcess[];
  /** Machine models: the number of machines made so far (the next machine id). */
  machineSeq?: number;
  /** Injected faults (`sim fault add`), applied to every hook run until cleared or spent. */
  faults?: Fault[];
  /** Last fault id handed out. */
  faultSeq?: number;
}

/** An empty simulator state. */
export function newAgentRecords(): AgentRecords {
  return { version: 1, apps: {}, units: {}, pebble: {}, hookSeq: 0, addressSeq: 0 };
}

/** One line of the hook log (`hooks.jsonl`): what ran, where, and how it ended. */
export interface HookLogEntry {
  /** Sequence number in the model. */
  seq: number;
  /** Unit that ran it. */
  unit: string;
  /** Hook name, or `action:<name>`. */
  hook: string;
  /** Relation id of relation hooks. */
  relationId?: number;
  /** `JUJU_REMOTE_UNIT` when set. */
  remoteUnit?: string;
  /** `JUJU_REMOTE_APP` for app-data relation-changed. */
  remoteApp?: string;
  /** Exit code of dispatch. */
  exitCode: number;
  /** ISO time the hook started. */
  startedAt: string;
  /** Wall time in milliseconds. */
  durationMs: number;
  /** Last lines of stderr when the hook failed. */
  stderr?: string;
  /** Injected faults that fired in this hook: `<id>: <what>`. */
  faults?: string[];
}

/** The display name of a hook request: the hook, or `action:<name>`. */
export function hookName(req: HookRequest): string {
  return req.hookName ?? `action:${req.actionName ?? ''}`;
}
