/**
 * OpenSearch STAND-IN: provides the `opensearch-client` endpoint and publishes what the opensearch charm
 * publishes there, with fake values from config, so requirers (the OpenCTI charm) can be tested and
 * demoed without a real cluster.
 *
 * Upstream (canonical/opensearch-operator, `lib/charms/opensearch/v0/opensearch_relation_provider.py`,
 * `_on_index_requested`): once the requirer's app bag has `index`, the leader sets `version`, the
 * credentials of the user `opensearch-client_<relation id>`, `index`, `tls-ca` and `endpoints` through
 * data_interfaces' OpenSearchProvides, which puts requested secret fields in Juju secrets.
 */
import {
  ActiveStatus,
  CharmBase,
  type CollectStatusEvent,
  type EventBase,
  type Framework,
  type Relation,
  type RelationBrokenEvent,
} from '@ops-ts/ops';
import { groupFields, removeRelationSecrets } from './relation-secrets.js';

/** The endpoint, named as the opensearch charm names it. */
export const ENDPOINT = 'opensearch-client';

/** The relation user's name, as the opensearch charm makes it. */
export function relationUsername(relation: Relation): string {
  return `${ENDPOINT}_${relation.id}`;
}

/** The OpenSearch stand-in charm. */
export class OpensearchStandInCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.relationCreated(ENDPOINT), this.onChange);
    this.observe(this.on.relationJoined(ENDPOINT), this.onChange);
    this.observe(this.on.relationChanged(ENDPOINT), this.onChange);
    this.observe(this.on.relationBroken(ENDPOINT), this.onBroken);
    this.observe(this.on.configChanged, this.onChange);
    this.observe(this.on.leaderElected, this.onChange);
    this.observe(this.on.upgradeCharm, this.onChange);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  /** Leader: answers every relation whose requirer asked for an index. */
  onChange(_event: EventBase): void {
    if (!this.unit.isLeader()) return;
    for (const relation of this.model.relations(ENDPOINT)) this.publish(relation);
  }

  /** Leader: the relation is gone, and so are the secrets made for it. */
  onBroken(event: RelationBrokenEvent): void {
    if (this.unit.isLeader()) removeRelationSecrets(this.model, event.relation);
  }

  /** Always active (there is no workload to fail), saying it is a stand-in. */
  onCollectStatus(event: CollectStatusEvent): void {
    const n = this.model.relations(ENDPOINT).length;
    event.addStatus(new ActiveStatus(`stand-in opensearch: ${n} relation(s)`));
  }

  private publish(relation: Relation): void {
    const index = relation.app ? relation.data.get(relation.app).get('index') : undefined;
    // data_interfaces refuses to write before the requirer's `index` is there.
    if (!index) return;
    const tlsCa = String(this.config['tls-ca'] ?? '');
    const user = { username: relationUsername(relation), password: String(this.config.password ?? '') };
    relation.data.get(this.app).update({
      index,
      endpoints: this.endpoints(),
      version: String(this.config.version ?? ''),
      ...groupFields(this.model, relation, 'user', user),
      ...groupFields(this.model, relation, 'tls', tlsCa ? { 'tls-ca': tlsCa } : {}),
    });
  }

  /** The configured endpoints, else this unit's ingress address on port 9200. */
  private endpoints(): string {
    const configured = String(this.config.endpoints ?? '');
    if (configured !== '') return configured;
    const address = this.model.getBinding(ENDPOINT).network.ingressAddress ?? this.app.name;
    return `${String(address)}:9200`;
  }
}
