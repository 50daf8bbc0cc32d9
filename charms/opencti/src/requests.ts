// What the platform asks of each provider, written on every event (idempotent: an unchanged value sends
// nothing). Upstream's libraries write these on relation-created/-joined, and its ingress data on every
// event; doing them all every time also repairs a bag after a leadership change.
import type { CharmBase } from '@ops-ts/ops';
import { INGRESS_RELATION, requestIngress } from './relations/ingress.js';
import { OPENSEARCH_RELATION, REQUESTED_INDEX, requestOpensearchIndex } from './relations/opensearch.js';
import { AMQP_RELATION, requestAmqpAccess } from './relations/rabbitmq.js';
import { requestS3Bucket, S3_RELATION } from './relations/s3.js';

/** Publishes the OpenSearch index, AMQP access, S3 bucket and ingress requests on the relations present. */
export function publishRequests(charm: CharmBase): void {
  const get = (name: string) => charm.model.getRelation(name);
  const opensearch = get(OPENSEARCH_RELATION);
  // An app named like the requested index would share OpenSearch indices with it: ask for nothing.
  if (opensearch && charm.app.name !== REQUESTED_INDEX) requestOpensearchIndex(charm, opensearch);
  const amqp = get(AMQP_RELATION);
  if (amqp) requestAmqpAccess(charm, amqp);
  const s3 = get(S3_RELATION);
  if (s3) requestS3Bucket(charm, s3);
  const ingress = get(INGRESS_RELATION);
  if (ingress) requestIngress(charm, ingress);
}
