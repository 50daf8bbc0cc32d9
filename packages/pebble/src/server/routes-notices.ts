import { parseDuration } from '../duration.js';
import { parseRfc3339Ns } from './clock.js';
import { badRequest, notFound, parseJsonBody, readBody, sendSync } from './http-io.js';
import { queryList, type Route } from './routes.js';

// internals/daemon/api_notices.go, customKeyRegexp: custom keys look like `example.com/path`.
const CUSTOM_KEY = /^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+(\/[a-z0-9]+(-[a-z0-9]+)*)+$/;
const MAX_KEY_LENGTH = 256;
const MAX_DATA_SIZE = 4 * 1024;

/** `GET/POST /v1/notices`, `GET /v1/notices/<id>` (texts from api_notices.go). */
export const noticeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/v1\/notices$/,
    handle: ({ res, url, state }) => {
      const userIds = queryList(url, 'user-id');
      const users = url.searchParams.getAll('users');
      let userId: number | undefined;
      if (url.searchParams.has('user-id')) {
        if (userIds.length !== 1)
          throw badRequest(`invalid "user-id" filter: must only include one "user-id"`);
        const text = userIds[0] ?? '';
        if (!/^-?\d+$/.test(text))
          throw badRequest(
            `invalid "user-id" filter: strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`,
          );
        userId = Number(text);
        if (userId < 0 || userId > 0xffffffff)
          throw badRequest(`invalid "user-id" filter: user ID is not a valid uint32: ${text}`);
      }
      if (users.length > 0) {
        if (url.searchParams.has('user-id'))
          throw badRequest(`cannot use both "users" and "user-id" parameters`);
        if (url.searchParams.get('users') !== 'all')
          throw badRequest(`invalid "users" filter: must be "all"`);
      }
      const after = url.searchParams.get('after') ?? '';
      const afterNs = after === '' ? undefined : parseRfc3339Ns(after);
      if (after !== '' && afterNs === undefined)
        throw badRequest(
          `invalid "after" timestamp: parsing time ${JSON.stringify(after)} as "2006-01-02T15:04:05Z07:00": cannot parse`,
        );
      const notices = state.notices.list({
        ...(userId === undefined ? {} : { userId }),
        allUsers: users.length > 0,
        types: queryList(url, 'types'),
        keys: queryList(url, 'keys'),
        ...(afterNs === undefined ? {} : { afterNs }),
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
      if (body.action !== 'add') throw badRequest(`invalid action ${JSON.stringify(body.action ?? '')}`);
      if (body.type !== 'custom')
        throw badRequest(`invalid type ${JSON.stringify(body.type ?? '')} (can only add "custom" notices)`);
      const key = typeof body.key === 'string' ? body.key : '';
      if (!CUSTOM_KEY.test(key))
        throw badRequest(`invalid key ${JSON.stringify(key)} (must be in "example.com/path" format)`);
      if (Buffer.byteLength(key) > MAX_KEY_LENGTH)
        throw badRequest(`key must be ${MAX_KEY_LENGTH} bytes or less`);
      const repeatAfter = typeof body['repeat-after'] === 'string' ? body['repeat-after'] : undefined;
      if (repeatAfter) {
        try {
          parseDuration(repeatAfter);
        } catch {
          throw badRequest(`invalid repeat-after: time: invalid duration ${JSON.stringify(repeatAfter)}`);
        }
      }
      if (body.data !== undefined && Buffer.byteLength(JSON.stringify(body.data)) > MAX_DATA_SIZE)
        throw badRequest(`total size of data must be ${MAX_DATA_SIZE} bytes or less`);
      const data: Record<string, string> = {};
      if (body.data && typeof body.data === 'object') {
        for (const [k, v] of Object.entries(body.data)) {
          if (typeof v !== 'string')
            throw badRequest(
              'cannot decode notice data: json: cannot unmarshal into Go value of type string',
            );
          data[k] = v;
        }
      }
      const notice = state.notices.add({
        type: 'custom',
        key,
        data,
        ...(repeatAfter ? { repeatAfter } : {}),
        // API notices belong to the caller; the fake treats every caller as the server's own user.
        userId: process.getuid?.() ?? null,
      });
      sendSync(res, { id: notice.id });
    },
  },
];
