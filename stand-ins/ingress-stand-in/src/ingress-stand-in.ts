/**
 * Ingress STAND-IN: provides the `ingress` endpoint (interface `ingress` v2) and publishes an ingress URL
 * the way traefik-k8s does, so requirers (the OpenCTI charm) can be tested and demoed without a proxy.
 * Nothing routes or listens at the URL.
 *
 * Upstream (canonical/traefik-k8s-operator): `src/charm.py` (`_get_configs_per_app`, `_get_prefix`,
 * `_get_ingressed_app_url`) publishes through `lib/charms/traefik_k8s/v2/ingress.py` (`publish_url`)
 * the app bag key `ingress` = `{"url": "http://<host>/<model>-<app>"}`; the requirer's app bag holds
 * JSON-encoded `model`, `name` and `port`.
 */
import {
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type CollectStatusEvent,
  type EventBase,
  type Framework,
  type Relation,
} from '@ops-ts/ops';

/** The endpoint, named as traefik-k8s names it. */
export const ENDPOINT = 'ingress';

/** A JSON-encoded databag value; undefined when absent or not JSON (the library rejects the bag then). */
function decoded(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/** The requirer's app data the URL is built from; undefined while missing or invalid (not ready). */
export function requirerApp(relation: Relation): { model: string; name: string } | undefined {
  if (!relation.app) return undefined;
  const bag = relation.data.get(relation.app);
  const [model, name, port] = ['model', 'name', 'port'].map((k) => decoded(bag.get(k)));
  if (typeof model !== 'string' || typeof name !== 'string' || !model || !name) return undefined;
  // The library refuses a port outside 1..65534, and so the provider never publishes for it.
  if (typeof port !== 'number' || !Number.isInteger(port) || port <= 0 || port >= 65535) return undefined;
  return { model, name };
}

/** The URL traefik-k8s gives an application (plain http: the stand-in has no TLS). */
export function ingressUrl(host: string, mode: string, app: { model: string; name: string }): string {
  const prefix = `${app.model}-${app.name.replaceAll('/', '-')}`;
  return mode === 'subdomain' ? `http://${prefix}.${host}/` : `http://${host}/${prefix}`;
}

/** The ingress stand-in charm. */
export class IngressStandInCharm extends CharmBase {
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.relationCreated(ENDPOINT), this.onChange);
    this.observe(this.on.relationJoined(ENDPOINT), this.onChange);
    this.observe(this.on.relationChanged(ENDPOINT), this.onChange);
    this.observe(this.on.configChanged, this.onChange);
    this.observe(this.on.leaderElected, this.onChange);
    this.observe(this.on.upgradeCharm, this.onChange);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }

  /** Leader: publishes (or withdraws) the URL of every related application. */
  onChange(_event: EventBase): void {
    if (!this.unit.isLeader() || this.routingModeProblem()) return;
    const host = String(this.config.external_hostname ?? '');
    const mode = String(this.config.routing_mode ?? 'path');
    for (const relation of this.model.relations(ENDPOINT)) {
      const app = requirerApp(relation);
      // '' deletes: no URL for a requirer whose data is missing or invalid, as upstream.
      const ingress = app && host ? JSON.stringify({ url: ingressUrl(host, mode, app) }) : '';
      relation.data.get(this.app).set('ingress', ingress);
    }
  }

  /** Active (there is no workload to fail) and saying it is a stand-in; blocked on unusable config. */
  onCollectStatus(event: CollectStatusEvent): void {
    const problem = this.routingModeProblem();
    if (problem) event.addStatus(new BlockedStatus(problem));
    if (!String(this.config.external_hostname ?? ''))
      event.addStatus(new BlockedStatus('external_hostname must be set'));
    const n = this.model.relations(ENDPOINT).length;
    event.addStatus(new ActiveStatus(`stand-in ingress: ${n} relation(s)`));
  }

  private routingModeProblem(): string | undefined {
    const mode = String(this.config.routing_mode ?? 'path');
    return mode === 'path' || mode === 'subdomain' ? undefined : `invalid routing mode: ${mode}`;
  }
}
