import { parseJsonBody, readBody, sendAsync } from './http-io.js';
import type { Route } from './routes.js';

/** `POST /v1/exec` (the websockets are served from the HTTP upgrade event). */
export const execRoutes: Route[] = [
  {
    method: 'POST',
    pattern: /^\/v1\/exec$/,
    handle: async ({ req, res, state }) => {
      const { changeId, result } = state.exec.create(parseJsonBody(await readBody(req)));
      sendAsync(res, changeId, result);
    },
  },
];
