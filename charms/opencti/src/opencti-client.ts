import { randomBytes } from 'node:crypto';
import { connectionNodes, decodeGroup, decodeUser } from './opencti-decode.js';
import {
  CREATE_USER,
  LIST_GROUPS,
  LIST_USERS,
  nameStartsWithFilter,
  SET_ACCOUNT_STATUS,
} from './opencti-documents.js';
import { postGraphql } from './opencti-graphql-request.js';
import type { OpenctiAccountStatus, OpenctiCall, OpenctiGroup, OpenctiUser } from './opencti-types.js';

/** Options of `OpenctiClient`. */
export interface OpenctiClientOptions {
  /** Per-request timeout in milliseconds (connect + answer); default 10 000. */
  timeoutMs?: number;
  /** The fetch implementation; default the global `fetch`. */
  fetch?: typeof fetch;
}

/** Options of `OpenctiClient.createUser`. */
export interface CreateUserOptions {
  /** Default `<name>@opencti.local`. */
  email?: string;
  /** Group ids the user joins; default none. */
  groups?: readonly string[];
}

/** The default per-request timeout. */
export const DEFAULT_OPENCTI_TIMEOUT_MS = 10_000;

/** The GraphQL endpoint under a base URL, as Python's `urljoin(url + "/", "graphql")` computes it. */
export function graphqlEndpoint(baseUrl: string): string {
  let base: URL;
  try {
    base = new URL(baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    throw new TypeError(`invalid OpenCTI URL ${JSON.stringify(baseUrl)}`);
  }
  return new URL('graphql', base).href;
}

/**
 * A client for the OpenCTI GraphQL calls the platform charm makes (a port of canonical/opencti-operator
 * src/opencti.py). `listUsers` and `listGroups` answers are cached per client, as the original's
 * `lru_cache` does; `createUser` and `setAccountStatus` clear the user cache. A client lives for one hook.
 */
export class OpenctiClient {
  /** The GraphQL endpoint, e.g. `http://localhost:8080/opencti/graphql`. */
  readonly endpoint: string;
  /** The per-request timeout in milliseconds. */
  readonly timeoutMs: number;
  // A private field: neither util.inspect, JSON.stringify nor a debugger's property list shows it.
  readonly #token: string;
  readonly #fetch: typeof fetch;
  // Promises, so concurrent callers share one request; a failed request is not cached.
  readonly #users = new Map<string, Promise<readonly OpenctiUser[]>>();
  #groups: Promise<readonly OpenctiGroup[]> | undefined;

  /** `url` is OpenCTI's base URL (e.g. `http://localhost:8080/opencti`), `apiToken` the admin token. */
  constructor(url: string, apiToken: string, options: OpenctiClientOptions = {}) {
    this.endpoint = graphqlEndpoint(url);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_OPENCTI_TIMEOUT_MS;
    this.#token = apiToken;
    this.#fetch = options.fetch ?? fetch;
  }

  /** Users whose name starts with `nameStartsWith` (all users when it is empty or absent). Cached. */
  listUsers(nameStartsWith?: string): Promise<readonly OpenctiUser[]> {
    const key = nameStartsWith ?? '';
    const cached = this.#users.get(key);
    if (cached) return cached;
    const pending = this.#request('listUsers', LIST_USERS, {
      filters: key ? nameStartsWithFilter(key) : null,
    }).then((data) =>
      Object.freeze(connectionNodes('listUsers', data, 'users').map((n) => decodeUser('listUsers', n))),
    );
    this.#users.set(key, pending);
    pending.catch(() => {
      if (this.#users.get(key) === pending) this.#users.delete(key);
    });
    return pending;
  }

  /** Create an Active user with a random password (never returned or kept) and empty first/last names. */
  async createUser(name: string, options: CreateUserOptions = {}): Promise<OpenctiUser> {
    this.#users.clear();
    // Same strength as the original's secrets.token_urlsafe(32): 32 random bytes, base64url.
    const password = randomBytes(32).toString('base64url');
    const input = {
      name,
      user_email: options.email ?? `${name}@opencti.local`,
      // The original sends `first_name`/`last_name`, which the schema does not define (gql's DSL drops
      // them); `firstname`/`lastname` are the schema's names for the empty first and last name it means.
      firstname: '',
      lastname: '',
      password,
      account_status: 'Active',
      groups: [...(options.groups ?? [])],
    };
    const data = await this.#request('createUser', CREATE_USER, { input }, [password]);
    // Again after the change: a listUsers started meanwhile may hold the old answer.
    this.#users.clear();
    return decodeUser('createUser', data.userAdd);
  }

  /** All groups. Cached for the life of the client. */
  listGroups(): Promise<readonly OpenctiGroup[]> {
    if (this.#groups) return this.#groups;
    const pending = this.#request('listGroups', LIST_GROUPS, {}).then((data) =>
      Object.freeze(connectionNodes('listGroups', data, 'groups').map((n) => decodeGroup('listGroups', n))),
    );
    this.#groups = pending;
    pending.catch(() => {
      if (this.#groups === pending) this.#groups = undefined;
    });
    return pending;
  }

  /** Set a user's account status (`Inactive` revokes its token's access). */
  async setAccountStatus(userId: string, status: OpenctiAccountStatus): Promise<void> {
    this.#users.clear();
    await this.#request('setAccountStatus', SET_ACCOUNT_STATUS, {
      id: userId,
      input: [{ key: 'account_status', value: [status], operation: 'replace' }],
    });
    this.#users.clear();
  }

  #request(
    call: OpenctiCall,
    query: string,
    variables: Record<string, unknown>,
    secrets: readonly string[] = [],
  ): Promise<Record<string, unknown>> {
    return postGraphql({
      call,
      endpoint: this.endpoint,
      token: this.#token,
      query,
      variables,
      timeoutMs: this.timeoutMs,
      secrets: [this.#token, ...secrets],
      fetch: this.#fetch,
    });
  }
}
