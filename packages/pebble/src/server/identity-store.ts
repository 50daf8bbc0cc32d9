import { X509Certificate } from 'node:crypto';
import { badRequest } from './http-io.js';

/** One identity as the API shows it (secrets masked). */
export interface ApiIdentity {
  access: string;
  local?: { 'user-id': number | null };
  basic?: { password: string };
  cert?: { pem: string };
}

interface Identity {
  access: string;
  localUserId?: number;
  basicPassword?: string;
  certPem?: string;
}

const ACCESS = ['admin', 'read', 'metrics', 'untrusted'];
const NAME = /^[a-zA-Z][a-zA-Z0-9_-]*$/;
const q = JSON.stringify;

// internals/daemon/api_identities.go identityFromAPI + internals/overlord/identities Identity.Validate.
function fromApi(raw: unknown, name: string): Identity {
  const fail = (why: string) => badRequest(`invalid identity for ${q(name)}: ${why}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('identity must not be nil');
  const api = raw as Record<string, unknown>;
  const identity: Identity = { access: typeof api.access === 'string' ? api.access : '' };
  const local = api.local as Record<string, unknown> | null | undefined;
  if (local) {
    const uid = local['user-id'];
    if (typeof uid !== 'number' || !Number.isInteger(uid) || uid < 0)
      throw fail('local identity must specify user-id');
    identity.localUserId = uid;
  }
  const basic = api.basic as Record<string, unknown> | null | undefined;
  if (basic) identity.basicPassword = typeof basic.password === 'string' ? basic.password : '';
  const cert = api.cert as Record<string, unknown> | null | undefined;
  if (cert) {
    const pem = typeof cert.pem === 'string' ? cert.pem : '';
    const blocks = pem.match(/-----BEGIN [^-]+-----[\s\S]*?-----END [^-]+-----/g) ?? [];
    if (blocks.length === 0) throw fail('cert identity must include a PEM-encoded certificate');
    if (pem.slice(pem.indexOf(blocks[0] ?? '') + (blocks[0] ?? '').length).trim() !== '')
      throw fail('cert identity cannot have extra data after the PEM block');
    try {
      new X509Certificate(blocks[0] ?? '');
    } catch (e) {
      throw fail(`cannot parse certificate from cert identity: ${(e as Error).message}`);
    }
    identity.certPem = pem;
  }
  // Pebble's Validate prints the identity's Name, which is not yet set at this point: hence `""`.
  if (!NAME.test(name))
    throw fail(
      'identity name "" invalid: must start with an alphabetic character and only contain alphanumeric characters, underscore, and hyphen',
    );
  if (identity.access === '')
    throw fail('access value must be specified ("admin", "read", "metrics", or "untrusted")');
  if (!ACCESS.includes(identity.access))
    throw fail(
      `invalid access value ${q(identity.access)}, must be "admin", "read", "metrics", or "untrusted"`,
    );
  if (identity.basicPassword === '') throw fail('basic identity must specify password (hashed)');
  if (identity.localUserId === undefined && identity.basicPassword === undefined && !identity.certPem)
    throw fail('identity must have at least one type ("local", "basic", or "cert")');
  return identity;
}

function toApi(identity: Identity): ApiIdentity {
  const api: ApiIdentity = { access: identity.access };
  if (identity.localUserId !== undefined) api.local = { 'user-id': identity.localUserId };
  if (identity.basicPassword !== undefined) api.basic = { password: '*****' };
  if (identity.certPem !== undefined) api.cert = { pem: '*****' };
  return api;
}

/** Pebble's identities (1.15+): named local/basic/cert users with an access level. */
export class IdentityStore {
  private identities = new Map<string, Identity>();

  /** `GET /v1/identities`: every identity by name, secrets masked. */
  list(): Record<string, ApiIdentity> {
    return Object.fromEntries(
      [...this.identities].sort(([a], [b]) => a.localeCompare(b)).map(([n, i]) => [n, toApi(i)]),
    );
  }

  /** `POST /v1/identities`: add, update, replace or remove (texts from api_identities.go). */
  apply(action: unknown, raw: unknown): void {
    const entries = Object.entries(raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {});
    const parsed = new Map<string, Identity | null>();
    for (const [name, value] of entries) parsed.set(name, value === null ? null : fromApi(value, name));
    const next = new Map(this.identities);
    const sorted = (names: string[]) => names.sort().join(', ');
    switch (action) {
      case 'add':
      case 'update': {
        for (const [name, identity] of parsed)
          if (identity === null)
            throw badRequest(`identity value for ${q(name)} must not be null for ${action} operation`);
        const clash = [...parsed.keys()].filter((n) => this.identities.has(n) === (action === 'add'));
        if (clash.length > 0)
          throw badRequest(
            `identities ${action === 'add' ? 'already exist' : 'do not exist'}: ${sorted(clash)}`,
          );
        for (const [name, identity] of parsed) if (identity) next.set(name, identity);
        break;
      }
      case 'replace':
        for (const [name, identity] of parsed) {
          if (identity === null) next.delete(name);
          else next.set(name, identity);
        }
        break;
      case 'remove': {
        for (const [name, identity] of parsed)
          if (identity !== null)
            throw badRequest(`identity value for ${q(name)} must be null for remove operation`);
        const missing = [...parsed.keys()].filter((n) => !this.identities.has(n));
        if (missing.length > 0) throw badRequest(`identities do not exist: ${sorted(missing)}`);
        for (const name of parsed.keys()) next.delete(name);
        break;
      }
      default:
        throw badRequest(
          `invalid action ${q(action ?? '')}, must be "add", "update", "replace", or "remove"`,
        );
    }
    const byUid = new Map<number, string[]>();
    for (const [name, identity] of next) {
      if (identity.localUserId === undefined) continue;
      byUid.set(identity.localUserId, [...(byUid.get(identity.localUserId) ?? []), name]);
    }
    for (const [uid, names] of byUid) {
      if (names.length > 1)
        throw badRequest(`cannot have multiple identities with user ID ${uid} (${sorted(names)})`);
    }
    this.identities = next;
  }
}
