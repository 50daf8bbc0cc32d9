import { LifecycleEvent } from '../framework/framework.js';
import { InvalidStatusError } from '../model/errors.js';
import { StatusBase } from '../model/status.js';

/**
 * Emitted after every (non-restricted) event so observers can each add the status they see; the framework
 * then sets the highest-priority one (error > blocked > maintenance > waiting > active, first added wins
 * ties). `collectAppStatus` runs on the leader only.
 */
export class CollectStatusEvent extends LifecycleEvent {
  /** Adds a candidate status; only active, blocked, maintenance and waiting are accepted. */
  addStatus(status: StatusBase): void {
    if (!(status instanceof StatusBase))
      throw new TypeError(`addStatus needs a status, got ${String(status)}`);
    if (!['active', 'blocked', 'maintenance', 'waiting'].includes(status.name)) {
      throw new InvalidStatusError(
        `status ${status.name} cannot be added; use active, blocked, maintenance or waiting`,
      );
    }
    if (status.name !== 'active') this.framework.logger.debug(`Adding status ${status.toString()}`);
    // Every observer gets a fresh event object, so the statuses are gathered on the model, as ops does.
    const which = this.handle.kind === 'collect_app_status' ? 'app' : 'unit';
    this.framework.model.collectedStatuses[which].push(status);
  }
}
