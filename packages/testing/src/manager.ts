/** The run manager behind `Context.withManager`: one run paused with the charm built, before its event. */
import type { RunResult } from './run.js';
import type { State } from './state.js';

/** One run, in reach of the test before and after its event (Scenario's `mgr`). */
export interface RunManager<Ch> {
  /** The live charm: constructed, its observers registered, no event emitted yet (until `run()`). */
  readonly charm: Ch;
  /** Emits the event, commits, and returns the output state; once only. Throws as `Context.run` does. */
  run(): Promise<State>;
}

/** A managed run under way: `ready` once the charm exists, `finish()` to run it if the test did not. */
export interface ManagedRun<Ch> {
  /** The manager, once the charm is constructed (rejects when the run fails before that). */
  readonly ready: Promise<RunManager<Ch>>;
  /** Runs the event if `run()` was not called, and waits for the run to end. */
  finish(): Promise<void>;
}

/**
 * Starts a run that stops after constructing the charm. `execute` runs the dispatch and calls `ready`
 * with the charm; the dispatch waits until the test calls `run()`.
 */
export function startManagedRun<Ch>(
  execute: (ready: (charm: Ch) => Promise<void>) => Promise<RunResult>,
  stateOf: (result: RunResult) => State,
): ManagedRun<Ch> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let built!: (charm: Ch) => void;
  const charmBuilt = new Promise<Ch>((resolve) => {
    built = resolve;
  });
  const running = execute((charm) => {
    built(charm);
    return gate;
  });
  let ran: Promise<State> | undefined;
  const run = (): Promise<State> => {
    if (ran) return Promise.reject(new Error('run() was already called: a managed run runs its event once'));
    release();
    ran = running.then(stateOf);
    return ran;
  };
  // The run may end before the charm exists (bad state, a constructor that throws): that error wins.
  const ready = Promise.race([
    charmBuilt.then((charm): RunManager<Ch> => ({ charm, run })),
    running.then((result): never => {
      stateOf(result);
      throw new Error('the run ended before the charm was constructed');
    }),
  ]);
  return {
    ready,
    async finish() {
      // A failure the test already saw through run() is not raised again.
      if (ran) await ran.catch(() => {});
      else await run();
    },
  };
}
