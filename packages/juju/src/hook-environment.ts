/**
 * The environment Juju's uniter gives a hook process (juju/juju worker/uniter/runner/context
 * `HookVars`): one function, used by the testing kit and the simulator alike.
 */
import type { HookContext } from './hook-context.js';

/** The Juju version a hook sees unless told otherwise. */
export const DEFAULT_JUJU_VERSION = '3.6.8';

/** What the environment needs beyond the hook context. */
export interface HookEnvironmentSettings {
  /** The charm directory (`JUJU_CHARM_DIR`, `CHARM_DIR`). */
  readonly charmDir: string;
  /** `JUJU_CONTEXT_ID`: the id the hook tools send back to find this context. */
  readonly contextId: string;
  /** `JUJU_VERSION` (default {@link DEFAULT_JUJU_VERSION}). */
  readonly jujuVersion?: string;
  /** The proxy settings of the model (`JUJU_CHARM_*_PROXY`; all empty but NO_PROXY by default). */
  readonly proxy?: {
    readonly http?: string;
    readonly https?: string;
    readonly ftp?: string;
    readonly no?: string;
  };
}

/** The `JUJU_*` variables of the hook running in `ctx`. */
export function hookEnvironment(ctx: HookContext, settings: HookEnvironmentSettings): Record<string, string> {
  const { state, options: id } = ctx;
  const unit = state.units[id.unit];
  const action = id.actionId !== undefined;
  // The action's name is the queued action's own (the identity may leave it out).
  const actionName = id.actionName ?? ctx.action?.name ?? '';
  const env: Record<string, string> = {
    JUJU_CHARM_DIR: settings.charmDir,
    CHARM_DIR: settings.charmDir,
    JUJU_CONTEXT_ID: settings.contextId,
    // Actions run with an empty hook name and dispatch path actions/<name>.
    JUJU_HOOK_NAME: action ? '' : (id.hookName ?? ''),
    JUJU_DISPATCH_PATH: action ? `actions/${actionName}` : `hooks/${id.hookName ?? ''}`,
    JUJU_UNIT_NAME: id.unit,
    JUJU_MODEL_UUID: state.model.uuid,
    JUJU_MODEL_NAME: state.model.name,
    JUJU_API_ADDRESSES: '127.0.0.1:17070',
    JUJU_MACHINE_ID: unit?.machineId ?? '',
    JUJU_PRINCIPAL_UNIT: unit?.principal ?? '',
    JUJU_AVAILABILITY_ZONE: '',
    JUJU_VERSION: settings.jujuVersion ?? DEFAULT_JUJU_VERSION,
    JUJU_CHARM_HTTP_PROXY: settings.proxy?.http ?? '',
    JUJU_CHARM_HTTPS_PROXY: settings.proxy?.https ?? '',
    JUJU_CHARM_FTP_PROXY: settings.proxy?.ftp ?? '',
    JUJU_CHARM_NO_PROXY: settings.proxy?.no ?? '127.0.0.1,localhost,::1',
  };
  if (id.relationId !== undefined) {
    const rel = ctx.relation(id.relationId);
    const endpoint = rel ? ctx.endpointName(rel) : '';
    env.JUJU_RELATION = endpoint;
    env.JUJU_RELATION_ID = `${endpoint}:${id.relationId}`;
    env.JUJU_REMOTE_APP = ctx.remoteApp ?? '';
    env.JUJU_REMOTE_UNIT = id.remoteUnit ?? '';
    if (id.departingUnit) env.JUJU_DEPARTING_UNIT = id.departingUnit;
  }
  if (action) {
    env.JUJU_ACTION_NAME = actionName;
    env.JUJU_ACTION_UUID = id.actionId ?? '';
    env.JUJU_ACTION_TAG = `action-${id.actionId}`;
  }
  if (id.secretId) {
    env.JUJU_SECRET_ID = id.secretId;
    env.JUJU_SECRET_LABEL = id.secretLabel ?? '';
    if (id.secretRevision !== undefined) env.JUJU_SECRET_REVISION = String(id.secretRevision);
  }
  if (id.storageId) {
    const storage = state.storage[id.storageId];
    env.JUJU_STORAGE_ID = id.storageId;
    env.JUJU_STORAGE_LOCATION = storage?.location ?? '';
    env.JUJU_STORAGE_KIND = storage?.kind ?? 'filesystem';
  }
  if (id.workloadName) env.JUJU_WORKLOAD_NAME = id.workloadName;
  if (id.noticeId) {
    env.JUJU_NOTICE_ID = id.noticeId;
    env.JUJU_NOTICE_TYPE = id.noticeType ?? 'custom';
    env.JUJU_NOTICE_KEY = id.noticeKey ?? '';
  }
  if (id.checkName) env.JUJU_PEBBLE_CHECK_NAME = id.checkName;
  return env;
}
