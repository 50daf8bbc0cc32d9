/**
 * Runs checks for real on their period (canonical/pebble internals/overlord/checkstate/handlers.go
 * doPerformCheck/doRecoverCheck): every `period` the probe runs with the check's `timeout`, and its
 * outcome moves the check's state in the {@link CheckStore}. Defaults from internals/plan/plan.go:
 * period 10s, timeout 3s.
 */
import { parseDuration } from '../duration.js';
import type { Check } from '../layer-types.js';
import type { CheckStore } from './check-store.js';
import { goDurationString, secondsToNs } from './go-duration.js';
import type { Timers } from './timers.js';

/** plan.go defaultCheckPeriod. */
export const DEFAULT_CHECK_PERIOD_MS = 10_000;
/** plan.go defaultCheckTimeout. */
export const DEFAULT_CHECK_TIMEOUT_MS = 3_000;

/** Runs one probe of a check; rejects with the error Pebble would report. `signal` aborts it. */
export type CheckProbe = (name: string, check: Check, signal: AbortSignal) => Promise<void>;

function durationMs(text: string | undefined, fallback: number): number {
  if (!text) return fallback;
  try {
    return parseDuration(text) * 1000 || fallback;
  } catch {
    return fallback;
  }
}

/** Schedules the probes of running checks and feeds their outcomes to the store. */
export class CheckRunner {
  private readonly stopped = new AbortController();

  constructor(
    private readonly store: CheckStore,
    private readonly probe: CheckProbe,
    private readonly timers: Timers,
  ) {
    store.onStart((name, check, generation) => this.schedule(name, check, generation));
  }

  private schedule(name: string, check: Check, generation: number): void {
    if (this.stopped.signal.aborted) return;
    const period = durationMs(check.period, DEFAULT_CHECK_PERIOD_MS);
    this.timers.setTimeout(() => void this.tick(name, check, generation, period), period);
  }

  private async tick(name: string, check: Check, generation: number, period: number): Promise<void> {
    if (this.stopped.signal.aborted || !this.store.isCurrent(name, generation)) return;
    const error = await this.run(name, check);
    if (this.stopped.signal.aborted || !this.store.isCurrent(name, generation)) return;
    this.store.record(name, error);
    this.timers.setTimeout(() => void this.tick(name, check, generation, period), period);
  }

  /** handlers.go runCheck: the probe under the check's timeout; resolves with the error text, if any. */
  private async run(name: string, check: Check): Promise<string | undefined> {
    const timeoutMs = durationMs(check.timeout, DEFAULT_CHECK_TIMEOUT_MS);
    const abort = new AbortController();
    const onStop = (): void => abort.abort();
    this.stopped.signal.addEventListener('abort', onStop, { once: true });
    let timer: ReturnType<Timers['setTimeout']> | undefined;
    const timedOut = new Promise<string>((resolve) => {
      timer = this.timers.setTimeout(() => {
        // Settled before the abort, so the probe's own reaction to it does not win the race.
        resolve(`check timed out after ${goDurationString(secondsToNs(timeoutMs / 1000))}`);
        abort.abort();
      }, timeoutMs);
    });
    try {
      return await Promise.race([
        this.probe(name, check, abort.signal).then(
          () => undefined,
          (error: Error) => error.message,
        ),
        timedOut,
      ]);
    } finally {
      this.timers.clearTimeout(timer);
      this.stopped.signal.removeEventListener('abort', onStop);
    }
  }

  /** Stops scheduling and aborts probes in flight. */
  close(): void {
    this.stopped.abort();
  }
}
