// Status evaluation after an event: collect-status is emitted and the highest-priority status wins (ops's
// `_evaluate_status`). Beside collect-status.ts, apart from it so the event class stays free of the charm.
import { type StatusBase, statusPriority } from '../model/status.js';
import type { CharmBase } from './charm-base.js';
import type { CharmTypes } from './charm-types.js';

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
