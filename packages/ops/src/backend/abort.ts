/**
 * Ends the dispatch early with an exit code, without committing framework state (ops's `_Abort`).
 * Used by `loadConfig(..., 'blocked')`: the status is set, the hook succeeds, nothing else is saved.
 */
export class DispatchAbort extends Error {
  override name = 'DispatchAbort';
  constructor(readonly exitCode: number) {
    super(`dispatch aborted with exit code ${exitCode}`);
  }
}
