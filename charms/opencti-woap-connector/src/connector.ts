// The WOAP (Wazuh OpenSearch Alert Puller) connector, written by hand as upstream does
// (canonical/opencti-operator `connectors/woap/src/charm.py`): it also needs OpenSearch, checks its config
// further, waits for both relations and stops the connector while one is missing.
import {
  Blocked,
  type ConnectorIntegration,
  NotReady,
  OpenctiConnectorCharm,
} from '@ops-ts/opencti-connector';
import { BlockedStatus, ChangeError, type Framework, ModelError, SecretNotFoundError } from '@ops-ts/ops';
import { OPENSEARCH_RELATION, OpenSearchRequirer } from './opensearch-requirer.js';
import { woapConfigProblem } from './woap-config.js';

/** OpenCTI WOAP connector (EXTERNAL_IMPORT): Wazuh alerts from OpenSearch into OpenCTI. */
export class OpenctiWoapConnectorCharm extends OpenctiConnectorCharm {
  readonly connectorType = 'EXTERNAL_IMPORT';
  /** The OpenSearch side: index `woap-connector`, role `admin`, as upstream. */
  readonly opensearch: OpenSearchRequirer;

  constructor(framework: Framework) {
    super(framework);
    this.opensearch = new OpenSearchRequirer(this, 'woap-connector', 'admin');
    // index_created in the Python library is a relation-changed with credentials: the same handler.
    this.observe(this.on.relationChanged(OPENSEARCH_RELATION), this.reconcile);
    this.observe(this.on.relationBroken(OPENSEARCH_RELATION), this.reconcile);
  }

  protected override checkConfig(): void {
    super.checkConfig();
    const problem = woapConfigProblem(this.config);
    if (problem) throw new NotReady(problem, true);
  }

  /** Upstream's `_reconcile`: collect what is missing, wait (and stop) while anything is. */
  protected override async reconcileConnector(): Promise<void> {
    if (this.app.plannedUnits() !== 1) {
      throw new Blocked(
        'connector charm cannot have multiple units, scale down using the `juju scale` command',
      );
    }
    this.checkConfig();
    const missing: string[] = [];
    const relation = this.model.getRelation('opencti-connector');
    if (relation) this.publishConnectorData(relation);
    else missing.push('OpenCTI relation');
    if (!this.opensearch.relation()) missing.push('OpenSearch relation');
    else if (!this.opensearch.details()) missing.push('OpenSearch credentials');
    if (missing.length > 0 || !relation) {
      // Upstream's stop_connector raises "waiting for container ready" over the waiting message.
      if (!(await this.container.canConnect())) throw new NotReady('waiting for container ready');
      throw new NotReady(`Waiting for: ${missing.join(', ')}`, true);
    }
    await this.startConnector(relation);
  }

  protected override genEnv(integration: ConnectorIntegration): Record<string, string> {
    const env: Record<string, string> = { ...super.genEnv(integration), CONNECTOR_SCOPE: 'woap' };
    const details = this.opensearch.details();
    if (details) {
      if (details.endpoints) {
        env.OPENSEARCH_HOST = details.endpoints
          .split(',')
          .map((e) => e.split(':')[0])
          .join(',');
        env.OPENSEARCH_PORT = '9200';
      }
      if (details.userSecretId) {
        const content = this.openSearchCredentials(details.userSecretId);
        if (content.username !== undefined) env.OPENSEARCH_USER = content.username;
        if (content.password !== undefined) env.OPENSEARCH_PASSWORD = content.password;
        this.framework.logger.info('Successfully populated environment from Relation secret.');
      }
    } else {
      this.framework.logger.warning('opensearch-client relation data not found or not yet synced.');
    }
    env.CONNECTOR_LOG_LEVEL = String(this.config['connector-log-level'] ?? '');
    return env;
  }

  /** The OpenSearch user secret (latest revision); an unreadable one waits instead of crashing. */
  private openSearchCredentials(id: string): Record<string, string> {
    try {
      return this.model.secretHandle({ id }).getContent({ refresh: true });
    } catch (error) {
      if (error instanceof SecretNotFoundError || error instanceof ModelError) {
        throw new NotReady(`waiting for access to the OpenSearch user secret ${id}`, true);
      }
      throw error;
    }
  }

  /** Upstream's stop_connector: a failed stop blocks ("will retry"). */
  protected override async stopConnector(): Promise<void> {
    try {
      if (!(await this.container.canConnect())) return;
      const service = (await this.container.getServices('connector')).connector;
      if (service?.current === 'active') await this.container.stop('connector');
    } catch (error) {
      if (error instanceof ChangeError) {
        this.unit.status = new BlockedStatus('failed to stop connector, will retry');
        return;
      }
      this.framework.logger.warning(`could not stop the connector service: ${(error as Error).message}`);
    }
  }
}
