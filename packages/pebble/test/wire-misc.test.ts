// Notices, files, identities and general error texts as Pebble v1.32 answers them.
import { describe, expect, it } from 'vitest';
import { PathError } from '../src/index.js';
import { formatRfc3339Nano, parseRfc3339Ns } from '../src/server/clock.js';
import { goDurationString } from '../src/server/go-duration.js';
import { startPebble } from './helpers.js';
import { message, raw } from './raw-http.js';

describe('notice timestamps (state/notices.go AddNotice uses time.Now().UTC(); JSON is RFC3339Nano)', () => {
  it.each([
    [1_700_000_000_123_456_789n, '2023-11-14T22:13:20.123456789Z'],
    [1_700_000_000_120_000_000n, '2023-11-14T22:13:20.12Z'],
    [1_700_000_000_000_000_000n, '2023-11-14T22:13:20Z'],
  ])('formats %s as Go does', (ns, text) => {
    expect(formatRfc3339Nano(ns)).toBe(text);
    expect(parseRfc3339Ns(text)).toBe(ns);
  });

  it('parses offsets as time.Parse(time.RFC3339) does', () => {
    expect(parseRfc3339Ns('2023-11-15T00:13:20.5+02:00')).toBe(1_700_000_000_500_000_000n);
    expect(parseRfc3339Ns('yesterday')).toBeUndefined();
  });

  it('orders notices a microsecond apart and filters after= exactly', async () => {
    const { server, client } = await startPebble();
    const ids = [];
    for (const key of ['example.com/a', 'example.com/b', 'example.com/c'])
      ids.push(await client.notify('custom', key));
    const notices = await client.getNotices();
    const stamps = notices.map((n) => n['last-repeated']);
    expect(stamps.every((s) => /\.\d{1,9}Z$/.test(s))).toBe(true);
    expect(new Set(stamps).size).toBe(3);
    // after= the first one's exact stamp leaves the other two (strictly after), raw and through our client.
    const after = stamps[0] ?? '';
    const resp = await raw(server.socketPath, 'GET', `/v1/notices?after=${encodeURIComponent(after)}`);
    expect((resp.body.result as { id: string }[]).map((n) => n.id)).toEqual(ids.slice(1));
    expect((await client.getNotices({ after })).map((n) => n.id)).toEqual(ids.slice(1));
    expect(message(await raw(server.socketPath, 'GET', '/v1/notices?after=soon'))).toMatch(
      /^invalid "after" timestamp: /,
    );
  });

  it.each([
    [
      { action: 'add', type: 'custom', key: 'example.com/Path' },
      'invalid key "example.com/Path" (must be in "example.com/path" format)',
    ],
    [
      { action: 'add', type: 'warning', key: 'example.com/x' },
      'invalid type "warning" (can only add "custom" notices)',
    ],
    [{ action: 'remove', type: 'custom', key: 'example.com/x' }, 'invalid action "remove"'],
  ])('POST /v1/notices refuses %j (api_notices.go v1PostNotices)', async (body, text) => {
    const { server } = await startPebble();
    const resp = await raw(server.socketPath, 'POST', '/v1/notices', body);
    expect([resp.status, message(resp)]).toEqual([400, text]);
  });
});

describe('Go durations (time.Duration.String)', () => {
  it.each([
    [500_000_000n, '500ms'],
    [1_500_000_000n, '1.5s'],
    [90_000_000_000n, '1m30s'],
    [3_600_000_000_000n, '1h0m0s'],
    [1_500n, '1.5µs'],
    [0n, '0s'],
  ])('%s ns is %s', (ns, text) => expect(goDurationString(ns)).toBe(text));
});

describe('file permissions (api_files.go parsePermissions)', () => {
  it.each(['0644', '64', '888', 'rw-', '+644'])('refuses %j', async (permissions) => {
    const { server } = await startPebble();
    const resp = await raw(server.socketPath, 'POST', '/v1/files', {
      action: 'make-dirs',
      dirs: [{ path: '/d', permissions }],
    });
    expect(resp.body.result).toEqual([
      {
        path: '/d',
        error: {
          kind: 'generic-file-error',
          message: `permissions must be a 3-digit octal string, got ${JSON.stringify(permissions)}`,
        },
      },
    ]);
  });

  it('our client sends three digits; a mode above 0o777 (four digits) is refused', async () => {
    const { client } = await startPebble();
    await client.makeDir('/ok', { permissions: 0o750 });
    expect((await client.listFiles('/ok', { itself: true }))[0]?.permissions).toBe('750');
    const err = (await client.push('/f', 'x', { permissions: 0o1755 }).catch((e: unknown) => e)) as PathError;
    expect(err).toBeInstanceOf(PathError);
    expect(err.detail).toBe('permissions must be a 3-digit octal string, got "1755"');
  });
});

