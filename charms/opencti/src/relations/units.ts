// Unit ordering helpers for reading remote unit bags deterministically.
import type { Relation, Unit } from '@ops-ts/ops';

/** The relation's remote units, lowest unit number first (upstream sorts amqp units this way). */
export function unitsByNumber(relation: Relation): Unit[] {
  const number = (unit: Unit) => Number(unit.name.split('/').pop());
  return [...relation.units].sort((a, b) => number(a) - number(b));
}
