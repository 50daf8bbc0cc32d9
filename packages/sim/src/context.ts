/** The pieces every model operation works on. */
import type { ModelState } from '@ops-ts/juju';
import type { AgentRecords } from './agent-records.js';
import type { ModelStore } from './model-store.js';

/** A loaded model: its directory, the juju state and the simulator's state. */
export interface SimContext {
  /** The model directory. */
  readonly store: ModelStore;
  /** packages/juju model state (mutated in place). */
  readonly state: ModelState;
  /** Simulator state (mutated in place). */
  readonly sim: AgentRecords;
}
