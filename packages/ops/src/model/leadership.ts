import type { ModelBackend } from '../backend/backend.js';

/** Juju guarantees a true `is-leader` answer for at least this long; ops caches it as long. */
const LEASE_MS = 30_000;

/** Caches `is-leader` for the lease, timing from before the call as ops does. */
export class LeadershipCache {
  #value: boolean | undefined;
  #checkedAt = 0;

  constructor(
    private readonly backend: ModelBackend,
    // process.hrtime, not performance.now(): the latter loads perf_hooks (~0.5 ms) at the first call.
    private readonly now: () => number = () => Number(process.hrtime.bigint() / 1_000_000n),
  ) {}

  /** Whether this unit is the leader; one `is-leader` call per lease. */
  isLeader(): boolean {
    const now = this.now();
    if (this.#value === undefined || now - this.#checkedAt >= LEASE_MS) {
      this.#value = this.backend.isLeader();
      this.#checkedAt = now;
    }
    return this.#value;
  }
}
