// Where the charm reaches its own workload. Upstream (canonical/opencti-operator `src/charm.py`,
// `_reconcile`): "http://localhost:8080/" + the ingress URL's path without leading/trailing "/", because
// OpenCTI serves under APP__BASE_PATH. Here the host:port comes from `Container.localAddress(8080)`, which
// is localhost:8080 on a pod and the mapped loopback port in the simulator and tests.
import type { Container } from '@ops-ts/ops';

/** The port OpenCTI listens on in its container (`APP__PORT`). */
export const OPENCTI_PORT = 8080;

/** The path of an ingress URL without leading and trailing `/` (`''` when there is none or it is bad). */
export function ingressPath(ingressUrl: string | undefined): string {
  if (!ingressUrl) return '';
  try {
    return new URL(ingressUrl).pathname.replace(/^\/+/, '').replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** The base URL of the workload as the charm reaches it, e.g. `http://localhost:8080/opencti`. */
export function workloadBaseUrl(container: Container, ingressUrl: string | undefined): string {
  return `http://${container.localAddress(OPENCTI_PORT)}/${ingressPath(ingressUrl)}`;
}

/** The health URL under a base URL (upstream: `base.removesuffix("/") + "/health?health_access_key=…"`). */
export function healthUrl(baseUrl: string, healthAccessKey: string): string {
  return `${baseUrl.replace(/\/$/, '')}/health?health_access_key=${encodeURIComponent(healthAccessKey)}`;
}
