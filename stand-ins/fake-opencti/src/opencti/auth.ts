import { authRequired, forbiddenAccess } from '../graphql/errors.js';
import type { OpenctiStore } from './store.js';

/** Who is calling, decided from the bearer token as OpenCTI does. */
export type Caller = { kind: 'admin' } | { kind: 'user'; userId: string } | { kind: 'anonymous' };

/** What every resolver sees. */
export interface OpenctiContext {
  store: OpenctiStore;
  caller: Caller;
  /** One-line log of a change (never a token or password). */
  log?: (line: string) => void;
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * The admin token (`APP__ADMIN__TOKEN`) is the admin; an Active user's own API token authenticates that
 * user, who may manage accesses only as a member of `Administrators`; anything else is anonymous.
 */
export function identify(store: OpenctiStore, adminToken: string, token: string | undefined): Caller {
  if (token === undefined) return { kind: 'anonymous' };
  if (token === adminToken) return { kind: 'admin' };
  const user = store.userByToken(token);
  if (!user) return { kind: 'anonymous' };
  // An Inactive user's token stops working: that is how the charm revokes a removed connector's access.
  if (user.account_status !== 'Active') return { kind: 'anonymous' };
  const admins = store.groups().find((g) => g.name === 'Administrators');
  return admins && user.groups.includes(admins.id) ? { kind: 'admin' } : { kind: 'user', userId: user.id };
}

/** Refuse unless the caller may manage users and groups (OpenCTI's SETTINGS_SETACCESSES capability). */
export function requireAccessAdmin(context: OpenctiContext): void {
  if (context.caller.kind === 'anonymous') throw authRequired();
  if (context.caller.kind !== 'admin') throw forbiddenAccess();
}
