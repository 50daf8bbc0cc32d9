// The `opencti` container's Pebble layers (upstream `_gen_pebble_service_plan`, `_gen_pebble_check_plan`):
// the `platform` service (OpenCTI's Node back end) with its environment from the integrations, three
// `worker-<n>` services (the Python workers that ingest bundles from RabbitMQ), the `charm-callback`
// helper, and, once the platform is healthy, the `platform` health check. Both go under label `opencti`
// with combine, so the second adds the check to the first.
import type { Layer, Service } from '@ops-ts/ops';

/** The layer label. */
export const LAYER_LABEL = 'opencti';
/** The platform service. */
export const PLATFORM_SERVICE = 'platform';
/** The helper service that tells the charm (a Pebble notice) when the platform becomes healthy. */
export const CALLBACK_SERVICE = 'charm-callback';
/** The worker services, started after the platform is healthy. */
export const WORKER_SERVICES = ['worker-0', 'worker-1', 'worker-2'] as const;
/** Where the callback script lives in the container. */
export const CALLBACK_SCRIPT_PATH = '/opt/opencti/charm-callback.sh';

const SUMMARY = 'OpenCTI platform/worker';

/** What the service layer is built from. */
export interface ServiceLayerInput {
  /** The base URL the workers reach the platform at (also the charm's). */
  baseUrl: string;
  /** The admin token (workers authenticate with it). */
  adminToken: string;
  /** The platform's environment from config, secrets and integrations. */
  platformEnvironment: Readonly<Record<string, string>>;
}

/** The platform's fixed settings, before the generated ones (upstream's order). */
export const PLATFORM_DEFAULTS: Readonly<Record<string, string>> = {
  NODE_OPTIONS: '--max-old-space-size=8096',
  NODE_ENV: 'production',
  PYTHONUNBUFFERED: '1',
  APP__PORT: '8080',
  APP__APP_LOGS__LOGS_LEVEL: 'info',
  PROVIDERS__LOCAL__STRATEGY: 'LocalStrategy',
  APP__TELEMETRY__METRICS__ENABLED: 'true',
};

/** The services layer: charm-callback, platform and the workers. */
export function serviceLayer(input: ServiceLayerInput): Layer {
  const worker = (): Service => ({
    override: 'replace',
    command: 'python3 worker.py',
    'working-dir': '/opt/opencti-worker',
    environment: { OPENCTI_URL: input.baseUrl, OPENCTI_TOKEN: input.adminToken, WORKER_LOG_LEVEL: 'info' },
    after: [PLATFORM_SERVICE],
    requires: [PLATFORM_SERVICE],
  });
  return {
    summary: SUMMARY,
    description: SUMMARY,
    services: {
      [CALLBACK_SERVICE]: { override: 'replace', command: `bash ${CALLBACK_SCRIPT_PATH}` },
      [PLATFORM_SERVICE]: {
        override: 'replace',
        command: 'node build/back.js',
        'working-dir': '/opt/opencti',
        environment: { ...PLATFORM_DEFAULTS, ...input.platformEnvironment },
      },
      ...Object.fromEntries(WORKER_SERVICES.map((name) => [name, worker()])),
    },
  };
}

/** The check layer: the platform's `/health` as a ready check. */
export function checkLayer(healthCheckUrl: string): Layer {
  return {
    summary: SUMMARY,
    description: SUMMARY,
    checks: {
      [PLATFORM_SERVICE]: {
        override: 'replace',
        level: 'ready',
        http: { url: healthCheckUrl },
        period: '1m',
        timeout: '5s',
        threshold: 5,
      },
    },
  };
}

/**
 * The callback script: polls `/health` and, once it answers, raises the custom notice
 * `canonical.com/opencti/platform-healthy` (a `pebble-custom-notice` event for the charm) and stops itself.
 */
export function callbackScript(healthCheckUrl: string): string {
  return [
    'while :; do',
    `    if curl -m 3 -sfo /dev/null "${healthCheckUrl}"; then`,
    '        pebble notify canonical.com/opencti/platform-healthy',
    `        pebble stop ${CALLBACK_SERVICE}`,
    '        break',
    '    else',
    '        sleep 5',
    '    fi',
    'done',
    '',
  ].join('\n');
}
