// Connector management on the leader, once the platform is healthy (upstream `_reconcile_connector` and
// `_setup_connector_integration_and_user`): one OpenCTI user per related connector application, created
// in the right group or reactivated, its API token published to the relation in a secret; users of
// connectors no longer related are deactivated. Beyond upstream: a missing group blocks only the
// connectors that need it, invalid connector data is reported without stopping the others, and a broken
// relation's user is deactivated at once.

import type {
  ConnectorRelations,
  OpenctiConnectorRequirer,
  RelatedConnector,
} from '@ops-ts/opencti-connector';
import type { Logger, Relation } from '@ops-ts/ops';
import { CONNECTOR_USER_PREFIX, connectorGroup, connectorUserName } from './connector-users.js';
import type { OpenctiClient } from './opencti-client.js';
import type { OpenctiUser } from './opencti-types.js';

/** What one pass over the connectors found that the status should say. */
export interface ConnectorReport {
  /** Groups that new connector users need and OpenCTI lacks (the operator must create them). */
  readonly missingGroups: readonly string[];
  /** One line per connector application whose relation data fails the schema. */
  readonly invalid: readonly string[];
  /** Users served (connector application → user name). */
  readonly served: ReadonlyMap<string, string>;
}

/** Manages the connector users through the OpenCTI API and the relations through the requirer helper. */
export class ConnectorManager {
  constructor(
    private readonly requirer: OpenctiConnectorRequirer,
    private readonly client: OpenctiClient,
    /** The platform's public (ingress) URL, published as `opencti_url`. */
    private readonly publicUrl: string,
    private readonly logger: Logger,
  ) {}

  /**
   * Serves every ready connector and deactivates the users of the others; with `only` (a connector
   * relation's own event), serves just that relation and sweeps nothing, so a platform hook costs the
   * same whatever the number of connectors (upstream reconciles them all on every event; the full pass
   * runs on every other event, update-status included). OpenctiError propagates.
   */
  async reconcile(only?: Relation): Promise<ConnectorReport> {
    const { ready, invalid } = only ? this.#one(only) : this.requirer.connectors();
    const users = new Map((await this.client.listUsers(CONNECTOR_USER_PREFIX)).map((u) => [u.name, u]));
    const missingGroups = new Set<string>();
    const served = new Map<string, string>();
    for (const connector of ready) {
      const user = await this.#ensureUser(connector, users.get(connectorUserName(connector.app.name)));
      if (typeof user === 'string') {
        missingGroups.add(user);
        continue;
      }
      this.requirer.publish(connector.relation, { url: this.publicUrl, token: user.api_token });
      served.set(connector.app.name, user.name);
    }
    const kept = new Set(served.values());
    for (const user of only ? [] : users.values()) {
      // Upstream re-sends Inactive on every reconcile; once is enough.
      if (!kept.has(user.name) && user.account_status !== 'Inactive') {
        await this.client.setAccountStatus(user.id, 'Inactive');
        this.logger.info(`deactivated OpenCTI user ${user.name}: no opencti-connector relation uses it`);
      }
    }
    const invalidLines = invalid.map((entry) => {
      const who = entry.app?.name ?? `relation ${entry.relation.id}`;
      const line = `${who}: ${entry.problems.join('; ')}`;
      this.logger.warning(`invalid opencti-connector data from ${line}`);
      return line;
    });
    return { missingGroups: [...missingGroups].sort(), invalid: invalidLines, served };
  }

  /** One relation as `connectors()` would list it. */
  #one(relation: Relation): Pick<ConnectorRelations, 'ready' | 'invalid'> {
    const found = this.requirer.inspect(relation);
    return {
      ready: found.kind === 'ready' ? [found.connector] : [],
      invalid: found.kind === 'invalid' ? [found.invalid] : [],
    };
  }

  /** Deactivates the user of one application (its relation is going). */
  async deactivate(appName: string): Promise<void> {
    const name = connectorUserName(appName);
    const user = (await this.client.listUsers(CONNECTOR_USER_PREFIX)).find((u) => u.name === name);
    if (user && user.account_status !== 'Inactive') {
      await this.client.setAccountStatus(user.id, 'Inactive');
      this.logger.info(`deactivated OpenCTI user ${name}: its opencti-connector relation is gone`);
    }
  }

  /** The connector's user, created or reactivated; the name of a missing group instead of a user. */
  async #ensureUser(
    connector: RelatedConnector,
    existing: OpenctiUser | undefined,
  ): Promise<OpenctiUser | string> {
    if (existing) {
      // Only Inactive is the charm's doing; Locked/Expired are an administrator's, left alone as upstream.
      if (existing.account_status === 'Inactive') await this.client.setAccountStatus(existing.id, 'Active');
      return existing;
    }
    const groupName = connectorGroup(connector.data.connector_type);
    const group = (await this.client.listGroups()).find((g) => g.name === groupName);
    if (!group) return groupName;
    const name = connectorUserName(connector.app.name);
    const user = await this.client.createUser(name, { groups: [group.id] });
    this.logger.info(`created OpenCTI user ${name} in group ${groupName}`);
    return user;
  }
}
