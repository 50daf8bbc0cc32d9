// The connector's Pebble layer, as the Python original builds it in `_reconcile_connector`.
import type { Layer, Service } from '@ops-ts/ops';
import { sameJson } from './canonical-json.js';

/** The Pebble service that runs the connector. */
export const CONNECTOR_SERVICE = 'connector';

/** The layer label the connector's layer is added under (combined, so it replaces itself). */
export const CONNECTOR_LAYER = 'connector';

/** The connector service definition: the image's entrypoint, restarted on failure. */
export function connectorService(environment: Readonly<Record<string, string>>): Service {
  return {
    override: 'replace',
    startup: 'enabled',
    'on-failure': 'restart',
    command: 'bash /entrypoint.sh',
    environment: { ...environment },
  };
}

/** The whole layer: summary and description are the charm name, as upstream. */
export function connectorLayer(charmName: string, environment: Readonly<Record<string, string>>): Layer {
  return {
    summary: charmName,
    description: charmName,
    services: { [CONNECTOR_SERVICE]: connectorService(environment) },
  };
}

/** Whether the plan already runs `service` exactly as wanted (then no layer is added and no replan made). */
export function sameService(planned: Service | undefined, wanted: Service): boolean {
  return planned !== undefined && sameJson(planned, wanted);
}
