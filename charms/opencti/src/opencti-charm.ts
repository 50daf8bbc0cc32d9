// The OpenCTI platform charm: a port of canonical/opencti-operator `src/charm.py` (`OpenCTICharm`) to
// ops-ts. Every observed event runs one reconcile: the platform first (src/platform.ts), then, on the
// leader and only once the platform is healthy, the connectors (src/connector-manager.ts); the first
// reason to stop becomes the unit status, with upstream's texts.

import { LogForwarder, OpenctiConnectorRequirer, PLATFORM_RELATION } from '@ops-ts/opencti-connector';
import {
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type Container,
  type Framework,
  type HookEvent,
  type PebbleCustomNoticeEvent,
  type Relation,
  type RelationBrokenEvent,
  RelationEvent,
  type StatusBase,
  WaitingStatus,
} from '@ops-ts/ops';
import { workloadBaseUrl } from './base-url.js';
import { ConnectorManager, type ConnectorReport } from './connector-manager.js';
import { OpenctiClient } from './opencti-client.js';
import { OpenctiError, OpenctiUnreachableError } from './opencti-errors.js';
import { PEER_RELATION, readPeerSecret, removePeerSecret } from './peer-secret.js';
import { reconcilePlatform } from './platform.js';
import { Blocked, NotReady } from './reconcile-errors.js';
import { INGRESS_RELATION, ingressUrl } from './relations/ingress.js';
import { OPENSEARCH_RELATION } from './relations/opensearch.js';
import { AMQP_RELATION } from './relations/rabbitmq.js';
import { REDIS_RELATION } from './relations/redis.js';
import { S3_RELATION } from './relations/s3.js';
import { publishRequests } from './requests.js';

/** The workload container. */
export const CONTAINER = 'opencti';
/** Pebble custom notices the charm reacts to (raised by the charm-callback script). */
export const NOTICE_PREFIX = 'canonical.com/opencti/';

/** The OpenCTI platform charm. */
export class OpenctiCharm extends CharmBase {
  /** The platform side of the `opencti-connector` interface. */
  readonly connectors = new OpenctiConnectorRequirer(this, PLATFORM_RELATION);
  /** Pebble log forwarding to Loki over the optional `logging` relation. */
  readonly logForwarder: LogForwarder;

  constructor(framework: Framework) {
    super(framework);
    this.logForwarder = new LogForwarder(this);
    const on = this.on;
    // Upstream's own observers (src/charm.py `__init__`).
    this.observe(on.configChanged, this.reconcile);
    this.observe(on.upgradeCharm, this.reconcile);
    this.observe(on.updateStatus, this.reconcile);
    this.observe(on.secretChanged, this.reconcile);
    // The ingress library republishes its data on leader-elected; a new leader may also owe a peer secret.
    this.observe(on.leaderElected, this.reconcile);
    this.observe(on.pebbleReady(CONTAINER), this.reconcile);
    this.observe(on.pebbleCustomNotice(CONTAINER), this.onCustomNotice);
    this.observe(on.relationCreated(PEER_RELATION), this.reconcile);
    this.observe(on.relationChanged(PEER_RELATION), this.reconcile);
    this.observe(on.relationDeparted(PEER_RELATION), this.reconcile);
    this.observe(on.relationBroken(PEER_RELATION), this.cleanupSecrets);
    this.observe(on.stop, this.cleanupSecrets);
    this.observe(on.relationJoined(PLATFORM_RELATION), this.reconcile);
    this.observe(on.relationChanged(PLATFORM_RELATION), this.reconcile);
    // Beyond upstream: a removed connector loses its user and token at once.
    this.observe(on.relationBroken(PLATFORM_RELATION), this.onConnectorBroken);
    // What upstream's relation libraries turn into their events (index_created, redis_relation_updated,
    // rabbitmq connected/ready/goneaway, s3 credentials_changed/gone, ingress ready/revoked) → reconcile.
    for (const name of [OPENSEARCH_RELATION, REDIS_RELATION, AMQP_RELATION, S3_RELATION, INGRESS_RELATION]) {
      this.observe(on.relationCreated(name), this.reconcile);
      this.observe(on.relationJoined(name), this.reconcile);
      this.observe(on.relationChanged(name), this.reconcile);
      this.observe(on.relationDeparted(name), this.reconcile);
      this.observe(on.relationBroken(name), this.reconcile);
    }
  }

