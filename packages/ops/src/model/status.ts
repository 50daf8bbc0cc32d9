import { InvalidStatusError } from '../model/errors.js';

/** Names of the statuses a unit or application can be in. */
export type StatusName = 'active' | 'blocked' | 'maintenance' | 'waiting' | 'error' | 'unknown';

/** A workload status: a name and a message. Two statuses are equal when both match. */
export abstract class StatusBase {
  abstract readonly name: StatusName;
  constructor(readonly message = '') {
    if (typeof message !== 'string') throw new TypeError('message parameter must be a string');
  }
  /** Whether `other` is the same status with the same message. */
  equals(other: StatusBase): boolean {
    return other.name === this.name && other.message === this.message;
  }
  toString(): string {
    return `${this.constructor.name}(${JSON.stringify(this.message)})`;
  }
  /** Builds the status class for a name, as Juju reports it. */
  static fromName(name: string, message = ''): StatusBase {
    const ctor = STATUS_BY_NAME[name as StatusName];
    if (!ctor) throw new InvalidStatusError(`unknown status name ${JSON.stringify(name)}`);
    return new ctor(message);
  }
}

/** The workload is ready and working. */
export class ActiveStatus extends StatusBase {
  readonly name = 'active';
}
/** Manual intervention is needed. */
export class BlockedStatus extends StatusBase {
  readonly name = 'blocked';
}
/** The charm is doing work to reach an active state. */
export class MaintenanceStatus extends StatusBase {
  readonly name = 'maintenance';
}
/** The charm waits for something outside it (a relation, another application). */
export class WaitingStatus extends StatusBase {
  readonly name = 'waiting';
}
/** Juju put the unit in error (a hook failed); charms cannot set it. */
export class ErrorStatus extends StatusBase {
  readonly name = 'error';
}
/** No status is known (e.g. of a remote unit); charms cannot set it. */
export class UnknownStatus extends StatusBase {
  readonly name = 'unknown';
}

const STATUS_BY_NAME: Record<StatusName, new (message?: string) => StatusBase> = {
  active: ActiveStatus,
  blocked: BlockedStatus,
  maintenance: MaintenanceStatus,
  waiting: WaitingStatus,
  error: ErrorStatus,
  unknown: UnknownStatus,
};

/** collect-status priority (ops): error > blocked > maintenance > waiting > active > anything else. */
export function statusPriority(status: StatusBase): number {
  return { error: 5, blocked: 4, maintenance: 3, waiting: 2, active: 1, unknown: 0 }[status.name];
}

/** Refuses statuses a charm cannot set, before any tool runs. */
export function assertSettable(status: StatusBase): void {
  if (!(status instanceof StatusBase)) throw new TypeError(`not a status: ${String(status)}`);
  if (status.name === 'error' || status.name === 'unknown') {
    throw new InvalidStatusError(`cannot set status to ${status.name}: Juju sets it, charms cannot`);
  }
}
