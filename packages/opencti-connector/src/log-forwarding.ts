// Pebble log forwarding over the optional `logging` relation (`loki_push_api`), as the Loki charm library's
// `LogForwarder` does (canonical/loki-k8s-operator `lib/charms/loki_k8s/v1/loki_push_api.py`, vendored in
// every canonical/opencti-operator connector): one `loki` log target per Loki unit in the
// `<container>-log-forwarding` layer, targets of vanished units switched off with `services: [-all]`, and
// the leader's `metadata` and `alert_rules` in the relation's application bag.
import {
  type CharmBase,
  type CharmTypes,
  type Container,
  FrameworkObject,
  type LogTarget,
  PebbleError,
  type PebbleReadyEvent,
  type Relation,
  type RelationEvent,
} from '@ops-ts/ops';
import { sameJson } from './canonical-json.js';

/** The endpoint the forwarder serves, as the Loki library's default. */
export const LOGGING_RELATION = 'logging';

/** Loki push URLs by Loki unit name. */
export type LokiEndpoints = Record<string, string>;

/** Python's `json.dumps` of a flat string map (`{"a": "b", "c": "d"}`), so the bag is byte-identical. */
function pythonJson(record: Readonly<Record<string, string>>): string {
  return `{${Object.entries(record)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')}}`;
}

/** Juju before 3.4 has no Pebble log forwarding (the library compares against 3.3). */
function supportsLogForwarding(version: string | undefined): boolean {
  const [major = 0, minor = 0] = (version ?? '0.0').split(/[.-]/).map((p) => Number.parseInt(p, 10) || 0);
  return major > 3 || (major === 3 && minor >= 4);
}

/** Forwards the workload's logs to every related Loki unit through Pebble. */
export class LogForwarder extends FrameworkObject {
  static handleKind = 'LogForwarder';

  constructor(
    private readonly charm: CharmBase<CharmTypes>,
    /** The `loki_push_api` requirer endpoint. */
    readonly relationName: string = LOGGING_RELATION,
  ) {
    super(charm, relationName);
    const version = charm.model.env.JUJU_VERSION;
    if (version !== undefined && !supportsLogForwarding(version)) {
      this.framework.logger.warning(
        `Juju version ${version} does not support Pebble log forwarding. Juju >= 3.4 is needed.`,
      );
    }
    this.observe(charm.on.relationJoined(relationName), this.updateLogging);
    this.observe(charm.on.relationChanged(relationName), this.updateLogging);
    this.observe(charm.on.relationDeparted(relationName), this.updateLogging);
    this.observe(charm.on.relationBroken(relationName), this.updateLogging);
    for (const container of Object.keys(charm.meta.containers)) {
      this.observe(charm.on.pebbleReady(container), this.onPebbleReady);
    }
  }

  /** Pebble came up: point it at the Loki units (if any). */
  async onPebbleReady(event: PebbleReadyEvent): Promise<void> {
    const endpoints = this.endpoints();
    if (!endpoints) return;
    await this.updateContainer(event.container, endpoints);
  }

  /** The Loki side changed: update every reachable container, then (leader) publish our metadata. */
  async updateLogging(event: RelationEvent): Promise<void> {
    const endpoints = this.endpoints();
    if (!endpoints) return;
    for (const container of Object.values(this.charm.unit.containers)) {
      // A container not up yet gets its targets on pebble-ready.
      if (await container.canConnect()) await this.updateContainer(container, endpoints);
    }
    this.publishMetadata(event.relation);
  }

  /** The push URL of every Loki unit of every ready `logging` relation; undefined (and a warning) if none. */
  endpoints(): LokiEndpoints | undefined {
    const endpoints: LokiEndpoints = {};
    for (const relation of this.charm.model.relations(this.relationName)) {
      const urls = this.relationUrls(relation);
      if (urls === undefined) {
        this.framework.logger.warning(`The relation '${relation.name}' is not ready yet.`);
        continue;
      }
      Object.assign(endpoints, urls);
    }
    if (Object.keys(endpoints).length === 0) {
      this.framework.logger.warning('No Loki endpoints available');
      return undefined;
    }
    return endpoints;
  }

  /** Each unit's `endpoint` (JSON with `url`); undefined when any unit has none yet, as the library does. */
  private relationUrls(relation: Relation): LokiEndpoints | undefined {
    const urls: LokiEndpoints = {};
    for (const unit of relation.units) {
      const raw = relation.data.get(unit).get('endpoint');
      if (raw === undefined) return undefined;
      try {
        const url = (JSON.parse(raw) as { url?: unknown }).url;
        if (typeof url !== 'string') return undefined;
        urls[unit.name] = url;
      } catch {
        return undefined;
      }
    }
    return Object.keys(urls).length > 0 ? urls : undefined;
  }

  /** The log targets of `container`'s forwarding layer for these endpoints; unchanged targets are not re-sent. */
  async updateContainer(container: Container, endpoints: LokiEndpoints): Promise<void> {
    try {
      await this.applyTargets(container, endpoints);
    } catch (error) {
      // Pebble went away or refused: logs are not forwarded yet; the next logging event or pebble-ready retries.
      if (!(error instanceof PebbleError)) throw error;
      this.framework.logger.warning(`log forwarding not set up in ${container.name}: ${error.message}`);
    }
  }

  private async applyTargets(container: Container, endpoints: LokiEndpoints): Promise<void> {
    const current = (await container.getPlan()).logTargets;
    const targets: Record<string, LogTarget> = {};
    for (const [unit, target] of Object.entries(current)) {
      if (!(unit in endpoints) && !(target.services ?? []).includes('-all')) {
        targets[unit] = { override: 'replace', services: ['-all'], type: 'loki', location: '(removed)' };
      }
    }
    for (const [unit, url] of Object.entries(endpoints)) {
      const wanted = this.target(url);
      if (!sameJson(current[unit], wanted)) targets[unit] = wanted;
    }
    if (Object.keys(targets).length === 0) return;
    await container.addLayer(
      `${container.name}-log-forwarding`,
      { 'log-targets': targets },
      { combine: true },
    );
  }

  private target(url: string): LogTarget {
    return {
      override: 'replace',
      services: ['all'],
      type: 'loki',
      location: url,
      labels: {
        product: 'Juju',
        charm: this.charm.meta.name,
        juju_model: this.charm.model.name,
        juju_model_uuid: this.charm.model.uuid,
        juju_application: this.charm.app.name,
        juju_unit: this.charm.unit.name,
      },
    };
  }

  /** The leader publishes its topology and (no) alert rules in the relation's application bag. */
  private publishMetadata(relation: Relation): void {
    if (!relation.active || !this.charm.unit.isLeader()) return;
    relation.data.get(this.charm.app).update({
      metadata: pythonJson({
        model: this.charm.model.name,
        model_uuid: this.charm.model.uuid,
        application: this.charm.app.name,
        unit: this.charm.unit.name,
        charm_name: this.charm.meta.name,
      }),
      // Connectors ship no Loki alert rules: the library then sends an empty rule set.
      alert_rules: '{}',
    });
  }
}
