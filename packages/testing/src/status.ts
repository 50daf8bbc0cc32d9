/** Workload statuses in the state: ops's status classes, or plain `{ name, message }` objects. */
import { StatusBase, type StatusName } from '@ops-ts/ops';

/** A unit or application status: a name and a message (ops's status classes satisfy this). */
export interface Status {
  /** `active`, `blocked`, `maintenance`, `waiting`, `error` or `unknown`. */
  readonly name: StatusName;
  /** The message (`''` when none). */
  readonly message: string;
}

/** The status of a unit or application nobody has set yet. */
export const UNKNOWN: Status = Object.freeze(StatusBase.fromName('unknown', ''));

/** The ops status class instance for a status (so `toEqual(new ActiveStatus('x'))` holds). */
export function toStatus(status: Status): StatusBase {
  return Object.freeze(StatusBase.fromName(status.name, status.message));
}

/** The status of a Juju status record (names charms cannot see, like `terminated`, read as unknown). */
export function statusFromRecord(record: { status: string; message: string }): StatusBase {
  const known = ['active', 'blocked', 'maintenance', 'waiting', 'error', 'unknown'];
  return toStatus({
    name: (known.includes(record.status) ? record.status : 'unknown') as StatusName,
    message: record.message,
  });
}
