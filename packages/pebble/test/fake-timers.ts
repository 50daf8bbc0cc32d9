// A fake clock for the supervising parts of the server: nothing runs until the test advances time.
import type { TimerHandle, Timers } from '../src/server/index.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/** Lets promise callbacks (and the I/O-free async code they start) run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Timers on a virtual clock; `random` is 0 (no restart jitter) unless set. */
export class FakeTimers implements Timers {
  now = 0;
  random: () => number = () => 0;
  private pending = new Map<TimerHandle, Pending>();
  private seq = 0;

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { timer: this.seq };
    this.pending.set(handle, { at: this.now + Math.max(0, ms), seq: this.seq++, fn });
    return handle;
  }

  clearTimeout(handle: TimerHandle | undefined): void {
    if (handle) this.pending.delete(handle);
  }

  /** Moves the clock forward by `ms`, running each timer due on the way (in order) and what it starts. */
  async advance(ms: number): Promise<void> {
    const target = this.now + ms;
    await flush();
    for (;;) {
      const next = [...this.pending.entries()]
        .filter(([, p]) => p.at <= target)
        .sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      const [handle, p] = next;
      this.pending.delete(handle);
      this.now = p.at;
      p.fn();
      await flush();
    }
    this.now = target;
  }
}
