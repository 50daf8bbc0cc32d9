import type { Service } from '../layer-types.js';
import type { ProcessServiceRunner } from './process-runner.js';

/** How a service's process ended: its exit code, or the signal that killed it (null when not seen). */
export interface ServiceExit {
  /** Exit code; null when it was killed by a signal or its end was not observed. */
  exitCode: number | null;
  /** Name of the signal that ended it, if one did. */
  signal: string | null;
}

/** A running (or ended) process that stands for a service. */
export interface ServiceProcess {
  /** How it ended, or undefined while it still runs. Cheap enough to call on every status request. */
  exit(): ServiceExit | undefined;
  /** Resolves with the exit once it ends, or with undefined after `timeoutMs` if it still runs. */
  waitExit(timeoutMs: number): Promise<ServiceExit | undefined>;
  /** Stops it and everything it started (SIGTERM, SIGKILL after `killDelayMs`); resolves once gone. */
  stop(killDelayMs: number): Promise<void>;
  /**
   * Calls `listener` once when it ends (at once if it has ended). A server that supervises services
   * (restarts on exit) needs it; a runner whose processes outlive the server need not offer it.
   */
  onExit?(listener: (exit: ServiceExit) => void): void;
  /** Sends it a signal (`SIGHUP`, ...), as `POST /v1/signals` asks. */
  signal?(name: string): void;
}

/**
 * What the service manager calls to run services. Without one the server only keeps service states; a
 * host that really runs workloads supplies a runner that spawns processes (the simulator's stand-ins,
 * or {@link ProcessServiceRunner} for the plan's own commands).
 */
export interface ServiceRunner {
  /** Starts `name`'s process; undefined when this runner runs nothing for it (the state alone changes). */
  start(name: string, service: Service): Promise<ServiceProcess | undefined>;
  /** The process `name` runs now, possibly started by an earlier server (restored state). */
  find(name: string): ServiceProcess | undefined;
}

/** The default runner: no processes, services only change state (the server's behaviour without a host). */
export const STATE_ONLY_RUNNER: ServiceRunner = {
  start: () => Promise.resolve(undefined),
  find: () => undefined,
};