describe('/v1/identities (api_identities.go, overlord/identities)', () => {
  it('adds, lists with secrets masked, and refuses as Pebble does', async () => {
    const { server } = await startPebble();
    const post = (body: unknown) => raw(server.socketPath, 'POST', '/v1/identities', body);
    expect((await raw(server.socketPath, 'GET', '/v1/identities')).body.result).toEqual({});
    const added = await post({
      action: 'add',
      identities: {
        bob: { access: 'admin', local: { 'user-id': 42 } },
        web: { access: 'read', basic: { password: 'hash' } },
      },
    });
    expect([added.status, added.body.result]).toEqual([200, null]);
    expect((await raw(server.socketPath, 'GET', '/v1/identities')).body.result).toEqual({
      bob: { access: 'admin', local: { 'user-id': 42 } },
      web: { access: 'read', basic: { password: '*****' } },
    });
    const refusals: [unknown, string][] = [
      [
        { action: 'add', identities: { bob: { access: 'read', local: { 'user-id': 1 } } } },
        'identities already exist: bob',
      ],
      [
        { action: 'update', identities: { ann: { access: 'read', local: { 'user-id': 1 } } } },
        'identities do not exist: ann',
      ],
      [{ action: 'remove', identities: { ann: null } }, 'identities do not exist: ann'],
      [
        { action: 'remove', identities: { bob: { access: 'read' } } },
        'invalid identity for "bob": identity must have at least one type ("local", "basic", or "cert")',
      ],
      [
        { action: 'add', identities: { x: { access: 'root', local: { 'user-id': 7 } } } },
        'invalid identity for "x": invalid access value "root", must be "admin", "read", "metrics", or "untrusted"',
      ],
      [
        { action: 'add', identities: { x: { access: 'read', local: {} } } },
        'invalid identity for "x": local identity must specify user-id',
      ],
      [
        { action: 'add', identities: { x: { access: 'read', local: { 'user-id': 42 } } } },
        'cannot have multiple identities with user ID 42 (bob, x)',
      ],
      [
        { action: 'add', identities: { x: null } },
        'identity value for "x" must not be null for add operation',
      ],
      [
        { action: 'drop', identities: {} },
        'invalid action "drop", must be "add", "update", "replace", or "remove"',
      ],
    ];
    for (const [body, text] of refusals)
      expect([JSON.stringify(body), message(await post(body))]).toEqual([JSON.stringify(body), text]);
    await post({ action: 'remove', identities: { web: null } });
    expect(
      Object.keys((await raw(server.socketPath, 'GET', '/v1/identities')).body.result as object),
    ).toEqual(['bob']);
  });
});

describe('error texts (internals/daemon: daemon.go router, api_changes.go, api_plan.go)', () => {
  it.each([
    ['GET', '/v1/nope', undefined, 404, 'invalid API endpoint requested'],
    ['PUT', '/v1/services', undefined, 405, 'method "PUT" not allowed'],
    ['GET', '/v1/changes?select=some', undefined, 400, 'select should be one of: all,in-progress,ready'],
    ['GET', '/v1/changes/42', undefined, 404, 'cannot find change with id "42"'],
    ['POST', '/v1/changes/42', { action: 'abort' }, 404, 'cannot find change with id "42"'],
    ['POST', '/v1/layers', { action: 'add', format: 'yaml', layer: '' }, 400, 'label must be set'],
    [
      'POST',
      '/v1/layers',
      { action: 'add', label: 'x', format: 'json', layer: '' },
      400,
      'invalid format "json"',
    ],
    ['POST', '/v1/layers', { action: 'remove' }, 400, 'invalid action "remove"'],
    ['POST', '/v1/services', '', 400, 'cannot decode data from request body: EOF'],
    ['POST', '/v1/notices', '', 400, 'cannot decode request body: EOF'],
  ])('%s %s', async (method, path, body, status, text) => {
    const { server } = await startPebble();
    const resp = await raw(server.socketPath, method, path, body);
    expect([resp.status, message(resp)]).toEqual([status, text]);
  });

  it('a change with no tasks has no tasks field on the wire (api_changes.go changeInfo omitempty)', async () => {
    const { server, client } = await startPebble();
    const id = await client.replan();
    const resp = await raw(server.socketPath, 'GET', `/v1/changes/${id}`);
    expect(resp.body.result).not.toHaveProperty('tasks');
    expect((await client.getChange(id)).tasks).toEqual([]);
  });
});
