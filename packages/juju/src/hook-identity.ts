/**
 * What identifies one hook (or action) of one unit: the hook's name and its relation, secret, storage,
 * workload, notice or check context. The testing kit, the simulator's hook queue and `beginHook` all
 * describe a hook with this one shape; `hookEnvironment` turns it into the environment Juju gives it.
 */

/** One hook or action of one unit, as Juju's uniter knows it before running the charm. */
export interface HookIdentity {
  /** The unit running the hook. */
  unit: string;
  /** Hook name (e.g. `db-relation-changed`); omit for actions. */
  hookName?: string;
  /** Id of the running action (from `state.actions`); makes this an action context. */
  actionId?: string;
  /** The action's name (`JUJU_ACTION_NAME`). */
  actionName?: string;
  /** Relation of a relation hook. */
  relationId?: number;
  /** `JUJU_REMOTE_UNIT` (empty/absent for created, broken and app-data changed). */
  remoteUnit?: string;
  /** `JUJU_REMOTE_APP` (derived from the relation when absent). */
  remoteApp?: string;
  /** `JUJU_DEPARTING_UNIT` in relation-departed. */
  departingUnit?: string;
  /** `JUJU_SECRET_ID` in secret hooks. */
  secretId?: string;
  /** `JUJU_SECRET_LABEL` in secret hooks (the owner's or consumer's label, if any). */
  secretLabel?: string;
  /** `JUJU_SECRET_REVISION` in secret-expired / secret-remove. */
  secretRevision?: number;
  /** `JUJU_STORAGE_ID` in storage hooks. */
  storageId?: string;
  /** `JUJU_WORKLOAD_NAME` in workload hooks. */
  workloadName?: string;
  /** `JUJU_NOTICE_ID` in pebble-custom-notice. */
  noticeId?: string;
  /** `JUJU_NOTICE_TYPE` (Juju fires the hook for `custom` notices). */
  noticeType?: string;
  /** `JUJU_NOTICE_KEY`. */
  noticeKey?: string;
  /** `JUJU_PEBBLE_CHECK_NAME` in pebble-check-failed / -recovered. */
  checkName?: string;
}

/** The name a hook log shows for it: the hook's name, or the action's. */
export function hookLabel(id: HookIdentity): string {
  return id.hookName ?? id.actionName ?? 'action';
}
