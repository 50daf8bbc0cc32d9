/** What a hook changed, so callers (simulator, testing kit) can queue follow-up hooks. */

/** One change reported by `commit()` (or by `discard()` for immediate effects). */
export type StateChange =
  /** A committed unit bag (`unit` set) or application bag changed in a relation. */
  | { kind: 'relation-data'; relationId: number; app: string; unit?: string }
  /** The unit's charm state changed. */
  | { kind: 'charm-state'; unit: string }
  /** The unit's opened ports changed. */
  | { kind: 'ports'; unit: string }
  /** `storage-add` created and attached storage instances. */
  | { kind: 'storage-added'; unit: string; storageIds: string[] }
  /** A secret was created. */
  | { kind: 'secret-created'; secretId: string }
  /** A secret got a new revision (consumers tracking it get `secret-changed`). */
  | { kind: 'secret-revision'; secretId: string; revision: number }
  /** Secret metadata (label, description, expiry, rotation) changed. */
  | { kind: 'secret-metadata'; secretId: string }
  /** Secret revisions were removed (revision null: the whole secret). */
  | { kind: 'secret-removed'; secretId: string; revision: number | null }
  /** Access to a secret was granted or revoked. */
  | {
      kind: 'secret-access';
      secretId: string;
      op: 'grant' | 'revoke';
      target: string;
      relationId: number | null;
    }
  /** A unit's tracked revision or consumer label changed. */
  | { kind: 'secret-tracking'; secretId: string; unit: string; revision: number }
  /** Leader settings changed (`leader-set`, immediate): non-leaders get leader-settings-changed. */
  | { kind: 'leader-settings'; app: string }
  /** The unit asked to reboot after the hook (`juju-reboot`). */
  | { kind: 'reboot'; unit: string; now: boolean };
