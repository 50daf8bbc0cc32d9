import { parseDuration } from '../duration.js';
import { badRequest, notFound, parseJsonBody, readBody, sendSync } from './http-io.js';
import { queryList, type Route } from './routes.js';

// Pebble requires custom notice keys to look like `example.com/path`.
const CUSTOM_KEY = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+(\/[a-zA-Z0-9._-]+)+$/;

/** `GET/POST /v1/notices`, `GET /v1/notices/<id>`. */
export const noticeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/notices$/,
    handle: ({ res, url, state }) => {
      const userIdText = url.searchParams.get('user-id');
      const users = url.searchParams.get('users');
      if (users && users !== 'all') throw badRequest(`invalid "users" filter: ${JSON.stringify(users)}`);
      const after = url.searchParams.get('after') ?? undefined;
      if (after && Number.isNaN(Date.parse(after)))
        throw badRequest(`invalid "after" timestamp ${JSON.stringify(after)}`);
      const notices = state.notices.list({
        userId: userIdText ? Number(userIdText) : undefined,
        allUsers: users === 'all',
        types: queryList(url, 'types'),
        keys: queryList(url, 'keys'),
        after,
      });
      sendSync(res, notices);
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/notices\/([^/]+)$/,
    handle: ({ res, params, state }) => {
      const id = params[0] ?? '';
      const notice = state.notices.get(id);
      if (!notice) throw notFound(`cannot find notice with ID ${JSON.stringify(id)}`);
      sendSync(res, notice);
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/notices$/,
    handle: async ({ req, res, state }) => {
      const body = parseJsonBody(await readBody(req));
      if (body.action !== 'add') throw badRequest('invalid action (must be "add")');
      if (body.type !== 'custom')
        throw badRequest(`invalid type ${JSON.stringify(body.type)} (can only add "custom" notices)`);
      const key = typeof body.key === 'string' ? body.key : '';
      if (!CUSTOM_KEY.test(key))
        throw badRequest(`invalid key ${JSON.stringify(key)} (must be in "domain.com/key" format)`);
      const repeatAfter = typeof body['repeat-after'] === 'string' ? body['repeat-after'] : undefined;
      if (repeatAfter) {
        try {
          parseDuration(repeatAfter);
        } catch {
          throw badRequest(`invalid repeat-after ${JSON.stringify(repeatAfter)}`);
        }
      }
      const data: Record<string, string> = {};
      if (body.data && typeof body.data === 'object') {
        for (const [k, v] of Object.entries(body.data)) data[k] = String(v);
      }
      const notice = state.notices.add({
        type: 'custom',
        key,
        data: Object.keys(data).length > 0 ? data : undefined,
        repeatAfter,
        // API notices belong to the caller; the fake treats every caller as the server's own user.
        userId: process.getuid?.() ?? null,
      });
      sendSync(res, { id: notice.id });
    },
  },
];
