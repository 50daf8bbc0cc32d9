import { InvalidStatusError } from '../backend/errors.js';
import { LifecycleEvent } from '../framework/framework.js';
import { StatusBase, statusPriority } from '../model/status.js';
import type { CharmBase } from './charm-base.js';
import type { CharmTypes } from './charm-types.js';

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

/** Emits collect-status (app on the leader, then unit) and sets the winning statuses. */
export async function evaluateStatus(charm: CharmBase<CharmTypes>): Promise<void> {
  const collected = charm.model.collectedStatuses;
  if (charm.unit.isLeader()) {
    await charm.on.collectAppStatus.emit();
    const winner = pickStatus(collected.app);
    if (winner) charm.app.status = winner;
  }
  await charm.on.collectUnitStatus.emit();
  const winner = pickStatus(collected.unit);
  if (winner) charm.unit.status = winner;
}

/** The highest-priority status, the first added winning ties; undefined when none was added. */
export function pickStatus(statuses: readonly StatusBase[]): StatusBase | undefined {
  let best: StatusBase | undefined;
  for (const s of statuses) if (!best || statusPriority(s) > statusPriority(best)) best = s;
  return best;
}
