// The platform service's generated environment, in upstream's order (`_gen_pebble_service_plan`:
// secrets, OpenSearch, RabbitMQ, Redis, S3, ingress), each part read from its integration.
import type { CharmBase, Relation } from '@ops-ts/ops';
import type { AdminUser } from './admin-user.js';
import type { PlatformCredentials } from './peer-secret.js';
import { ingressEnvironment } from './relations/ingress.js';
import { type OpensearchInfo, opensearchEnvironment } from './relations/opensearch.js';
import { rabbitmqEnvironment } from './relations/rabbitmq.js';
import { redisEnvironment } from './relations/redis.js';
import { s3Environment } from './relations/s3.js';

/** Everything the platform environment is built from (the required relations exist by now). */
export interface PlatformInputs {
  admin: AdminUser;
  credentials: PlatformCredentials;
  opensearch: OpensearchInfo;
  redis: Relation;
  amqp: Relation;
  s3: Relation;
  ingressUrl: string | undefined;
}

/** The `platform` service's generated variables; NotReady/Blocked name the first part that is missing. */
export function platformEnvironment(charm: CharmBase, inputs: PlatformInputs): Record<string, string> {
  return {
    APP__ADMIN__EMAIL: inputs.admin.email,
    APP__ADMIN__PASSWORD: inputs.admin.password,
    APP__ADMIN__TOKEN: inputs.credentials.adminToken,
    APP__HEALTH_ACCESS_KEY: inputs.credentials.healthAccessKey,
    ...opensearchEnvironment(inputs.opensearch, charm.app.name),
    ...rabbitmqEnvironment(charm, inputs.amqp),
    ...redisEnvironment(charm, inputs.redis),
    ...s3Environment(inputs.s3),
    ...ingressEnvironment(inputs.ingressUrl),
  };
}
