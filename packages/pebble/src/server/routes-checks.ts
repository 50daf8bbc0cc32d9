import { badRequest, parseJsonBody, readBody, sendSync } from './http-io.js';
import { bodyList, queryList, type Route } from './routes.js';

/** `GET/POST /v1/checks`. */
export const checkRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/checks$/,
    handle: ({ res, url, state }) => {
      const level = url.searchParams.get('level') || undefined;
      if (level && level !== 'alive' && level !== 'ready')
        throw badRequest(`level must be "alive" or "ready"`);
      sendSync(res, state.checks.list(level, queryList(url, 'names')));
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/checks$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req), 'data from request body');
      const changed = state.checks.act(String(body.action ?? ''), bodyList(body, 'checks'));
      sendSync(res, { changed });
    },
  },
];
