/** The hook environment Juju gives a dispatch, built from the hook context. */
import type { HookContext } from '@ops-ts/juju';
import type { CharmEvent } from './events.js';

/** Settings of the environment that do not come from the state. */
export interface EnvSettings {
  /** The charm directory. */
  readonly charmDir: string;
  /** `JUJU_VERSION`. */
  readonly jujuVersion: string;
  /** Directory holding `<container>/pebble.socket` (`OPS_TS_PEBBLE_DIR`). */
  readonly pebbleDir?: string;
  /** Resolved Pebble notice (id, type, key) of a custom-notice event. */
  readonly notice?: { readonly id: string; readonly type: string; readonly key: string };
  /** Extra variables (the test's own). */
  readonly extra?: Readonly<Record<string, string>>;
}

/** The environment of `event` running in `hook`. */
export function hookEnv(hook: HookContext, event: CharmEvent, settings: EnvSettings): Record<string, string> {
  const { state, options } = hook;
  const unit = state.units[options.unit];
  const env: Record<string, string> = {
    JUJU_CHARM_DIR: settings.charmDir,
    CHARM_DIR: settings.charmDir,
    JUJU_CONTEXT_ID: `${options.unit}-${event.hook}-0`,
    JUJU_HOOK_NAME: event.isAction ? '' : event.hook,
    JUJU_DISPATCH_PATH: event.isAction ? `actions/${event.hook}` : `hooks/${event.hook}`,
    JUJU_UNIT_NAME: options.unit,
    JUJU_MODEL_UUID: state.model.uuid,
    JUJU_MODEL_NAME: state.model.name,
    JUJU_MACHINE_ID: unit?.machineId ?? '',
    JUJU_PRINCIPAL_UNIT: unit?.principal ?? '',
    JUJU_AVAILABILITY_ZONE: '',
    JUJU_VERSION: settings.jujuVersion,
    ...(settings.pebbleDir ? { OPS_TS_PEBBLE_DIR: settings.pebbleDir } : {}),
  };
  if (options.relationId !== undefined) {
    const rel = hook.relation(options.relationId);
    const endpoint = rel ? hook.endpointName(rel) : (event.relation?.endpoint ?? '');
    env.JUJU_RELATION = endpoint;
    env.JUJU_RELATION_ID = `${endpoint}:${options.relationId}`;
    env.JUJU_REMOTE_APP = hook.remoteApp ?? '';
    env.JUJU_REMOTE_UNIT = options.remoteUnit ?? '';
    if (options.departingUnit) env.JUJU_DEPARTING_UNIT = options.departingUnit;
  }
  if (options.actionId !== undefined) {
    env.JUJU_ACTION_NAME = event.hook;
    env.JUJU_ACTION_UUID = options.actionId;
    env.JUJU_ACTION_TAG = `action-${options.actionId}`;
  }
  if (event.secret) {
    env.JUJU_SECRET_ID = event.secret.id;
    env.JUJU_SECRET_LABEL = event.secret.label ?? '';
    if (event.secretRevision !== undefined) env.JUJU_SECRET_REVISION = String(event.secretRevision);
  }
  if (options.storageId) {
    const st = state.storage[options.storageId];
    env.JUJU_STORAGE_ID = options.storageId;
    env.JUJU_STORAGE_LOCATION = st?.location ?? '';
    env.JUJU_STORAGE_KIND = st?.kind ?? 'filesystem';
  }
  if (options.workloadName) env.JUJU_WORKLOAD_NAME = options.workloadName;
  if (settings.notice) {
    env.JUJU_NOTICE_ID = settings.notice.id;
    env.JUJU_NOTICE_TYPE = settings.notice.type;
    env.JUJU_NOTICE_KEY = settings.notice.key;
  }
  if (event.check !== undefined) env.JUJU_PEBBLE_CHECK_NAME = event.check;
  return { ...env, ...settings.extra };
}
