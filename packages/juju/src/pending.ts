/** The buffered (transactional) part of a hook: what `commit()` applies and `discard()` drops. */
import type { Bag, OpenedPort, RotatePolicy, SecretOwner } from './state.js';

/** A change to one key: a new value, or null to delete it. */
export type BagDelta = Record<string, string | null>;

/** Secret metadata that secret-add/secret-set can change. */
export interface SecretMetaChange {
  /** New owner label. */
  label?: string;
  /** New description. */
  description?: string;
  /** ISO-8601 expiry of the (new or latest) revision. */
  expireTime?: string;
  /** New rotation policy. */
  rotatePolicy?: RotatePolicy;
}

/** A secret created in this hook. */
export interface PendingSecretCreate extends SecretMetaChange {
  /** Owner. */
  owner: SecretOwner;
  /** Content (base64 values). */
  content: Bag;
}

/** An update of an existing secret in this hook. */
export interface PendingSecretUpdate extends SecretMetaChange {
  /** New content (base64 values); absent for metadata-only updates. */
  content?: Bag;
}

/** A secret-grant or secret-revoke. */
export interface PendingSecretAccess {
  /** Secret xid. */
  id: string;
  /** `grant` or `revoke`. */
  op: 'grant' | 'revoke';
  /** Relation the access is scoped to (revoke by app/unit alone: null). */
  relationId: number | null;
  /** Unit or application name. */
  target: string;
}

/** Everything buffered until the hook exits 0. */
export interface PendingChanges {
  /** relation id → changes to this unit's bag. */
  unitData: Record<string, BagDelta>;
  /** relation id → changes to this unit's application bag (leader only). */
  appData: Record<string, BagDelta>;
  /** Changes to charm state. */
  charmState: BagDelta;
  /** open-port / close-port calls in order. */
  ports: { op: 'open' | 'close'; port: OpenedPort }[];
  /** storage-add directives. */
  storageAdds: { name: string; count: number }[];
  /** Secrets created in this hook, by xid. */
  secretCreates: Record<string, PendingSecretCreate>;
  /** Updates to existing secrets, by xid. */
  secretUpdates: Record<string, PendingSecretUpdate>;
  /** secret-remove calls (revision null = all). */
  secretRemoves: { id: string; revision: number | null }[];
  /** secret-grant / secret-revoke calls in order. */
  secretAccess: PendingSecretAccess[];
  /** Tracking changes by xid: revision to track (`latest`: the one this hook's commit creates) and/or label. */
  secretTracking: Record<string, { revision?: number; latest?: boolean; label?: string }>;
  /** `juju-reboot` (without --now) was called. */
  reboot: boolean;
}

/** An empty set of pending changes. */
export function emptyPending(): PendingChanges {
  return {
    unitData: {},
    appData: {},
    charmState: {},
    ports: [],
    storageAdds: [],
    secretCreates: {},
    secretUpdates: {},
    secretRemoves: [],
    secretAccess: [],
    secretTracking: {},
    reboot: false,
  };
}

/** A bag with a delta applied (a new object). */
export function applyDelta(bag: Readonly<Bag>, delta: Readonly<BagDelta> | undefined): Bag {
  // No prototype: a key named `__proto__` is data, not the object's prototype.
  const out: Bag = Object.assign(Object.create(null), bag);
  for (const [k, v] of Object.entries(delta ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
}
