// The five integrations the platform cannot start without (upstream `_check_preconditions`): each must
// exist with its remote application known and at least one remote unit.
import type { CharmBase } from '@ops-ts/ops';
import { Blocked } from '../reconcile-errors.js';

/** The required endpoints, in upstream's order (the order of the status text). */
export const REQUIRED_RELATIONS = ['opensearch-client', 'redis', 'amqp', 's3', 'ingress'] as const;

/** Blocked `missing integration(s): a, b` when any required integration is absent or has no units. */
export function checkRequiredRelations(charm: CharmBase): void {
  const missing = REQUIRED_RELATIONS.filter((name) => {
    const relation = charm.model.getRelation(name);
    return !relation?.app || relation.units.size === 0;
  });
  if (missing.length > 0) throw new Blocked(`missing integration(s): ${missing.join(', ')}`);
}
