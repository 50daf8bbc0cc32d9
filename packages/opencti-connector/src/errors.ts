/**
 * The connector cannot run yet; reconcile ends in `WaitingStatus(message)` (the original's `NotReady`).
 * `stopService` says whether a running connector must be stopped meanwhile (its environment is gone or wrong).
 */
export class NotReady extends Error {
  override name = 'NotReady';
  constructor(
    message: string,
    /** Stop the running connector service while this lasts. */
    readonly stopService = false,
  ) {
    super(message);
  }
}

/** The connector needs the operator; reconcile ends in `BlockedStatus(message)` (the original's `Blocked`). */
export class Blocked extends Error {
  override name = 'Blocked';
  constructor(
    message: string,
    /** Stop the running connector service while this lasts. */
    readonly stopService = false,
  ) {
    super(message);
  }
}
