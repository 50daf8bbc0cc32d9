// The `opensearch_client` requirer side woap needs, as data_platform_libs' `OpenSearchRequires` does it
// (canonical/opencti-operator `connectors/woap/lib/charms/data_platform_libs/v0/data_interfaces.py`): the
// leader asks for an index and roles in its application bag; the provider answers with `endpoints` and a
// `secret-user` secret (username, password) in its application bag.
import { pythonJsonDumps } from '@ops-ts/opencti-connector';
import { type CharmBase, FrameworkObject, type Relation, type RelationEvent } from '@ops-ts/ops';

/** The endpoint woap requires OpenSearch on. */
export const OPENSEARCH_RELATION = 'opensearch-client';

/** The secrets the library asks the provider for (its default `requested-secrets`). */
const REQUESTED_SECRETS = [
  'username',
  'password',
  'tls',
  'tls-ca',
  'uris',
  'read-only-uris',
  'entity-name',
  'entity-password',
];

/** What the provider published: hosts and, once granted, the credentials secret. */
export interface OpenSearchDetails {
  readonly relation: Relation;
  readonly endpoints: string | undefined;
  readonly userSecretId: string | undefined;
}

/** Requests an index from OpenSearch and reads what the provider answered. */
export class OpenSearchRequirer extends FrameworkObject {
  static handleKind = 'OpenSearchRequirer';

  constructor(
    private readonly charm: CharmBase,
    /** The index to request. */
    readonly index: string,
    /** Extra roles for the user OpenSearch creates. */
    readonly extraUserRoles: string,
  ) {
    super(charm, OPENSEARCH_RELATION);
    this.observe(charm.on.relationCreated(OPENSEARCH_RELATION), this.request);
    this.observe(charm.on.relationJoined(OPENSEARCH_RELATION), this.request);
    this.observe(charm.on.leaderElected, this.requestAll);
  }

  /** The leader writes the request (unchanged keys are not re-sent). */
  request(event: RelationEvent): void {
    this.write(event.relation);
  }

  /** A new leader makes sure the request is there. */
  requestAll(_event: unknown): void {
    const relation = this.charm.model.getRelation(OPENSEARCH_RELATION);
    if (relation) this.write(relation);
  }

  private write(relation: Relation): void {
    if (!this.charm.unit.isLeader() || !relation.active) return;
    relation.data.get(this.charm.app).update({
      index: this.index,
      'extra-user-roles': this.extraUserRoles,
      'requested-secrets': pythonJsonDumps(REQUESTED_SECRETS),
    });
  }

  /** The relation, if any (undefined when woap has none). */
  relation(): Relation | undefined {
    return this.charm.model.getRelation(OPENSEARCH_RELATION);
  }

  /** The provider's answer, or undefined when there is no relation, no remote app or an empty bag. */
  details(): OpenSearchDetails | undefined {
    const relation = this.relation();
    if (!relation?.app) return undefined;
    const bag = relation.data.get(relation.app);
    if (bag.size === 0) return undefined;
    return { relation, endpoints: bag.get('endpoints'), userSecretId: bag.get('secret-user') };
  }
}
