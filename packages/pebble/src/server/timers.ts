/**
 * The timers the supervising parts of the server (service restarts, check periods) schedule on. Real
 * time by default; tests pass a fake clock so backoff and check periods can be stepped through.
 */

/** An opaque handle of a scheduled callback. */
export type TimerHandle = { readonly timer: unknown };

/** Schedules callbacks; `random` feeds Pebble's restart jitter. */
export interface Timers {
  /** Calls `fn` once after `ms` milliseconds. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a scheduled callback (a no-op once it ran). */
  clearTimeout(handle: TimerHandle | undefined): void;
  /** A number in [0, 1), as Go's rand.Float64. */
  random(): number;
}

/** Node's timers (unref'd: a pending restart does not keep a process alive) and Math.random. */
export const REAL_TIMERS: Timers = {
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return { timer };
  },
  clearTimeout(handle) {
    if (handle) clearTimeout(handle.timer as NodeJS.Timeout);
  },
  random: () => Math.random(),
};
