import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { type FakeOpencti, startFakeOpencti } from '@ops-ts/fake-opencti';
import { afterEach, describe, expect, it } from 'vitest';
import { graphqlEndpoint, OpenctiClient } from '../src/opencti-client.js';
import {
  OpenctiApiError,
  OpenctiAuthError,
  OpenctiError,
  OpenctiGraphqlError,
  OpenctiProtocolError,
  OpenctiUnreachableError,
} from '../src/opencti-errors.js';

const ADMIN_TOKEN = '0c8f6a4e-3f1b-4c2d-9e7a-5b6c7d8e9f00';
const PREFIX = 'charm-connector-';
const servers: FakeOpencti[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(timeoutMs?: number): Promise<{ fake: FakeOpencti; client: OpenctiClient }> {
  const fake = await startFakeOpencti({
    adminToken: ADMIN_TOKEN,
    healthAccessKey: 'k',
    basePath: '/opencti',
  });
  servers.push(fake);
  return { fake, client: new OpenctiClient(fake.url, ADMIN_TOKEN, timeoutMs ? { timeoutMs } : {}) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

// Everything a log line or a status message could be built from: message, stack, cause chain, inspect.
function everythingShown(error: Error): string {
  const parts = [String(error), error.stack ?? '', inspect(error, { depth: 10 }), JSON.stringify(error)];
  let cause: unknown = error.cause;
  while (cause instanceof Error) {
    parts.push(String(cause), cause.stack ?? '');
    cause = cause.cause;
  }
  return parts.join('\n');
}

describe('graphqlEndpoint', () => {
  it.each([
    ['http://localhost:8080/opencti', 'http://localhost:8080/opencti/graphql'],
    ['http://localhost:8080/opencti/', 'http://localhost:8080/opencti/graphql'],
    ['http://localhost:8080/', 'http://localhost:8080/graphql'],
    ['http://localhost:8080', 'http://localhost:8080/graphql'],
  ])('joins %s as urljoin(url + "/", "graphql") does', (url, endpoint) => {
    expect(graphqlEndpoint(url)).toBe(endpoint);
  });

  it('refuses a URL that is not one', () => {
    expect(() => new OpenctiClient('localhost:8080 opencti', ADMIN_TOKEN)).toThrow(TypeError);
  });
});

describe('OpenctiClient calls against the fake OpenCTI', () => {
  it('lists groups', async () => {
    const { fake, client } = await setup();
    expect(await client.listGroups()).toEqual(fake.groups().map(({ id, name }) => ({ id, name })));
  });

  it('creates an Active user with the default email, the given groups and an unknown random password', async () => {
    const { fake, client } = await setup();
    const connectors = (await client.listGroups()).find((g) => g.name === 'Connectors');
    const user = await client.createUser('charm-connector-crowdstrike', { groups: [connectors?.id ?? ''] });
    expect(user).toEqual({
      id: expect.any(String),
      name: 'charm-connector-crowdstrike',
      user_email: 'charm-connector-crowdstrike@opencti.local',
      account_status: 'Active',
      api_token: expect.any(String),
    });
    expect(fake.users()).toEqual([
      expect.objectContaining({ id: user.id, firstname: '', lastname: '', groups: [connectors?.id] }),
    ]);
  });

  it('creates a user with an explicit email', async () => {
    const { client } = await setup();
    expect((await client.createUser('someone', { email: 'someone@example.com' })).user_email).toBe(
      'someone@example.com',
    );
  });

  it.each([
    { prefix: PREFIX, expected: ['charm-connector-a', 'charm-connector-b'] },
    { prefix: 'admin', expected: ['admin-user'] },
    { prefix: undefined, expected: ['charm-connector-a', 'admin-user', 'charm-connector-b'] },
    { prefix: '', expected: ['charm-connector-a', 'admin-user', 'charm-connector-b'] },
  ])('lists users whose name starts with $prefix', async ({ prefix, expected }) => {
    const { client } = await setup();
    for (const name of ['charm-connector-a', 'admin-user', 'charm-connector-b'])
      await client.createUser(name);
    expect((await client.listUsers(prefix)).map((u) => u.name)).toEqual(expected);
  });

  it('sets the account status', async () => {
    const { fake, client } = await setup();
    const user = await client.createUser('charm-connector-a');
    await client.setAccountStatus(user.id, 'Inactive');
    expect(fake.users()[0]?.account_status).toBe('Inactive');
    expect((await client.listUsers(PREFIX))[0]?.account_status).toBe('Inactive');
    await client.setAccountStatus(user.id, 'Active');
    expect((await client.listUsers(PREFIX))[0]?.account_status).toBe('Active');
  });
});

describe('OpenctiClient caching', () => {
  it('caches listUsers per prefix and listGroups; createUser and setAccountStatus clear the users only', async () => {
    const { fake, client } = await setup();
    await client.listUsers(PREFIX);
    await client.listUsers(PREFIX);
    await Promise.all([client.listUsers('x'), client.listUsers('x')]);
    await client.listGroups();
    await client.listGroups();
    expect(fake.operations()).toEqual(['users', 'users', 'groups']);
    const user = await client.createUser('charm-connector-a');
    expect((await client.listUsers(PREFIX)).map((u) => u.name)).toEqual(['charm-connector-a']);
    await client.setAccountStatus(user.id, 'Inactive');
    await client.listUsers(PREFIX);
    await client.listGroups();
    expect(fake.operations()).toEqual(['users', 'users', 'groups', 'userAdd', 'users', 'userEdit', 'users']);
  });

  it('keeps caches per client', async () => {
    const { fake, client } = await setup();
    await client.listUsers(PREFIX);
    await new OpenctiClient(fake.url, ADMIN_TOKEN).listUsers(PREFIX);
    expect(fake.operations()).toEqual(['users', 'users']);
  });

  it('does not cache a failure', async () => {
    const { fake, client } = await setup();
    fake.failNext(1);
    await expect(client.listGroups()).rejects.toBeInstanceOf(OpenctiApiError);
    expect(await client.listGroups()).toHaveLength(2);
  });
});

describe('OpenctiClient errors', () => {
  it.each([
    { status: 500, message: 'OpenCTI listUsers failed: HTTP 500 Internal Server Error' },
    { status: 502, message: 'OpenCTI listUsers failed: HTTP 502 Bad Gateway' },
    { status: 401, message: 'OpenCTI listUsers failed: HTTP 401 Unauthorized' },
  ])('turns HTTP $status into OpenctiApiError', async ({ status, message }) => {
    const { fake, client } = await setup();
    fake.failNext(1, { status });
    const error = await rejection(client.listUsers(PREFIX));
    expect(error).toBeInstanceOf(OpenctiApiError);
    expect(error).toMatchObject({ name: 'OpenctiApiError', call: 'listUsers', status, message });
  });

  it('turns a wrong token into OpenctiAuthError with AUTH_REQUIRED', async () => {
    const { fake } = await setup();
    const error = await rejection(new OpenctiClient(fake.url, 'not-the-admin-token').listGroups());
    expect(error).toBeInstanceOf(OpenctiAuthError);
    expect(error).toBeInstanceOf(OpenctiGraphqlError);
    expect(error).toMatchObject({
      call: 'listGroups',
      status: 200,
      code: 'AUTH_REQUIRED',
      message: 'OpenCTI listGroups failed: You must be logged in to do this. (AUTH_REQUIRED)',
    });
  });

  it('turns GraphQL errors into OpenctiGraphqlError (a group removed under the charm)', async () => {
    const { fake, client } = await setup();
    const connectors = (await client.listGroups()).find((g) => g.name === 'Connectors');
    fake.removeGroup('Connectors');
    const error = await rejection(client.createUser('charm-connector-a', { groups: [connectors?.id ?? ''] }));
    expect(error).toBeInstanceOf(OpenctiGraphqlError);
    expect(error).not.toBeInstanceOf(OpenctiAuthError);
    expect(error).toMatchObject({
      call: 'createUser',
      code: 'MISSING_REFERENCE_ERROR',
      message: 'OpenCTI createUser failed: Element(s) not found (MISSING_REFERENCE_ERROR)',
    });
  });

  it('turns a refused connection into OpenctiUnreachableError naming the cause', async () => {
    const port = await freePort();
    const client = new OpenctiClient(`http://127.0.0.1:${port}/opencti`, ADMIN_TOKEN);
    const error = await rejection(client.setAccountStatus('some-id', 'Inactive'));
    expect(error).toBeInstanceOf(OpenctiUnreachableError);
    expect(error).toMatchObject({ call: 'setAccountStatus', timedOut: false });
    expect(error.message).toBe(
      `OpenCTI setAccountStatus failed: cannot reach http://127.0.0.1:${port}/opencti/graphql: ` +
        `connect ECONNREFUSED 127.0.0.1:${port}`,
    );
  });

  it('times out after timeoutMs with OpenctiUnreachableError', async () => {
    const { fake, client } = await setup(200);
    fake.delay(5_000);
    const started = Date.now();
    const error = await rejection(client.listUsers(PREFIX));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(OpenctiUnreachableError);
    expect(error).toMatchObject({ timedOut: true });
    expect(error.message).toBe(`OpenCTI listUsers failed: no answer from ${fake.url}/graphql within 200 ms`);
  });

  it('turns an answer that is not GraphQL into OpenctiProtocolError', async () => {
    const client = new OpenctiClient('http://opencti.invalid', ADMIN_TOKEN, {
      fetch: async () => new Response('<html>proxy page</html>', { status: 200 }),
    });
    const error = await rejection(client.listGroups());
    expect(error).toBeInstanceOf(OpenctiProtocolError);
    expect(error.message).toBe('OpenCTI listGroups failed: HTTP 200 answer without GraphQL data');
  });

  it('removes the token and the password from messages the server echoes', async () => {
    let sent = '';
    const client = new OpenctiClient('http://opencti.invalid', ADMIN_TOKEN, {
      fetch: async (_url, init) => {
        sent = `${String(init?.body)} ${JSON.stringify(init?.headers)}`;
        return Response.json({
          errors: [{ message: `got invalid value ${sent}`, extensions: { code: 'BAD_USER_INPUT' } }],
        });
      },
    });
    const error = await rejection(client.createUser('charm-connector-a'));
    const password = (
      JSON.parse(sent.slice(0, sent.lastIndexOf('} {') + 1)) as { variables: { input: { password: string } } }
    ).variables.input.password;
    expect(password).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(error.message).toContain('***');
    expect(everythingShown(error)).not.toContain(password);
    expect(everythingShown(error)).not.toContain(ADMIN_TOKEN);
  });

  it('never shows the admin token: not in any error, its cause, nor the client itself', async () => {
    const { fake, client } = await setup(200);
    const errors: Error[] = [];
    fake.failNext(1);
    errors.push(await rejection(client.listUsers(PREFIX)));
    errors.push(await rejection(new OpenctiClient(fake.url, `${ADMIN_TOKEN}-wrong`).listUsers(PREFIX)));
    fake.delay(5_000);
    errors.push(await rejection(client.listGroups()));
    fake.delay(0);
    errors.push(
      await rejection(new OpenctiClient(`http://127.0.0.1:${await freePort()}`, ADMIN_TOKEN).listGroups()),
    );
    expect(errors.map((e) => e instanceof OpenctiError)).toEqual([true, true, true, true]);
    for (const error of errors) expect(everythingShown(error)).not.toContain(ADMIN_TOKEN);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(ADMIN_TOKEN);
    expect(JSON.stringify(client)).not.toContain(ADMIN_TOKEN);
  });
});
