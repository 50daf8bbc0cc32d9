// The platform's own credentials, kept in an application secret whose id sits in the peer relation's
// application bag (upstream `_init_peer_relation`, `_get_peer_secret`, `_cleanup_secrets`): the admin API
// token OpenCTI is started with, and the key its `/health` endpoint requires.
import { randomUUID } from 'node:crypto';
import { type CharmBase, type Logger, SecretNotFoundError } from '@ops-ts/ops';
import { NotReady } from './reconcile-errors.js';

/** The peer endpoint. */
export const PEER_RELATION = 'opencti-peer';
/** The peer app-bag key holding the secret id. */
export const PEER_SECRET_FIELD = 'secret';

/** The content of the peer secret. */
export interface PlatformCredentials {
  /** OpenCTI's `APP__ADMIN__TOKEN` (also the workers' `OPENCTI_TOKEN` and the charm's API token). */
  readonly adminToken: string;
  /** OpenCTI's `APP__HEALTH_ACCESS_KEY`. */
  readonly healthAccessKey: string;
}

/**
 * Leader only, once the peer relation exists: create the secret unless the bag names one that still
 * exists (upstream works around secrets vanishing during upgrades the same way). Safe to call on every event.
 */
export function initPeerSecret(charm: CharmBase, logger: Logger): void {
  const peer = charm.model.getRelation(PEER_RELATION);
  if (!peer || !charm.unit.isLeader()) return;
  const bag = peer.data.get(charm.app);
  const existing = bag.get(PEER_SECRET_FIELD);
  if (existing) {
    try {
      charm.model.getSecret({ id: existing });
      return;
    } catch (error) {
      if (!(error instanceof SecretNotFoundError)) throw error;
      logger.error(`secret ${existing} removed unexpectedly`);
    }
  }
  // uuid4 values, as upstream's `uuid.UUID(bytes=secrets.token_bytes(16), version=4)`.
  const secret = charm.app.addSecret({ 'admin-token': randomUUID(), 'health-access-key': randomUUID() });
  bag.set(PEER_SECRET_FIELD, secret.id as string);
}

/** The platform credentials; `NotReady('waiting for peer integration')` until the secret is there. */
export function readPeerSecret(charm: CharmBase): PlatformCredentials {
  const peer = charm.model.getRelation(PEER_RELATION);
  const id = peer?.data.get(charm.app).get(PEER_SECRET_FIELD);
  if (!id) throw new NotReady('waiting for peer integration');
  const content = charm.model.getSecret({ id }).getContent({ refresh: true });
  const adminToken = content['admin-token'];
  const healthAccessKey = content['health-access-key'];
  // Upstream raises KeyError here; a half-written secret is something the leader will fix, so wait.
  if (!adminToken || !healthAccessKey) throw new NotReady('waiting for peer integration');
  return { adminToken, healthAccessKey };
}

/** Leader only: remove every revision of the peer secret (upstream, on peer relation-broken and stop). */
export function removePeerSecret(charm: CharmBase): void {
  if (!charm.unit.isLeader()) return;
  const id = charm.model.getRelation(PEER_RELATION)?.data.get(charm.app).get(PEER_SECRET_FIELD);
  if (!id) return;
  try {
    charm.model.getSecret({ id }).removeAllRevisions();
  } catch (error) {
    if (!(error instanceof SecretNotFoundError)) throw error;
  }
}
