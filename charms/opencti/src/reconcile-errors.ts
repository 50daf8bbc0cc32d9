// Why a reconcile stopped, as canonical/opencti-operator `src/charm.py` says it with its exception
// classes: MissingIntegration / MissingConfig / InvalidIntegration / InvalidConfig end in Blocked,
// ContainerNotReady / IntegrationNotReady / PlatformNotReady in Waiting. Two classes carry the same meaning
// here; the message is the status text, so it must never hold a secret value.

/** The operator must act (a missing or invalid integration or config): `BlockedStatus(message)`. */
export class Blocked extends Error {
  override name = 'Blocked';
}

/** Something is not there yet and will come by itself: `WaitingStatus(message)`. */
export class NotReady extends Error {
  override name = 'NotReady';
}
