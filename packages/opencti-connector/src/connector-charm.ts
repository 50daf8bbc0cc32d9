// The provider base class of every OpenCTI connector charm, a port of `OpenctiConnectorCharm` in
// canonical/opencti-operator `lib/charms/opencti/v0/opencti_connector.py`: the same observed events,
// reconcile order, status texts, Pebble layer and environment. Beyond the original: nothing crashes the
// hook (a non-leader unit, a missing token secret, bad platform data and Pebble errors end in a status
// that says what is wrong), relation-broken stops the connector, and an unchanged reconcile writes nothing.
import {
  ActiveStatus,
  APIError,
  BlockedStatus,
  ChangeError,
  CharmBase,
  ConnectionError,
  type Container,
  type Framework,
  type HookEvent,
  ModelError,
  PebbleError,
  type Relation,
  SecretNotFoundError,
  TimeoutError,
  WaitingStatus,
} from '@ops-ts/ops';
import {
  CONNECTOR_LAYER,
  CONNECTOR_SERVICE,
  connectorLayer,
  connectorService,
  sameService,
} from './connector-layer.js';
import { type BooleanStyle, configEnvironment, proxyEnvironment } from './environment.js';
import { Blocked, NotReady } from './errors.js';
import { LogForwarder } from './log-forwarding.js';
import { type ConnectorOptionMeta, missingOptions } from './required-options.js';
import type { ConnectorType } from './schema/provider-schema.js';
import type { RequirerAppData } from './schema/requirer-schema.js';
import { checkRequirerAppData } from './validate.js';

/** The connector's endpoint (provided, `limit: 1`). */
export const CONNECTOR_RELATION = 'opencti-connector';

/** What the platform gave this connector, as `genEnv` gets it. */
export interface ConnectorIntegration {
  /** The `opencti-connector` relation. */
  readonly relation: Relation;
  /** The platform's application databag (validated). */
  readonly platform: RequirerAppData;
  /** The OpenCTI API token, read from the platform's secret. */
  readonly token: string;
  /** This connector's id, written once by the leader into its application databag. */
  readonly connectorId: string;
}

/** Status texts of the Python original (reference: upstream `opencti_connector.py`). */
const MULTIPLE_UNITS =
  'connector charm cannot have multiple units, scale down using the `juju scale` command';
const MISSING_INTEGRATION = 'missing opencti-connector integration';
const WAITING_INTEGRATION = 'waiting for opencti-connector integration';
const WAITING_CONTAINER = 'waiting for container ready';
const START_FAILED = 'failed to start connector, will retry';

/**
 * Base class of an OpenCTI connector charm (the `opencti-connector` provider). A connector declares its
 * type and, where needed, overrides `genEnv` or `checkConfig`:
 *
 *     class MyConnector extends OpenctiConnectorCharm {
 *       readonly connectorType = 'EXTERNAL_IMPORT';
 *       protected override genEnv(integration: ConnectorIntegration) {
 *         return { ...super.genEnv(integration), CONNECTOR_SCOPE: 'mine' };
 *       }
 *     }
 *
 * The workload container must be named like the charm; its service `connector` runs `bash /entrypoint.sh`.
 */
export abstract class OpenctiConnectorCharm extends CharmBase {
  /** The connector's type: published as `connector_type` and set as `CONNECTOR_TYPE`. */
  abstract readonly connectorType: ConnectorType;
  /** How boolean options are written into the environment. */
  readonly booleanStyle: BooleanStyle = 'json';
  /** Pebble log forwarding over the optional `logging` relation. */
  readonly logForwarder: LogForwarder;

  constructor(framework: Framework) {
    super(framework);
    // Constructed first, as upstream, so on pebble-ready the log targets are added before the reconcile.
    this.logForwarder = new LogForwarder(this);
    this.observe(this.on.configChanged, this.reconcile);
    this.observe(this.on.relationChanged(CONNECTOR_RELATION), this.reconcile);
    this.observe(this.on.relationBroken(CONNECTOR_RELATION), this.reconcile);
    this.observe(this.on.secretChanged, this.reconcile);
    this.observe(this.on.upgradeCharm, this.reconcile);
    this.observe(this.on.pebbleReady(this.meta.name), this.reconcile);
    this.observe(this.on.updateStatus, this.reconcile);
  }

  /** The workload container (named like the charm). */
  get container(): Container {
    return this.unit.getContainer(this.meta.name);
  }

  /** The one handler of every observed event: bring the connector in line and set the unit status. */
  async reconcile(_event?: HookEvent): Promise<void> {
    try {
      await this.reconcileConnector();
      this.unit.status = new ActiveStatus();
    } catch (error) {
      if (!(error instanceof NotReady) && !(error instanceof Blocked)) throw error;
      this.unit.status =
        error instanceof NotReady ? new WaitingStatus(error.message) : new BlockedStatus(error.message);
      if (error.stopService) await this.stopConnector();
    }
  }

  /**
   * The reconcile steps in upstream's order: one planned unit, required config, the integration, the
   * leader's databag write, then the workload. Throws NotReady or Blocked to end in a status.
   */
  protected async reconcileConnector(): Promise<void> {
    if (this.app.plannedUnits() !== 1) throw new Blocked(MULTIPLE_UNITS);
    this.checkConfig();
    const relation = this.integration();
    this.publishConnectorData(relation);
    await this.startConnector(relation);
  }

  /** Required options (`optional: false`, no value) missing → waiting `missing configurations: a, b`. */
  protected checkConfig(): void {
    const missing = missingOptions(this.meta.config as Record<string, ConnectorOptionMeta>, this.config);
    if (missing.length > 0) throw new NotReady(`missing configurations: ${missing.join(', ')}`, true);
  }

