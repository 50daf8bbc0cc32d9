// The platform part of reconcile (upstream `_reconcile_platform`): peer secret, preconditions, the
// workload's files and Pebble layers, `platform` started; then, only once `/health` answers, the health
// check layer and the workers. Returns what connector management needs.
import { type CharmBase, ConnectionError, type Container } from '@ops-ts/ops';
import { readAdminUser } from './admin-user.js';
import { healthUrl, workloadBaseUrl } from './base-url.js';
import {
  CALLBACK_SCRIPT_PATH,
  CALLBACK_SERVICE,
  callbackScript,
  checkLayer,
  LAYER_LABEL,
  PLATFORM_SERVICE,
  serviceLayer,
  WORKER_SERVICES,
} from './pebble-layers.js';
import { initPeerSecret, type PlatformCredentials, readPeerSecret } from './peer-secret.js';
import { platformEnvironment } from './platform-environment.js';
import { isPlatformHealthy } from './platform-health.js';
import { Blocked, NotReady } from './reconcile-errors.js';
import { INGRESS_RELATION, ingressUrl } from './relations/ingress.js';
import {
  OPENSEARCH_CERT_PATH,
  OPENSEARCH_RELATION,
  REQUESTED_INDEX,
  readOpensearch,
} from './relations/opensearch.js';
import { AMQP_RELATION } from './relations/rabbitmq.js';
import { REDIS_RELATION } from './relations/redis.js';
import { checkRequiredRelations } from './relations/required.js';
import { S3_RELATION } from './relations/s3.js';

/** The healthy platform: where the charm reaches it, its public URL and its credentials. */
export interface RunningPlatform {
  /** The base URL the charm uses (`http://<localAddress(8080)>/<ingress path>`). */
  readonly baseUrl: string;
  /** The public ingress URL (what connectors get as `opencti_url`). */
  readonly publicUrl: string;
  readonly credentials: PlatformCredentials;
}

function relation(charm: CharmBase, name: string) {
  // checkRequiredRelations has made sure it exists.
  return charm.model.getRelation(name) as NonNullable<ReturnType<CharmBase['model']['getRelation']>>;
}

/** Brings the workload in line; NotReady/Blocked say why it stopped. */
export async function reconcilePlatform(charm: CharmBase, container: Container): Promise<RunningPlatform> {
  if (charm.app.name === REQUESTED_INDEX) throw new Blocked(`charm cannot be named '${REQUESTED_INDEX}'`);
  initPeerSecret(charm, charm.framework.logger);
  if (!(await container.canConnect())) throw new NotReady('waiting for opencti container');
  checkRequiredRelations(charm);
  const credentials = readPeerSecret(charm);
  const publicUrl = ingressUrl(charm.model.getRelation(INGRESS_RELATION));
  const baseUrl = workloadBaseUrl(container, publicUrl);
  const health = healthUrl(baseUrl, credentials.healthAccessKey);
  try {
    await container.push(CALLBACK_SCRIPT_PATH, callbackScript(health), {
      makeDirs: true,
      permissions: 0o600,
    });
    const opensearch = readOpensearch(charm, relation(charm, OPENSEARCH_RELATION));
    if (opensearch['tls-ca']) {
      await container.push(OPENSEARCH_CERT_PATH, opensearch['tls-ca'], {
        makeDirs: true,
        permissions: 0o644,
      });
    }
    const environment = platformEnvironment(charm, {
      admin: readAdminUser(charm),
      credentials,
      opensearch,
      redis: relation(charm, REDIS_RELATION),
      amqp: relation(charm, AMQP_RELATION),
      s3: relation(charm, S3_RELATION),
      ingressUrl: publicUrl,
    });
    await container.addLayer(
      LAYER_LABEL,
      serviceLayer({ baseUrl, adminToken: credentials.adminToken, platformEnvironment: environment }),
      { combine: true },
    );
    await container.replan();
    await container.start(PLATFORM_SERVICE);
    if (!(await isPlatformHealthy(health))) {
      await container.start(CALLBACK_SERVICE);
      throw new NotReady('waiting for opencti platform to start');
    }
    await container.stop(CALLBACK_SERVICE);
    await container.addLayer(LAYER_LABEL, checkLayer(health), { combine: true });
    await container.replan();
    await container.start(...WORKER_SERVICES);
  } catch (error) {
    // The container restarted under us: pebble-ready comes again when it is back.
    if (error instanceof ConnectionError) throw new NotReady('waiting for opencti container');
    throw error;
  }
  // The health check passed, so the ingress URL exists (ingressEnvironment waits for it).
  return { baseUrl, publicUrl: publicUrl as string, credentials };
}
