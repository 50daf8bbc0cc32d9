// The `ingress` integration (interface ingress, v2), as canonical/opencti-operator uses it through
// `lib/charms/traefik_k8s/v2/ingress.py` `IngressPerAppRequirer(port=8080)`: JSON-encoded values; the
// leader writes `model`, `name`, `port` in the app bag, every unit its `host` and `ip`; the provider
// answers `ingress` = `{"url": …}` in its app bag. Upstream refreshes this data on every event (its
// comment: pod restarts leave a stale `ip`), and so does this charm.
import type { CharmBase, Relation } from '@ops-ts/ops';
import { OPENCTI_PORT } from '../base-url.js';
import { NotReady } from '../reconcile-errors.js';

/** The endpoint. */
export const INGRESS_RELATION = 'ingress';

/** The unit's in-cluster name, what `socket.getfqdn()` answers in a Kubernetes pod. */
export function unitFqdn(charm: CharmBase): string {
  const [app, number] = charm.unit.name.split('/');
  return `${app}-${number}.${app}-endpoints.${charm.model.name}.svc.cluster.local`;
}

/** Publishes the ingress request: app data (leader) and this unit's host and ip. */
export function requestIngress(charm: CharmBase, relation: Relation): void {
  if (charm.unit.isLeader()) {
    // Defaults (scheme http, no strip-prefix, no redirect) are left out, as the library's dump does.
    relation.data.get(charm.app).update({
      model: JSON.stringify(charm.model.name),
      name: JSON.stringify(charm.app.name),
      port: JSON.stringify(OPENCTI_PORT),
    });
  }
  const unitData: Record<string, string> = { host: JSON.stringify(unitFqdn(charm)) };
  const ip = charm.model.getBinding(relation).network.bindAddress;
  if (ip) unitData.ip = JSON.stringify(String(ip));
  else charm.framework.logger.error('failed to retrieve ip information from juju');
  relation.data.get(charm.unit).update(unitData);
}

/** The public URL the provider published, or undefined (absent, not JSON, or not an http(s) URL). */
export function ingressUrl(relation: Relation | undefined): string | undefined {
  if (!relation?.app) return undefined;
  const raw = relation.data.get(relation.app).get('ingress');
  if (!raw) return undefined;
  let url: unknown;
  try {
    url = (JSON.parse(raw) as { url?: unknown } | null)?.url;
  } catch {
    return undefined;
  }
  if (typeof url !== 'string') return undefined;
  try {
    return /^https?:$/.test(new URL(url).protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/** OpenCTI's APP__BASE_URL / APP__BASE_PATH (upstream `_gen_ingress_env`). */
export function ingressEnvironment(url: string | undefined): Record<string, string> {
  if (!url) throw new NotReady('waiting for ingress integration');
  return { APP__BASE_URL: url, APP__BASE_PATH: new URL(url).pathname };
}
