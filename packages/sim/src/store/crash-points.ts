/**
 * A test hook for the crash-consistency suite (test/sim-crash.test.ts): `OPS_TS_SIM_CRASH_AT=<step>[:<n>]`
 * makes the process SIGKILL itself the nth time (default the first) a model write reaches `<step>`, so a
 * test can crash it between any two writes of a save, or with a file half written. Unset, it does nothing.
 */

/** The points of a model write a crash can be injected at, in the order a save reaches them. */
export const CRASH_STEPS = [
  /** The new generation's directory exists, empty. */
  'generation-dir',
  /** Half of the new `state.json` is written. */
  'state-partial',
  /** `state.json` of the new generation is written, `sim.json` not yet. */
  'state-written',
  /** Both documents are written; `current` still names the previous generation. */
  'sim-written',
  /** The new `current` link exists under a temporary name, not yet renamed over `current`. */
  'link-made',
  /** `current` names the new generation (committed); older generations not yet removed. */
  'committed',
  /** Half of a hook-log line is appended. */
  'hook-log-partial',
  /** A hook-log line is appended; the model that counts it is not saved yet. */
  'hook-log-written',
] as const;

/** A point of a model write (see {@link CRASH_STEPS}). */
export type CrashStep = (typeof CRASH_STEPS)[number];

/** Where a store may crash itself, as `OPS_TS_SIM_CRASH_AT` asks. */
export class CrashPoints {
  readonly #step: CrashStep | undefined;
  readonly #nth: number;
  #seen = 0;

  /** Reads the setting (`step` or `step:n`); a bad one is refused, naming it, so a typo never passes silently. */
  constructor(setting: string | undefined = process.env.OPS_TS_SIM_CRASH_AT) {
    if (setting === undefined || setting === '') {
      this.#nth = 0;
      return;
    }
    const [step = '', nth = '1'] = setting.split(':');
    if (!(CRASH_STEPS as readonly string[]).includes(step) || !/^[1-9]\d*$/.test(nth)) {
      throw new Error(
        `invalid OPS_TS_SIM_CRASH_AT ${JSON.stringify(setting)} (expected <step>[:<n>], step one of ${CRASH_STEPS.join(', ')})`,
      );
    }
    this.#step = step as CrashStep;
    this.#nth = Number(nth);
  }

  /** Whether the process is to die at this reach of `step` (counts the reach). */
  private due(step: CrashStep): boolean {
    if (step !== this.#step) return false;
    this.#seen += 1;
    return this.#seen === this.#nth;
  }

  /** Dies here if asked to. */
  reach(step: CrashStep): void {
    if (this.due(step)) process.kill(process.pid, 'SIGKILL');
  }

  /** Dies after `write` put half of `text` down, if asked to; else does nothing (the caller writes it whole). */
  partial(step: CrashStep, text: string, write: (half: string) => void): void {
    if (!this.due(step)) return;
    write(text.slice(0, Math.floor(text.length / 2)));
    process.kill(process.pid, 'SIGKILL');
  }
}
