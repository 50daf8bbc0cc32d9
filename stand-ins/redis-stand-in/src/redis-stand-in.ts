/**
 * Redis STAND-IN: provides the `redis` endpoint and publishes what redis-k8s publishes there, with fake
 * values from config, so requirers (the OpenCTI charm) can be tested and demoed without a real Redis.
 *
 * Upstream (canonical/redis-k8s-operator): every unit writes `hostname` and `port` in its own bag
 * (`lib/charms/redis_k8s/v0/redis.py`, `RedisProvides`), and the leader writes the current master's pod
 * name as `leader-host` in the application bag (`src/charm.py`, `_on_redis_relation_created`).
 */
import {
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type EventBase,
  type Framework,
} from '@ops-ts/ops';

/** The endpoint, named as redis-k8s names it. */
export const ENDPOINT = 'redis';

/** The Redis stand-in charm. */
export class RedisStandInCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    // Upstream writes on relation-changed (unit bags) and relation-created (leader-host); publishing on
    // every relation hook and on config/leadership changes gives requirers the data as early as possible.
    this.observe(this.on.relationCreated(ENDPOINT), this.onChange);
    this.observe(this.on.relationJoined(ENDPOINT), this.onChange);
    this.observe(this.on.relationChanged(ENDPOINT), this.onChange);
    this.observe(this.on.configChanged, this.onChange);
    this.observe(this.on.leaderElected, this.onChange);
    this.observe(this.on.upgradeCharm, this.onChange);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  /** Publishes the connection data to every `redis` relation. */
  onChange(_event: EventBase): void {
    const relations = this.model.relations(ENDPOINT);
    if (relations.length === 0) return;
    const unitData = { hostname: this.hostname(), port: String(this.config.port) };
    const leaderHost = this.unit.isLeader() ? this.leaderHost() : undefined;
    for (const relation of relations) {
      relation.data.get(this.unit).update(unitData);
      if (leaderHost !== undefined) relation.data.get(this.app).set('leader-host', leaderHost);
    }
  }

  /** Always active (there is no workload to fail), saying it is a stand-in. */
  onCollectStatus(event: CollectStatusEvent): void {
    const n = this.model.relations(ENDPOINT).length;
    event.addStatus(new ActiveStatus(`stand-in redis: ${n} relation(s)`));
  }

  /** The configured hostname, else this unit's ingress address on the endpoint. */
  private hostname(): string {
    const configured = String(this.config.hostname ?? '');
    if (configured !== '') return configured;
    return String(this.model.getBinding(ENDPOINT).network.ingressAddress ?? this.app.name);
  }

  /** The configured leader host, else the leader pod's in-cluster DNS name. */
  private leaderHost(): string {
    const configured = String(this.config['leader-host'] ?? '');
    if (configured !== '') return configured;
    const app = this.app.name;
    const index = this.unit.name.slice(this.unit.name.lastIndexOf('/') + 1);
    return `${app}-${index}.${app}-endpoints.${this.model.name}.svc.cluster.local`;
  }
}
