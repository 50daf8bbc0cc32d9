import { HttpError, sendEnvelope, sendSync } from './http-io.js';
import { queryList, type Route } from './routes.js';

/** `GET /v1/system-info`, `GET /v1/health`, `GET /v1/warnings`. */
export const systemRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/system-info$/,
    handle: ({ res, state }) => sendSync(res, { version: state.version, 'boot-id': state.bootId }),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/health$/,
    handle: ({ res, url, state }) => {
      const level = url.searchParams.get('level') || undefined;
      if (level && level !== 'alive' && level !== 'ready')
        throw new HttpError(400, `level must be "alive" or "ready"`);
      const healthy = state.checks.healthy(level, queryList(url, 'names'));
      if (healthy) sendSync(res, { healthy });
      // Pebble reports unhealthy as 502 with the same result shape.
      else
        sendEnvelope(res, 502, {
          type: 'sync',
          'status-code': 502,
          status: 'Bad Gateway',
          result: { healthy },
        });
    },
  },
  { method: 'GET', pattern: /^\/v1\/warnings$/, handle: ({ res }) => sendSync(res, []) },
];
