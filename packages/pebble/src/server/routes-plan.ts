import { layerToYaml } from '../layer-yaml-server.js';
import { badRequest, parseJsonBody, readBody, sendSync } from './http-io.js';
import type { Route } from './routes.js';

/** `GET /v1/plan`, `POST /v1/layers`. */
export const planRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/plan$/,
    handle: ({ res, url, state }) => {
      const format = url.searchParams.get('format') ?? 'yaml';
      if (format !== 'yaml') throw badRequest(`invalid format ${JSON.stringify(format)}`);
      sendSync(res, layerToYaml(state.plan.plan()));
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/layers$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      if (body.action !== 'add') throw badRequest(`invalid action ${JSON.stringify(body.action)}`);
      if (body.format !== 'yaml') throw badRequest(`invalid format ${JSON.stringify(body.format)}`);
      if (typeof body.label !== 'string' || typeof body.layer !== 'string') {
        throw badRequest('label and layer must be strings');
      }
      state.plan.addLayer(body.label, body.layer, body.combine === true);
      sendSync(res, true);
    },
  },
];
