import type { ServiceStatus } from '../api-types.js';
import type { LabelledLayer } from '../layer-merge.js';

/** One service's saved state. */
export interface ServiceSnapshot {
  /** Current status. */
  current: ServiceStatus;
  /** RFC 3339 time of the last state change. */
  since: string;
  /** Canonical configuration it was started with (drives restart-on-replan). */
  startedWith?: string;
}

/**
 * The state a fake Pebble keeps between processes (the simulator runs one CLI command per process):
 * the layer stack and service states. Files live on disk under the files root already; changes,
 * notices and exec sessions are per-process and not kept.
 */
export interface PebbleSnapshot {
  /** The layer stack, bottom first. */
  layers: LabelledLayer[];
  /** Service states by name. */
  services: Record<string, ServiceSnapshot>;
}
