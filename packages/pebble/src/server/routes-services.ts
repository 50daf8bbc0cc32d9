import { badRequest, HttpError, parseJsonBody, readBody, sendAsync, sendSync } from './http-io.js';
import { bodyList, queryList, type Route } from './routes.js';
import { isSignalName } from './signal-names.js';

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
      const body = parseJsonBody(await readBody(req), 'data from request body');
      const action = String(body.action ?? '');
      const change = state.services.act(action, bodyList(body, 'services'));
      // v1PostServices: a replan also starts the enabled checks that are not running.
      if (action === 'replan') state.checks.replan();
      sendAsync(res, change.id);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/signals$/,
    // api_signals.go v1PostSignals + servstate SendSignal/sendSignal: a 500 naming every service that
    // could not be signalled; the name is checked only for running services.
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      const signal = typeof body.signal === 'string' ? body.signal : '';
      const services = bodyList(body, 'services');
      if (services.length === 0) throw badRequest('must specify one or more services');
      const errors: string[] = [];
      const sent: string[] = [];
      for (const name of services) {
        const q = JSON.stringify(name);
        if (!state.services.isActive(name)) errors.push(`cannot send signal to ${q}: service is not running`);
        else if (!isSignalName(signal))
          errors.push(`cannot send signal to ${q}: invalid signal name ${JSON.stringify(signal)}`);
        else sent.push(name);
      }
      if (sent.length > 0) state.signals.push({ signal, services: sent });
      for (const name of sent) state.services.deliverSignal(name, signal);
      if (errors.length > 0) throw new HttpError(500, errors.join('; '));
      sendSync(res, true);
    },
  },
];
