// The `s3` integration (interface s3, v0), as canonical/opencti-operator uses it through
// `lib/charms/data_platform_libs/v0/s3.py` `S3Requirer(bucket_name=<app name>)` and `src/charm.py`
// `_gen_s3_env`: the requirer writes `bucket`; the provider answers in its app bag with plain
// `access-key`, `secret-key`, `endpoint` (values JSON-decoded when they parse, as the library does).
import type { CharmBase, Relation } from '@ops-ts/ops';
import { NotReady } from '../reconcile-errors.js';
import { asText, jsonOrRaw } from './json-values.js';

/** The endpoint. */
export const S3_RELATION = 's3';

/** Leader: ask for a bucket named like the app (the library writes it on relation-joined). */
export function requestS3Bucket(charm: CharmBase, relation: Relation): void {
  if (!charm.unit.isLeader()) return;
  relation.data.get(charm.app).set('bucket', charm.app.name);
}

/** OpenCTI's MINIO__* variables. */
export function s3Environment(relation: Relation): Record<string, string> {
  const bag = relation.app ? relation.data.get(relation.app) : undefined;
  const field = (key: string) => {
    const raw = bag?.get(key);
    return raw === undefined ? undefined : asText(jsonOrRaw(raw));
  };
  const accessKey = field('access-key');
  const secretKey = field('secret-key');
  const endpoint = field('endpoint');
  // Upstream waits for `access-key` only; without the rest it would crash, so wait for all three.
  if (!accessKey || !secretKey || !endpoint) throw new NotReady('waiting for s3 integration');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    // Python's urlparse of a bare host gives no hostname; such an endpoint cannot be used yet.
    throw new NotReady('waiting for s3 integration');
  }
  const https = url.protocol === 'https:';
  return {
    MINIO__ENDPOINT: url.hostname,
    MINIO__PORT: url.port || (https ? '443' : '80'),
    MINIO__USE_SSL: https ? 'true' : 'false',
    MINIO__ACCESS_KEY: accessKey,
    MINIO__SECRET_KEY: secretKey,
  };
}
