import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type FakeOpencti, type FakeOpenctiOptions, startFakeOpencti } from '../src/index.js';

export const ADMIN_TOKEN = 'a6b0d1f4-6b5e-4a8a-9a57-admin-token-0';
export const HEALTH_KEY = 'health-key-for-tests';

const started: FakeOpencti[] = [];

afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
});

/** Start a fake on a free port; it is closed after the test. */
export async function fake(options: Partial<FakeOpenctiOptions> = {}): Promise<FakeOpencti> {
  const server = await startFakeOpencti({ adminToken: ADMIN_TOKEN, healthAccessKey: HEALTH_KEY, ...options });
  started.push(server);
  return server;
}

/** One entry of a GraphQL `errors` array. */
export interface ErrorEntry {
  message: string;
  path?: Array<string | number>;
  extensions: { code: string; data?: Record<string, unknown> };
}

/** A GraphQL answer: HTTP status and parsed body (assert on `data` with toEqual/toMatchObject). */
export interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: ErrorEntry[] };
}

/** A user node as the tests select it. */
export interface UserNode {
  id: string;
  name: string;
  user_email: string;
  account_status: string;
  api_token: string;
}

/** The nodes of `data[field].edges[].node`. */
export function nodes<T = UserNode>(answer: Answer, field: string): T[] {
  const conn = answer.body.data?.[field] as { edges: Array<{ node: T }> } | null | undefined;
  return (conn?.edges ?? []).map((e) => e.node);
}

/** POST a GraphQL request; `token: null` sends no Authorization header. */
export async function gql(
  server: FakeOpencti,
  query: string,
  variables: Record<string, unknown> = {},
  token: string | null = ADMIN_TOKEN,
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** A fresh temporary directory. */
export function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'fake-opencti-'));
}

export const ADD_USER = `mutation Add($input: UserAddInput!) {
  userAdd(input: $input) { id name user_email account_status api_token }
}`;

export const LIST_USERS = `query List($filters: FilterGroup) {
  users(filters: $filters) { edges { node { id name user_email account_status api_token } } }
}`;

/** Create a user through the API; returns its node. */
export async function addUser(server: FakeOpencti, name: string, groups: string[] = []) {
  const answer = await gql(server, ADD_USER, {
    input: {
      name,
      user_email: `${name}@opencti.local`,
      password: 'pw-1234567890',
      account_status: 'Active',
      groups,
    },
  });
  const user = answer.body.data?.userAdd as UserNode | undefined;
  if (!user) throw new Error(`userAdd failed: ${JSON.stringify(answer.body.errors)}`);
  return user;
}

/** The FilterGroup the platform charm sends for a name prefix. */
export function startsWith(prefix: string): Record<string, unknown> {
  return {
    mode: 'and',
    filters: [{ key: 'name', values: prefix, operator: 'starts_with', mode: 'and' }],
    filterGroups: [],
  };
}
