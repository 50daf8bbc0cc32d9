/**
 * Errors a hook tool can raise. juju/cmd prints every error as `ERROR <msg>` and picks the exit
 * code from the phase: flag parsing and Init() exit 2, Run() exits 1.
 */

/** A flag-parse or Init() error: `ERROR <msg>`, exit 2. */
export class UsageError extends Error {
  /** The process exit code Juju uses for this phase. */
  readonly exitCode = 2;
}

/** A Run() error: `ERROR <msg>`, exit 1. */
export class RunError extends Error {
  /** The process exit code Juju uses for this phase. */
  readonly exitCode = 1;
}

/** Request to print help text on stdout and exit 0 (`-h`, `--help`). */
export class HelpRequested extends Error {}