  /** The `opencti-connector` relation; waiting `missing opencti-connector integration` without one. */
  protected integration(): Relation {
    const relation = this.model.getRelation(CONNECTOR_RELATION);
    if (!relation) throw new NotReady(MISSING_INTEGRATION, true);
    return relation;
  }

  /**
   * The leader publishes `connector_charm_name` and `connector_type`, and a `connector_id` (uuid4) only
   * when there is none. Unchanged keys are not written, so a steady reconcile runs no `relation-set`.
   */
  protected publishConnectorData(relation: Relation): void {
    if (!this.unit.isLeader()) return;
    const bag = relation.data.get(this.app);
    bag.update({ connector_charm_name: this.meta.name, connector_type: this.connectorType });
    // Web Crypto (a global): loaded only here, not at every hook's start as node:crypto would be.
    if (!bag.get('connector_id')) bag.set('connector_id', crypto.randomUUID());
  }

  /** Adds the layer and (re)starts the service when the wanted service differs from the plan's. */
  protected async startConnector(relation: Relation): Promise<void> {
    const container = this.container;
    if (!(await container.canConnect())) throw new NotReady(WAITING_CONTAINER);
    const integration = this.readIntegration(relation);
    const env = this.genEnv(integration);
    const wanted = connectorService(env);
    try {
      const plan = await container.getPlan();
      if (!sameService(plan.services?.[CONNECTOR_SERVICE], wanted)) {
        await container.addLayer(CONNECTOR_LAYER, connectorLayer(this.meta.name, env), { combine: true });
        await container.replan();
      }
      const service = (await container.getServices(CONNECTOR_SERVICE))[CONNECTOR_SERVICE];
      if (service?.current !== 'active') await container.start(CONNECTOR_SERVICE);
    } catch (error) {
      throw this.pebbleProblem(error, integration.token);
    }
  }

  /** What the platform published, checked: its URL, the token from its secret, and our connector id. */
  protected readIntegration(relation: Relation): ConnectorIntegration {
    const remote = relation.app ? relation.data.get(relation.app).toObject() : {};
    if (!remote.opencti_url || !remote.opencti_token) throw new NotReady(WAITING_INTEGRATION, true);
    const checked = checkRequirerAppData(remote);
    if (!checked.ok) {
      throw new Blocked(
        `invalid opencti-connector data from ${relation.app?.name ?? 'the platform'}: ${checked.problems.join('; ')}`,
        true,
      );
    }
    const token = this.readToken(checked.data.opencti_token);
    return { relation, platform: checked.data, token, connectorId: this.connectorId(relation) };
  }

  /** The OpenCTI token from the platform's secret (one `secret-get --refresh`: always the latest revision). */
  protected readToken(secretId: string): string {
    let content: Record<string, string>;
    try {
      content = this.model.secretHandle({ id: secretId }).getContent({ refresh: true });
    } catch (error) {
      if (error instanceof SecretNotFoundError || error instanceof ModelError) {
        throw new NotReady(`waiting for access to the OpenCTI token secret ${secretId}`, true);
      }
      throw error;
    }
    const token = content.token;
    if (!token) throw new Blocked(`the OpenCTI token secret ${secretId} has no "token" key`, true);
    return token;
  }

  /** Our `connector_id`; only the leader can read its application databag (upstream crashed here). */
  protected connectorId(relation: Relation): string {
    if (!this.unit.isLeader())
      throw new NotReady('waiting for leadership (only the leader can read connector_id)');
    const id = relation.data.get(this.app).get('connector_id');
    if (!id) throw new NotReady(WAITING_INTEGRATION);
    return id;
  }

  /**
   * The connector's environment: the platform's URL and token, our id, name (the application's name, as
   * OpenCTI lists connectors by it) and type; then every option with a value as `OPTION_NAME`; then the
   * proxy settings. Subclasses override it to add or force variables (e.g. `CONNECTOR_SCOPE`).
   */
  protected genEnv(integration: ConnectorIntegration): Record<string, string> {
    const url = integration.platform.opencti_url;
    return {
      OPENCTI_URL: url,
      OPENCTI_TOKEN: integration.token,
      CONNECTOR_ID: integration.connectorId,
      CONNECTOR_NAME: this.app.name,
      CONNECTOR_TYPE: this.connectorType,
      ...configEnvironment(this.meta.config, this.config, this.booleanStyle),
      ...proxyEnvironment(this.model.env, url),
    };
  }

  /** Stops the connector service if it runs; quietly does nothing when Pebble is not reachable. */
  protected async stopConnector(): Promise<void> {
    const container = this.container;
    try {
      if (!(await container.canConnect())) return;
      const service = (await container.getServices(CONNECTOR_SERVICE))[CONNECTOR_SERVICE];
      if (service?.current === 'active') await container.stop(CONNECTOR_SERVICE);
    } catch (error) {
      // The status already says why the connector should not run; a failed stop is retried next hook.
      this.framework.logger.warning(`could not stop the connector service: ${(error as Error).message}`);
    }
  }

  /** A Pebble failure as a status: never a crash, never the token in the message. */
  private pebbleProblem(error: unknown, token: string): Error {
    if (error instanceof ChangeError) return new Blocked(START_FAILED);
    if (error instanceof ConnectionError) return new NotReady(WAITING_CONTAINER);
    if (error instanceof TimeoutError) return new Blocked(START_FAILED);
    const hide = (message: string) => message.replaceAll(token, '***');
    if (error instanceof APIError) return new Blocked(`Pebble API error: ${hide(error.message)}`);
    if (error instanceof PebbleError) return new Blocked(`Pebble error: ${hide(error.message)}`);
    return error instanceof Error ? error : new Error(String(error));
  }
}
