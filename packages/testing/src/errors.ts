/** What a run can fail with. */
import type { State } from './state.js';

/** The input state (or the event) is impossible; the message lists every problem found. */
export class InconsistentStateError extends Error {
  override name = 'InconsistentStateError';
  constructor(
    /** Each problem, one sentence. */
    readonly problems: readonly string[],
  ) {
    super(`inconsistent state:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** The charm threw: the hook failed (exit 1) and Juju discarded its changes. `cause` is the charm's error. */
export class UncaughtCharmError extends Error {
  override name = 'UncaughtCharmError';
  constructor(
    message: string,
    /** What the charm threw. */
    override readonly cause: unknown,
    /** The dispatch's exit code. */
    readonly exitCode: number,
  ) {
    super(message, { cause });
  }
}

/** What an action reported. */
export interface ActionOutput {
  /** Results set with `event.setResults` (nested as Juju shows them). */
  readonly results: Readonly<Record<string, unknown>>;
  /** Messages sent with `event.log`, in order. */
  readonly logs: readonly string[];
  /** The message of `event.fail`, or undefined when the action did not fail. */
  readonly failureMessage: string | undefined;
}

/** The action called `event.fail()`; the run completed and `state` is its output. */
export class ActionFailed extends Error {
  override name = 'ActionFailed';
  constructor(
    message: string,
    /** The output state (the hook itself succeeded). */
    readonly state: State,
    /** Results and logs the action produced before failing. */
    readonly output: ActionOutput,
  ) {
    super(message);
  }
}
