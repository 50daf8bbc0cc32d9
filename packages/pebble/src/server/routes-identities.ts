import { parseJsonBody, readBody, sendSync } from './http-io.js';
import type { Route } from './routes.js';

/** `GET/POST /v1/identities` (Pebble 1.15+, internals/daemon/api_identities.go). */
export const identityRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/identities$/,
    handle: ({ res, state }) => sendSync(res, state.identities.list()),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/identities$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      state.identities.apply(body.action, body.identities);
      sendSync(res, null);
    },
  },
];