  private get container(): Container {
    return this.unit.getContainer(CONTAINER);
  }

  /** Reconciles the platform, then the connectors, and sets the unit status. */
  async reconcile(event: HookEvent): Promise<void> {
    // A connector relation's own event serves that connector only; every other event serves them all.
    const only =
      event instanceof RelationEvent && event.relation.name === PLATFORM_RELATION && event.relation.active
        ? event.relation
        : undefined;
    this.unit.status = await this.#reconcile(only);
  }

  /** A custom notice from the workload: reconcile when it is the charm's (the platform became healthy). */
  async onCustomNotice(event: PebbleCustomNoticeEvent): Promise<void> {
    if (event.notice.key.startsWith(NOTICE_PREFIX)) await this.reconcile(event);
  }

  /** Leader: remove the peer secret (upstream `_cleanup_secrets`, on peer relation-broken and stop). */
  cleanupSecrets(_event: HookEvent): void {
    removePeerSecret(this);
  }

  /**
   * A connector relation is going: take its token secret back and deactivate its user now, rather than
   * on some later reconcile (upstream has no handler), then reconcile as usual.
   */
  async onConnectorBroken(event: RelationBrokenEvent): Promise<void> {
    if (this.unit.isLeader()) {
      this.connectors.release(event.relation);
      const app = event.app ?? event.relation.app;
      if (app) await this.#deactivateNow(app.name);
    }
    await this.reconcile(event);
  }

  async #deactivateNow(appName: string): Promise<void> {
    try {
      const credentials = readPeerSecret(this);
      const ingress = ingressUrl(this.model.getRelation(INGRESS_RELATION));
      const client = new OpenctiClient(workloadBaseUrl(this.container, ingress), credentials.adminToken);
      await new ConnectorManager(this.connectors, client, ingress ?? '', this.framework.logger).deactivate(
        appName,
      );
    } catch (error) {
      // The reconcile that follows deactivates it once the API answers.
      if (!(error instanceof OpenctiError || error instanceof NotReady)) throw error;
      this.framework.logger.warning(`cannot deactivate the user of ${appName} yet: ${error.message}`);
    }
  }

  async #reconcile(only?: Relation): Promise<StatusBase> {
    try {
      publishRequests(this);
      const platform = await reconcilePlatform(this, this.container);
      if (!this.unit.isLeader()) return new ActiveStatus();
      const client = new OpenctiClient(platform.baseUrl, platform.credentials.adminToken);
      const manager = new ConnectorManager(
        this.connectors,
        client,
        platform.publicUrl,
        this.framework.logger,
      );
      return connectorStatus(await manager.reconcile(only));
    } catch (error) {
      if (error instanceof Blocked) return new BlockedStatus(error.message);
      if (error instanceof NotReady) return new WaitingStatus(error.message);
      if (error instanceof OpenctiUnreachableError)
        return new WaitingStatus(`waiting for opencti api: ${error.message}`);
      if (error instanceof OpenctiError) return new WaitingStatus(`opencti api error: ${error.message}`);
      throw error;
    }
  }
}

/** The status after a connector pass: blocked on missing groups, active (with notes on invalid data). */
export function connectorStatus(report: ConnectorReport): StatusBase {
  if (report.missingGroups.length > 0)
    return new BlockedStatus(`missing group(s) in opencti: ${report.missingGroups.join(', ')}`);
  if (report.invalid.length > 0)
    return new ActiveStatus(`invalid opencti-connector data: ${report.invalid.join(' | ')}`);
  return new ActiveStatus();
}
