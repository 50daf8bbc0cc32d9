/** Secrets in the state: owned by this app or unit, or observed (granted by someone else). */
import { newSecretId, type RotatePolicy } from '@ops-ts/juju';
import { deepFreeze } from './freeze.js';

/** Secret content: key → value. */
export type SecretContent = Readonly<Record<string, string>>;

/** A secret this charm owns (`app` or `unit`) or can read (`owner: null`). */
export interface Secret {
  /** `secret:<xid>` (default: a fresh random id). */
  readonly id: string;
  /** Who owns it; null: another application owns it and granted it to this one. */
  readonly owner: 'app' | 'unit' | null;
  /** Content of the revision this unit tracks. */
  readonly trackedContent: SecretContent;
  /** Content of the latest revision (default: the tracked content). */
  readonly latestContent: SecretContent;
  /** Revision this unit tracks (default 1). */
  readonly trackedRevision: number;
  /** Latest revision (default: tracked, or tracked + 1 when the latest content differs). */
  readonly latestRevision: number;
  /** Owner label, or this consumer's label for an observed secret. */
  readonly label?: string;
  /** Description (owners). */
  readonly description?: string;
  /** ISO-8601 expiry of the latest revision (owners). */
  readonly expire?: string;
  /** Rotation policy (owners). */
  readonly rotate?: RotatePolicy;
  /** Grants made by the owner: relation id → app or unit names. */
  readonly remoteGrants: Readonly<Record<number, readonly string[]>>;
  /** For an observed secret: the application that owns it (default `secret-owner`). */
  readonly ownerApp?: string;
}

/** What {@link secret} takes: `content` sets both tracked and latest content. */
export type SecretInit = Partial<Omit<Secret, 'trackedContent'>> &
  ({ readonly content: SecretContent } | { readonly trackedContent: SecretContent });

function sameContent(a: SecretContent, b: SecretContent): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** A secret (defaults: observed, revision 1, a fresh id). */
export function secret(init: SecretInit): Secret {
  const { content, ...rest } = init as SecretInit & { content?: SecretContent };
  const tracked = content ?? (init as { trackedContent: SecretContent }).trackedContent;
  const latest = init.latestContent ?? tracked;
  const trackedRevision = init.trackedRevision ?? 1;
  const id = init.id ?? `secret:${newSecretId()}`;
  return deepFreeze({
    ...rest,
    id: id.startsWith('secret:') ? id : `secret:${id}`,
    owner: init.owner ?? null,
    trackedContent: { ...tracked },
    latestContent: { ...latest },
    trackedRevision,
    latestRevision: init.latestRevision ?? trackedRevision + (sameContent(tracked, latest) ? 0 : 1),
    remoteGrants: { ...init.remoteGrants },
  });
}

/** The xid of a `secret:<xid>` or `secret://<model>/<xid>` id. */
export function secretXid(id: string): string {
  return id.slice(id.lastIndexOf(id.includes('//') ? '/' : ':') + 1);
}
