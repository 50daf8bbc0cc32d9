import { badRequest, parseJsonBody, readBody, sendAsync, sendSync } from './http-io.js';
import { bodyList, queryList, type Route } from './routes.js';

/** `GET/POST /v1/services`, `POST /v1/signals`. */
export const serviceRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/services$/,
    handle: ({ res, url, state }) => sendSync(res, state.services.list(queryList(url, 'names'))),
  },
  {
    method: 'POST',
    pattern: /^\/v1\/services$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      const change = state.services.act(String(body.action ?? ''), bodyList(body, 'services'));
      sendAsync(res, change.id);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/signals$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      const signal = typeof body.signal === 'string' ? body.signal : '';
      const services = bodyList(body, 'services');
      if (!/^SIG[A-Z0-9]+$/.test(signal)) throw badRequest(`invalid signal name ${JSON.stringify(signal)}`);
      if (services.length === 0) throw badRequest('must specify one or more services');
      for (const name of services) {
        if (!state.services.isActive(name)) {
          throw badRequest(`cannot send signal to ${JSON.stringify(name)}: service is not running`);
        }
      }
      state.signals.push({ signal, services });
      sendSync(res, true);
    },
  },
];
