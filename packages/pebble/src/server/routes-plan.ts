import { layerToYaml } from '../layer-yaml-server.js';
import { DEFAULT_CHECK_THRESHOLD } from './check-store.js';
import { badRequest, parseJsonBody, readBody, sendSync } from './http-io.js';
import type { Route } from './routes.js';

/** `GET /v1/plan`, `POST /v1/layers`. */
export const planRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/plan$/,
    handle: ({ res, url, state }) => {
      const format = url.searchParams.get('format') ?? '';
      if (format !== 'yaml') throw badRequest(`invalid format ${JSON.stringify(format)}`);
      // plan.go CombineLayers fills in check defaults; only threshold shows (period and timeout are
      // unset OptionalDurations, which the YAML encoder omits).
      const plan = state.plan.plan();
      for (const check of Object.values(plan.checks ?? {})) check.threshold ||= DEFAULT_CHECK_THRESHOLD;
      sendSync(res, layerToYaml(plan));
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/layers$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      // api_plan.go v1PostLayers: action, then label, then format.
      if (body.action !== 'add') throw badRequest(`invalid action ${JSON.stringify(body.action ?? '')}`);
      if (typeof body.label !== 'string' || body.label === '') throw badRequest('label must be set');
      if (body.format !== 'yaml') throw badRequest(`invalid format ${JSON.stringify(body.format ?? '')}`);
      if (typeof body.layer !== 'string')
        throw badRequest('cannot decode request body: layer must be a string');
      state.plan.addLayer(body.label, body.layer, body.combine === true);
      sendSync(res, true);
    },
  },
];
