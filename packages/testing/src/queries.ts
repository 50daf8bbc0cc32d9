/** Lookups in a state that fail with a message saying what is there instead. */
import type { JsonObject, StoredState } from '@ops-ts/ops';
import type { Container } from './containers.js';
import type { Relation } from './relations.js';
import type { Secret } from './secrets.js';
import type { StateInit } from './state.js';
import type { Storage } from './storage.js';
import type { StoredContent, StoredStateEntry } from './stored-state.js';

function missing(what: string, known: string[]): Error {
  return new Error(`${what} is not in the state (it has: ${known.length > 0 ? known.join(', ') : 'none'})`);
}

/** The relation with this id (or the same id as `rel`). */
export function getRelation(s: StateInit, rel: number | Pick<Relation, 'id'>): Relation {
  const id = typeof rel === 'number' ? rel : rel.id;
  const found = s.relations?.find((r) => r.id === id);
  if (!found)
    throw missing(
      `relation ${id}`,
      (s.relations ?? []).map((r) => `${r.endpoint}:${r.id}`),
    );
  return found;
}

/** The relations on an endpoint. */
export function getRelations(s: StateInit, endpoint: string): Relation[] {
  return (s.relations ?? []).filter((r) => r.endpoint === endpoint);
}

/** The container with this name. */
export function getContainer(s: StateInit, name: string): Container {
  const found = s.containers?.find((c) => c.name === name);
  if (!found)
    throw missing(
      `container ${name}`,
      (s.containers ?? []).map((c) => c.name),
    );
  return found;
}

/** The secret with this id (any form) or label. */
export function getSecret(s: StateInit, by: { id?: string; label?: string }): Secret {
  const xid = by.id?.slice(by.id.lastIndexOf(by.id.includes('//') ? '/' : ':') + 1);
  const found = s.secrets?.find(
    (x) => (xid !== undefined && x.id.endsWith(xid)) || (by.label !== undefined && x.label === by.label),
  );
  if (!found)
    throw missing(
      `secret ${by.id ?? by.label ?? ''}`,
      (s.secrets ?? []).map((x) => x.id),
    );
  return found;
}

/** The storage instance with this name and index. */
export function getStorage(s: StateInit, name: string, index = 0): Storage {
  const found = s.storages?.find((x) => x.name === name && x.index === index);
  if (!found)
    throw missing(
      `storage ${name}/${index}`,
      (s.storages ?? []).map((x) => `${x.name}/${x.index}`),
    );
  return found;
}

/**
 * The stored state by name (default `stored`) and owner path (default: the charm); typed against the
 * charm's declaration with `getStoredState<MyCharm['stored']>(out)`.
 */
export function getStoredState<S = StoredState<JsonObject>>(
  s: StateInit,
  name = 'stored',
  ownerPath?: string,
): StoredStateEntry<StoredContent<S>> {
  const found = s.storedStates?.find(
    (x) => x.name === name && (ownerPath === undefined || x.ownerPath === ownerPath),
  );
  if (!found) {
    throw missing(
      `stored state ${ownerPath ? `${ownerPath}/` : ''}${name}`,
      (s.storedStates ?? []).map((x) => `${x.ownerPath ?? ''}/${x.name}`),
    );
  }
  return found as StoredStateEntry<StoredContent<S>>;
}
