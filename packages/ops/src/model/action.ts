// The running action, as the model offers it: what `ActionEvent` uses instead of calling the backend.
import type { ModelBackend } from '../backend/backend.js';
import type { JsonObject } from '../types/json.js';

/** The action this dispatch runs: its raw params (read once) and the tools that answer it. */
export class RunningAction {
  #params: JsonObject | undefined;

  constructor(private readonly backend: ModelBackend) {}

  /** The params as Juju gives them (`action-get`, once per dispatch: every observer gets a fresh event). */
  rawParams(): JsonObject {
    this.#params ??= this.backend.actionGet();
    return this.#params;
  }

  /** Reports flat (dotted-key) results (`action-set`). */
  setResults(flat: Readonly<Record<string, string>>): void {
    this.backend.actionSet(flat);
  }

  /** Sends a progress message (`action-log`). */
  log(message: string): void {
    this.backend.actionLog(message);
  }

  /** Marks the action failed (`action-fail`). */
  fail(message: string): void {
    this.backend.actionFail(message);
  }
}
