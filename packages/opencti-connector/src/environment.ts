// The connector's environment, built as the Python original's `_gen_env` and `_get_proxy_environment` do
// (canonical/opencti-operator `lib/charms/opencti/v0/opencti_connector.py`).
import type { ConfigOptionMeta, ConfigValue } from '@ops-ts/ops';

/** How booleans are written into the environment: `true`/`false` (json) or `True`/`False` (python). */
export type BooleanStyle = 'json' | 'python';

/** `connector-log-level` → `CONNECTOR_LOG_LEVEL`. */
export function kebabToConstant(name: string): string {
  return name.replaceAll('-', '_').toUpperCase();
}

/**
 * A config value as Python's `str()` writes it: strings as they are (`""` kept), ints in decimal, booleans
 * in the charm's style, floats as Python's repr (`2.0`, not `2`).
 */
export function renderConfigValue(value: ConfigValue, style: BooleanStyle): string {
  if (typeof value === 'boolean') {
    if (style === 'python') return value ? 'True' : 'False';
    return value ? 'true' : 'false';
  }
  return String(value);
}

/** Renders a float option as Python does (`2.0`); int options never reach this. */
function renderFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : String(value);
}

/**
 * One variable per option that has a value (set, or a default), in metadata order: `OPTION_NAME=value`.
 * Unset options without a default are left out.
 */
export function configEnvironment(
  options: Readonly<Record<string, ConfigOptionMeta>>,
  config: Readonly<Record<string, ConfigValue>>,
  style: BooleanStyle,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, meta] of Object.entries(options)) {
    const value = config[name];
    if (value === undefined) continue;
    env[kebabToConstant(name)] =
      meta.type === 'float' && typeof value === 'number'
        ? renderFloat(value)
        : renderConfigValue(value, style);
  }
  return env;
}

/** The host of a URL, lower-cased without port, as Python's `urlparse(url).hostname`; undefined if none. */
function hostnameOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return host === '' ? undefined : host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * The proxy variables from the model's proxy settings: `HTTP_PROXY`/`http_proxy` and
 * `HTTPS_PROXY`/`https_proxy` when set; and only then `NO_PROXY`/`no_proxy`, Juju's no-proxy list plus the
 * OpenCTI host, so the connector reaches the platform directly. `JUJU_CHARM_FTP_PROXY` is ignored, as upstream.
 */
export function proxyEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  openctiUrl: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const http = env.JUJU_CHARM_HTTP_PROXY;
  const https = env.JUJU_CHARM_HTTPS_PROXY;
  if (http) {
    out.HTTP_PROXY = http;
    out.http_proxy = http;
  }
  if (https) {
    out.HTTPS_PROXY = https;
    out.https_proxy = https;
  }
  if (http || https) {
    // Entries are kept as Juju gives them (not trimmed or de-duplicated), as upstream does.
    const noProxy = env.JUJU_CHARM_NO_PROXY ? env.JUJU_CHARM_NO_PROXY.split(',') : [];
    const host = hostnameOf(openctiUrl);
    if (host !== undefined) noProxy.push(host);
    out.NO_PROXY = noProxy.join(',');
    out.no_proxy = out.NO_PROXY;
  }
  return out;
}
