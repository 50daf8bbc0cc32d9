import { parseDuration } from '../duration.js';
import { changeToWire } from './change-wire.js';
import { badRequest, HttpError, notFound, parseJsonBody, readBody, sendSync } from './http-io.js';
import type { Route } from './routes.js';

const cannotFind = (id: string): HttpError => notFound(`cannot find change with id ${JSON.stringify(id)}`);

/** `GET /v1/changes`, `GET/POST /v1/changes/<id>`, `GET /v1/changes/<id>/wait`. */
export const changeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/changes$/,
    handle: ({ res, url, state }) => {
      const select = url.searchParams.get('select') || 'in-progress';
      if (!['all', 'in-progress', 'ready'].includes(select))
        throw badRequest('select should be one of: all,in-progress,ready');
      const changes = state.changes
        .list(url.searchParams.get('for') ?? undefined)
        .filter((c) => select === 'all' || (select === 'ready') === c.ready);
      sendSync(res, changes.map(changeToWire));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/changes\/([^/]+)$/,
    handle: ({ res, params, state }) => {
      const id = params[0] ?? '';
      const change = state.changes.get(id);
      if (!change) throw cannotFind(id);
      sendSync(res, changeToWire(change));
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/changes\/([^/]+)\/wait$/,
    handle: async ({ res, url, params, state }) => {
      if (state.disableWaitEndpoint) throw notFound('not found');
      const id = params[0] ?? '';
      if (!state.changes.get(id)) throw cannotFind(id);
      const timeoutText = url.searchParams.get('timeout');
      let timeoutMs: number | null = null;
      if (timeoutText) {
        try {
          timeoutMs = parseDuration(timeoutText) * 1000;
        } catch (e) {
          throw badRequest(`invalid timeout: ${(e as Error).message}`);
        }
      }
      const ready = await state.changes.waitReady(id, timeoutMs);
      if (!ready) throw new HttpError(504, `timed out waiting for change after ${timeoutText}`);
      const change = state.changes.get(id);
      sendSync(res, change ? changeToWire(change) : null);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/changes\/([^/]+)$/,
    handle: async ({ req, res, params, state }) => {
      // v1PostChange: find the change, then decode, then check the action and that it is pending.
      const id = params[0] ?? '';
      const change = state.changes.get(id);
      if (!change) throw cannotFind(id);
      const body = parseJsonBody(await readBody(req), 'data from request body');
      if (body.action !== 'abort') throw badRequest(`invalid action ${JSON.stringify(body.action ?? '')}`);
      if (change.ready) throw badRequest(`cannot abort change ${id} with nothing pending`);
      const aborted = state.changes.abort(id);
      sendSync(res, aborted ? changeToWire(aborted) : null);
    },
  },
];
