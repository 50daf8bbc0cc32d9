/** Opening the model a `sim` command acts on, and printing hook progress while it runs. */
import { resolve } from 'node:path';
import { modelDirFor, type SimEvent, Simulator } from '@ops-ts/sim';

/** Options every `sim` command takes. */
export interface ModelOptions {
  /** Model name (`.sim/<model>`). */
  model?: string;
  /** Model directory (overrides `--model` and `$OPS_TS_SIM_DIR`). */
  modelDir?: string;
  /** No progress output. */
  quiet?: boolean;
  /** Set by the view commands: the model is read, never written (nor created). */
  readOnly?: boolean;
}

/** An open model plus how to finish with it. */
export interface Session {
  /** The model. */
  sim: Simulator;
  /** Saves and unlocks (a no-op inside `run-script`, which keeps one session). */
  done: () => Promise<void>;
}

/** Opens the model for one command. */
export type Opener = (opts: ModelOptions) => Session;

/** One line per finished hook on stderr: unit, hook, result. */
export function printProgress(event: SimEvent, write: (line: string) => void): void {
  if (event.kind !== 'hook-end') return;
  const { entry, result } = event;
  const remote = entry.remoteUnit ? ` (${entry.remoteUnit})` : entry.remoteApp ? ` (${entry.remoteApp})` : '';
  if (entry.exitCode === 0) {
    write(`${entry.unit}: ${entry.hook}${remote} ok (${entry.durationMs} ms)`);
    return;
  }
  const last = result.stderr.trimEnd().split('\n').at(-1) ?? '';
  write(`${entry.unit}: ${entry.hook}${remote} FAILED (exit ${entry.exitCode})${last ? `: ${last}` : ''}`);
}

/**
 * How this CLI runs a real-workload Pebble daemon: itself, `sim pebble-daemon <config>` (the config
 * path is appended).
 */
export function pebbleDaemonCommand(): string[] {
  return [process.execPath, resolve(process.argv[1] ?? ''), 'sim', 'pebble-daemon'];
}

/** Opens the model named by the options, printing progress unless quiet. */
export const openModel: Opener = (opts) => {
  const sim = Simulator.open({
    modelDir: modelDirFor(opts),
    pebbleDaemon: pebbleDaemonCommand(),
    ...(opts.readOnly ? { readOnly: true } : {}),
    ...(opts.quiet
      ? {}
      : { onEvent: (e: SimEvent) => printProgress(e, (l) => process.stderr.write(`${l}\n`)) }),
  });
  return { sim, done: () => sim.close() };
};
