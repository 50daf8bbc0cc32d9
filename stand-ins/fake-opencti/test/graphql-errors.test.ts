import { describe, expect, it } from 'vitest';
import { ADD_USER, ADMIN_TOKEN, addUser, fake, gql, LIST_USERS } from './helpers.js';

const input = (extra: Record<string, unknown> = {}) => ({
  input: { name: 'charm-connector-a', user_email: 'a@opencti.local', password: 'pw', ...extra },
});

describe('fake OpenCTI GraphQL errors', () => {
  it.each([
    { token: null, label: 'no Authorization header' },
    { token: 'wrong-token', label: 'a wrong token' },
  ])('refuses $label with AUTH_REQUIRED, HTTP 200 and a null field, as OpenCTI does', async ({ token }) => {
    const server = await fake();
    const answer = await gql(server, LIST_USERS, {}, token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { users: null },
      errors: [
        {
          message: 'You must be logged in to do this.',
          locations: [{ line: 2, column: 3 }],
          path: ['users'],
          extensions: { code: 'AUTH_REQUIRED', data: { http_status: 401, genre: 'TECHNICAL' } },
        },
      ],
    });
  });

  it('authenticates users by their own token: Administrators members manage users, others are forbidden', async () => {
    const server = await fake();
    const ids = Object.fromEntries(server.groups().map((g) => [g.name, g.id]));
    const admin = await addUser(server, 'admin-ish', [ids.Administrators as string]);
    const connector = await addUser(server, 'charm-connector-a', [ids.Connectors as string]);
    expect((await gql(server, LIST_USERS, {}, admin.api_token)).body.errors).toBeUndefined();
    const forbidden = await gql(server, LIST_USERS, {}, connector.api_token);
    expect(forbidden.body.errors?.[0]?.extensions.code).toBe('FORBIDDEN_ACCESS');
    await gql(
      server,
      'mutation($id: ID!) { userEdit(id: $id) { fieldPatch(input: [{key: "account_status", value: "Inactive"}]) { id } } }',
      {
        id: admin.id,
      },
    );
    const inactive = await gql(server, LIST_USERS, {}, admin.api_token);
    expect(inactive.body.errors?.[0]?.extensions.code).toBe('AUTH_REQUIRED');
  });

  it.each([
    {
      query: '{ connectors { id } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Cannot query field "connectors" on type "Query".',
    },
    {
      query: '{ users { edges { node { password } } } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Cannot query field "password" on type "User".',
    },
    {
      query: '{ users }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: expect.stringContaining('must have a selection of subfields'),
    },
    {
      query: '{ users(limit: 1) { edges { node { id } } } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Unknown argument "limit" on field "Query.users".',
    },
    {
      query: '{ users(filters: $f) { edges { node { id } } } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'Variable "$f" is not defined.',
    },
    {
      query: '{ users { edges { node { id }',
      code: 'GRAPHQL_PARSE_FAILED',
      message: 'Syntax Error: Expected Name, found <EOF>.',
    },
    {
      query: 'subscription { users { edges { node { id } } } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: expect.stringContaining('subscription'),
    },
    {
      query: 'query Q($id: ID!) { users { edges { node { id } } } }',
      code: 'BAD_USER_INPUT',
      message: 'Variable "$id" of required type "ID!" was not provided.',
    },
  ])('refuses the document $query with $code and no data', async ({ query, code, message }) => {
    const server = await fake();
    const answer = await gql(server, query);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toEqual([expect.objectContaining({ message, extensions: { code } })]);
  });

  it.each([
    {
      name: 'an input field the schema lacks',
      vars: input({ first_name: '' }),
      code: 'BAD_USER_INPUT',
      message: 'Field "first_name" is not defined by type "UserAddInput".',
    },
    {
      name: 'a missing password',
      vars: { input: { name: 'x-user', user_email: 'x@opencti.local' } },
      code: 'BAD_USER_INPUT',
      message: 'Field "password" of required type "String!" was not provided.',
    },
    {
      name: 'an unknown group id',
      vars: input({ groups: ['no-such-group'] }),
      code: 'MISSING_REFERENCE_ERROR',
      message: 'Element(s) not found',
    },
    {
      name: 'a bad email',
      vars: input({ user_email: 'nope' }),
      code: 'VALIDATION_ERROR',
      message: 'Invalid field user_email',
    },
  ])('answers userAdd with $name as a field error', async ({ vars, code, message }) => {
    const server = await fake();
    const answer = await gql(server, ADD_USER, vars);
    expect(answer.body.data).toEqual({ userAdd: null });
    expect(answer.body.errors).toEqual([
      expect.objectContaining({ message, path: ['userAdd'], extensions: expect.objectContaining({ code }) }),
    ]);
    expect(server.users()).toEqual([]);
  });

  it('refuses a second user with the same email', async () => {
    const server = await fake();
    await gql(server, ADD_USER, input());
    const again = await gql(server, ADD_USER, input({ name: 'other-name' }));
    expect(again.body.errors?.[0]).toMatchObject({
      message: 'User already exists',
      extensions: { code: 'FUNCTIONAL_ERROR' },
    });
  });

  it('refuses to patch an unknown user', async () => {
    const server = await fake();
    const answer = await gql(
      server,
      'mutation { userEdit(id: "nope") { fieldPatch(input: [{key: "account_status", value: ["Inactive"]}]) { id } } }',
    );
    expect(answer.body).toMatchObject({
      data: { userEdit: { fieldPatch: null } },
      errors: [{ path: ['userEdit', 'fieldPatch'], extensions: { code: 'MISSING_REFERENCE_ERROR' } }],
    });
  });

  it.each([
    { label: 'invalid JSON', body: '{', status: 400 },
    { label: 'no query', body: '{"variables": {}}', status: 400 },
  ])('answers a body with $label with HTTP $status', async ({ body, status }) => {
    const server = await fake();
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body,
    });
    expect(res.status).toBe(status);
    expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
  });
});
