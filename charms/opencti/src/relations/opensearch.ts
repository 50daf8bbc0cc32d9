// The `opensearch-client` integration (interface opensearch_client), as canonical/opencti-operator uses it
// through data_platform_libs `OpenSearchRequires(index="x-opencti", extra_user_roles="admin")` and reads
// it in `src/charm.py` (`_extract_opensearch_info`, `_gen_opensearch_env`, `_install_opensearch_cert`).
// The provider publishes `endpoints`, `index`, `version` in plain and the credentials in Juju secrets
// named by `secret-user` (username, password) and `secret-tls` (tls, tls-ca), or in plain when the
// requirer did not ask for secrets.
import { pythonJsonDumps } from '@ops-ts/opencti-connector';
import { type CharmBase, ModelError, type Relation } from '@ops-ts/ops';
import { Blocked, NotReady } from '../reconcile-errors.js';

/** The endpoint. */
export const OPENSEARCH_RELATION = 'opensearch-client';
/** Where the OpenSearch CA goes in the workload container. */
export const OPENSEARCH_CERT_PATH = '/opt/opencti/config/opensearch.pem';
/**
 * The index the charm asks for: upstream names it `x-opencti` so the provider's index cannot clash with
 * OpenCTI's own (prefixed with the app name), which is why the app cannot be called `x-opencti`.
 */
export const REQUESTED_INDEX = 'x-opencti';

// data_interfaces `RequirerData.SECRET_FIELDS` and the requirer's own secret field, in the library's order.
const REQUESTED_SECRETS = [
  'username',
  'password',
  'tls',
  'tls-ca',
  'uris',
  'read-only-uris',
  'entity-name',
  'entity-password',
];
const PROVIDED_SECRETS = ['mtls-cert'];
// Secret groups (data_interfaces `SECRET_LABEL_MAP`): the bag field naming the secret, and its keys.
const SECRET_GROUPS: Readonly<Record<string, readonly string[]>> = {
  'secret-user': ['username', 'password'],
  'secret-tls': ['tls', 'tls-ca'],
};

/** What the OpenSearch provider told us (the fields upstream fetches). */
export interface OpensearchInfo {
  endpoints?: string;
  index?: string;
  username?: string;
  password?: string;
  tls?: string;
  'tls-ca'?: string;
}

/** Leader: the index request, written by the library on relation-created (kept in place on every event). */
export function requestOpensearchIndex(charm: CharmBase, relation: Relation): void {
  if (!charm.unit.isLeader()) return;
  relation.data.get(charm.app).update({
    index: REQUESTED_INDEX,
    'extra-user-roles': 'admin',
    'requested-secrets': pythonJsonDumps(REQUESTED_SECRETS),
    'provided-secrets': pythonJsonDumps(PROVIDED_SECRETS),
  });
}

/** The provider's data, secrets resolved; Blocked `invalid opensearch integration` if one is unreadable. */
export function readOpensearch(charm: CharmBase, relation: Relation): OpensearchInfo {
  if (!relation.app) return {};
  const bag = relation.data.get(relation.app).toObject();
  const info: Record<string, string> = {};
  for (const key of ['endpoints', 'index', 'username', 'password', 'tls', 'tls-ca']) {
    const value = bag[key];
    if (value) info[key] = value;
  }
  for (const [field, keys] of Object.entries(SECRET_GROUPS)) {
    const id = bag[field];
    if (!id) continue;
    let content: Record<string, string>;
    try {
      content = charm.model.getSecret({ id }).getContent({ refresh: true });
    } catch (error) {
      // Upstream logs the whole integration here; its secrets' ids are enough to debug and safer.
      if (error instanceof ModelError) {
        charm.framework.logger.error(`invalid opensearch-client integration: cannot read ${field} ${id}`);
        throw new Blocked('invalid opensearch integration');
      }
      throw error;
    }
    for (const key of keys) {
      const value = content[key];
      if (value) info[key] = value;
    }
  }
  return info;
}

/** OpenCTI's ELASTICSEARCH__* variables (upstream `_gen_opensearch_env`). */
export function opensearchEnvironment(info: OpensearchInfo, appName: string): Record<string, string> {
  // Upstream waits for `index` only and then crashes on a missing `endpoints`; both mean "not yet".
  if (!info.index || !info.endpoints) throw new NotReady('waiting for opensearch-client integration');
  const scheme = info['tls-ca'] || info.tls ? 'https' : 'http';
  const uris = info.endpoints.split(',').map((endpoint) => `${scheme}://${endpoint}`);
  const env: Record<string, string> = {
    ELASTICSEARCH__URL: pythonJsonDumps(uris),
    ELASTICSEARCH__INDEX_PREFIX: appName,
  };
  if (info['tls-ca']) env.ELASTICSEARCH__SSL__CA = OPENSEARCH_CERT_PATH;
  if (info.username) env.ELASTICSEARCH__USERNAME = info.username;
  if (info.password) env.ELASTICSEARCH__PASSWORD = info.password;
  return env;
}
