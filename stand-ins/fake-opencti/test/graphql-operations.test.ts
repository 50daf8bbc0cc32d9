import { describe, expect, it } from 'vitest';
import { ADD_USER, addUser, fake, gql, LIST_USERS, nodes, startsWith } from './helpers.js';

const LIST_GROUPS = 'query { groups { edges { node { id name } } } }';
const SET_STATUS = `mutation Set($id: ID!, $input: [EditInput]!) {
  userEdit(id: $id) { fieldPatch(input: $input) { id } }
}`;

describe('fake OpenCTI GraphQL operations', () => {
  it('seeds the groups Administrators and Connectors, or the configured ones', async () => {
    const seeded = await fake();
    expect(nodes(await gql(seeded, LIST_GROUPS), 'groups').map((g) => g.name)).toEqual([
      'Administrators',
      'Connectors',
    ]);
    const custom = await fake({ groups: ['Analysts'] });
    expect(custom.groups().map((g) => g.name)).toEqual(['Analysts']);
  });

  it('creates a user with a random uuid id and api_token, Active, in the given groups', async () => {
    const server = await fake();
    const connectors = server.groups().find((g) => g.name === 'Connectors');
    const answer = await gql(server, ADD_USER, {
      input: {
        name: 'charm-connector-crowdstrike',
        user_email: 'charm-connector-crowdstrike@opencti.local',
        firstname: '',
        lastname: '',
        password: 'secret-password',
        account_status: 'Active',
        groups: [connectors?.id],
      },
    });
    expect(answer.status).toBe(200);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(answer.body).toEqual({
      data: {
        userAdd: {
          id: expect.stringMatching(uuid),
          name: 'charm-connector-crowdstrike',
          user_email: 'charm-connector-crowdstrike@opencti.local',
          account_status: 'Active',
          api_token: expect.stringMatching(uuid),
        },
      },
    });
    const [stored] = server.users();
    expect(stored).toMatchObject({ name: 'charm-connector-crowdstrike', groups: [connectors?.id] });
    expect(JSON.stringify(server.users())).not.toContain('secret-password');
  });

  it.each([
    { prefix: 'charm-connector-', expected: ['charm-connector-a', 'charm-connector-b'] },
    { prefix: 'charm-connector-b', expected: ['charm-connector-b'] },
    { prefix: 'other', expected: ['other-user'] },
    { prefix: 'nobody', expected: [] },
  ])('honours the starts_with name filter ($prefix)', async ({ prefix, expected }) => {
    const server = await fake();
    for (const name of ['charm-connector-a', 'other-user', 'charm-connector-b']) await addUser(server, name);
    const answer = await gql(server, LIST_USERS, { filters: startsWith(prefix) });
    expect(nodes(answer, 'users').map((u) => u.name)).toEqual(expected);
  });

  it('lists every user without filters, and accepts filters written inline in the document', async () => {
    const server = await fake();
    await addUser(server, 'charm-connector-a');
    await addUser(server, 'admin-like');
    expect(nodes(await gql(server, LIST_USERS, { filters: null }), 'users')).toHaveLength(2);
    const inline = await gql(
      server,
      `{ users(filters: {mode: and, filters: [{key: "name", values: "charm-", operator: starts_with, mode: and}],
          filterGroups: []}) { edges { node { name } } } }`,
    );
    expect(nodes(inline, 'users').map((u) => u.name)).toEqual(['charm-connector-a']);
  });

  it('sets the account status with userEdit.fieldPatch and answers {userEdit: {fieldPatch: {id}}}', async () => {
    const server = await fake();
    const user = await addUser(server, 'charm-connector-a');
    const answer = await gql(server, SET_STATUS, {
      id: user.id,
      input: [{ key: 'account_status', value: ['Inactive'], operation: 'replace' }],
    });
    expect(answer.body).toEqual({ data: { userEdit: { fieldPatch: { id: user.id } } } });
    expect(server.users()[0]?.account_status).toBe('Inactive');
  });

  it('returns only the selected fields, under their aliases, with __typename', async () => {
    const server = await fake();
    await addUser(server, 'charm-connector-a');
    const answer = await gql(server, '{ all: users { edges { node { __typename who: name } } } }');
    expect(answer.body).toEqual({
      data: { all: { edges: [{ node: { __typename: 'User', who: 'charm-connector-a' } }] } },
    });
  });

  it('renews a token through tokenRenew and through the programmatic API', async () => {
    const server = await fake();
    const user = await addUser(server, 'charm-connector-a');
    const renewed = await gql(server, `mutation { userEdit(id: "${user.id}") { tokenRenew { api_token } } }`);
    const edit = renewed.body.data?.userEdit as { tokenRenew: { api_token: string } } | undefined;
    const viaApi = edit?.tokenRenew.api_token;
    expect(viaApi).toEqual(expect.any(String));
    expect(viaApi).not.toBe(user.api_token);
    expect(server.renewToken('charm-connector-a')?.api_token).not.toBe(viaApi);
  });

  it('records the root fields it answered', async () => {
    const server = await fake();
    await gql(server, LIST_GROUPS);
    await addUser(server, 'charm-connector-a');
    await gql(server, LIST_USERS);
    expect(server.operations()).toEqual(['groups', 'userAdd', 'users']);
  });
});
