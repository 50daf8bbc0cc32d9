/** The hook environment as ops reads it (`ops/jujucontext.py`); empty strings read as undefined. */
export interface JujuContext {
  dispatchPath: string;
  hookName?: string;
  modelName: string;
  modelUuid: string;
  unitName: string;
  version: string;
  charmDir: string;
  debug: boolean;
  actionName?: string;
  actionUuid?: string;
  relationName?: string;
  relationId?: number;
  remoteAppName?: string;
  remoteUnitName?: string;
  departingUnitName?: string;
  workloadName?: string;
  noticeId?: string;
  noticeType?: string;
  noticeKey?: string;
  pebbleCheckName?: string;
  secretId?: string;
  secretLabel?: string;
  secretRevision?: number;
  storageName?: string;
  storageIndex?: number;
  availabilityZone?: string;
  machineId?: string;
  principalUnit?: string;
}

/** The environment variables a charm reads, as a plain record. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The hook environment is missing something the event needs. */
export class JujuContextError extends Error {
  override name = 'JujuContextError';
}

const VERSION_RE = /^\d+\.\d+((\.|-[a-z]+)\d+)?(\.\d+)?$/;

function opt(env: Env, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/** Parses the hook environment leniently, as `ops.main` does. */
export function jujuContextFromEnv(env: Env, cwd: string): JujuContext {
  const version = opt(env, 'JUJU_VERSION') ?? '0.0.0';
  if (!VERSION_RE.test(version))
    throw new JujuContextError(`JUJU_VERSION ${JSON.stringify(version)} is not a Juju version`);
  const relationIdText = opt(env, 'JUJU_RELATION_ID');
  let relationId: number | undefined;
  if (relationIdText !== undefined) {
    relationId = Number(relationIdText.slice(relationIdText.lastIndexOf(':') + 1));
    if (!Number.isInteger(relationId)) {
      throw new JujuContextError(`JUJU_RELATION_ID ${JSON.stringify(relationIdText)} has no integer id`);
    }
  }
  const remoteUnitName = opt(env, 'JUJU_REMOTE_UNIT');
  let remoteAppName = opt(env, 'JUJU_REMOTE_APP');
  if (!remoteAppName && remoteUnitName) {
    if (!remoteUnitName.includes('/')) {
      throw new JujuContextError(`JUJU_REMOTE_UNIT ${JSON.stringify(remoteUnitName)} is not a unit name`);
    }
    remoteAppName = remoteUnitName.split('/')[0];
  }
  const storageId = opt(env, 'JUJU_STORAGE_ID');
  const [storageName, storageIndexText] = storageId ? storageId.split('/') : [];
  const secretRevision = opt(env, 'JUJU_SECRET_REVISION');
  const unitName = opt(env, 'JUJU_UNIT_NAME');
  if (!unitName) throw new JujuContextError('JUJU_UNIT_NAME is not set: is this running as a Juju hook?');
  const ctx: JujuContext = {
    dispatchPath: env.JUJU_DISPATCH_PATH ?? '',
    modelName: opt(env, 'JUJU_MODEL_NAME') ?? '',
    modelUuid: opt(env, 'JUJU_MODEL_UUID') ?? '',
    unitName,
    version,
    charmDir: opt(env, 'JUJU_CHARM_DIR') ?? cwd,
    debug: env.JUJU_DEBUG !== undefined,
  };
  const set = <K extends keyof JujuContext>(key: K, value: JujuContext[K] | undefined) => {
    if (value !== undefined) ctx[key] = value;
  };
  set('hookName', opt(env, 'JUJU_HOOK_NAME'));
  set('actionName', opt(env, 'JUJU_ACTION_NAME'));
  set('actionUuid', opt(env, 'JUJU_ACTION_UUID'));
  set('relationName', opt(env, 'JUJU_RELATION'));
  set('relationId', relationId);
  set('remoteAppName', remoteAppName);
  set('remoteUnitName', remoteUnitName);
  set('departingUnitName', opt(env, 'JUJU_DEPARTING_UNIT'));
  set('workloadName', opt(env, 'JUJU_WORKLOAD_NAME'));
  set('noticeId', opt(env, 'JUJU_NOTICE_ID'));
  set('noticeType', opt(env, 'JUJU_NOTICE_TYPE'));
  set('noticeKey', opt(env, 'JUJU_NOTICE_KEY'));
  set('pebbleCheckName', opt(env, 'JUJU_PEBBLE_CHECK_NAME'));
  set('secretId', opt(env, 'JUJU_SECRET_ID'));
  set('secretLabel', opt(env, 'JUJU_SECRET_LABEL'));
  set('secretRevision', secretRevision === undefined ? undefined : Number(secretRevision));
  set('storageName', storageName);
  set('storageIndex', storageIndexText === undefined ? undefined : Number(storageIndexText));
  set('availabilityZone', opt(env, 'JUJU_AVAILABILITY_ZONE'));
  set('machineId', opt(env, 'JUJU_MACHINE_ID'));
  set('principalUnit', opt(env, 'JUJU_PRINCIPAL_UNIT'));
  return ctx;
}

/** The ops event name of a dispatch path: basename with `-` → `_`, plus `_action` under `actions/`. */
export function eventNameOf(dispatchPath: string): string {
  const parts = dispatchPath.split('/');
  const base = (parts.at(-1) ?? '').replaceAll('-', '_');
  return parts.at(-2) === 'actions' ? `${base}_action` : base;
}
