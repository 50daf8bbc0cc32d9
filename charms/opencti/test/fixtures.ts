// The platform's world for the testing kit: the five required integrations with what the real providers
// publish (as the stand-ins' READMEs document them), the peer secret, the admin-user secret, the
// container, and connector relations; plus the fake OpenCTI server the charm's API calls reach.
import { type FakeOpencti, startFakeOpencti } from '@ops-ts/fake-opencti';
import {
  Context,
  container,
  peerRelation,
  type RegularRelation,
  relation,
  type StateInit,
  secret,
  state,
} from '@ops-ts/testing';
import { OpenctiCharm } from '../src/opencti-charm.js';

export const ADMIN_TOKEN = 'c0ffee00-0000-4000-8000-00000000ad01';
export const HEALTH_KEY = 'c0ffee00-0000-4000-8000-0000000000e1';
export const PUBLIC_URL = 'http://opencti.local/opencti';
export const BASE_PATH = '/opencti';

const charmcraft = new URL('../charmcraft.yaml', import.meta.url);

/** A context whose container port 8080 is the fake's port (or localhost:8080 without one). */
export function context(fake?: FakeOpencti, appName = 'opencti'): Context<typeof OpenctiCharm> {
  const env: Record<string, string> = fake
    ? { OPS_TS_CONTAINER_PORTS: JSON.stringify({ opencti: { 8080: Number(new URL(fake.url).port) } }) }
    : {};
  return new Context(OpenctiCharm, { charmcraft, appName, env });
}

/** The fake OpenCTI, started with the peer secret's admin token and health key, under the ingress path. */
export function fakeOpencti(groups?: readonly string[]): Promise<FakeOpencti> {
  return startFakeOpencti({
    adminToken: ADMIN_TOKEN,
    healthAccessKey: HEALTH_KEY,
    basePath: BASE_PATH,
    port: 0,
    ...(groups ? { groups } : {}),
  });
}

export const peerSecret = () =>
  secret({
    id: 'secret:d0peer0secret0000000',
    owner: 'app',
    content: { 'admin-token': ADMIN_TOKEN, 'health-access-key': HEALTH_KEY },
  });
export const peer = (localAppData: Record<string, string> = { secret: peerSecret().id }) =>
  peerRelation({ endpoint: 'opencti-peer', localAppData });

export const adminSecret = (
  content: Record<string, string> = { email: 'admin@example.com', password: 'pw-1' },
) => secret({ id: 'secret:d0admin0user00000000', content });

export const opensearchSecret = () =>
  secret({
    id: 'secret:d0opensearch0user000',
    ownerApp: 'opensearch',
    content: { username: 'opensearch-client_7', password: 'os-pw' },
  });
export const opensearch = (remoteAppData?: Record<string, string>) =>
  relation({
    endpoint: 'opensearch-client',
    remoteAppName: 'opensearch',
    remoteAppData: remoteAppData ?? {
      index: 'x-opencti',
      endpoints: '10.1.0.1:9200,10.1.0.2:9200',
      version: '2.17.0',
      'secret-user': opensearchSecret().id,
    },
  });
export const redis = (unit: Record<string, string> = { hostname: '10.1.0.3', port: '6379' }) =>
  relation({
    endpoint: 'redis',
    remoteAppName: 'redis-k8s',
    remoteAppData: { 'leader-host': 'redis-k8s-0.redis-k8s-endpoints.test-model.svc.cluster.local' },
    remoteUnitsData: { 0: unit },
  });
export const amqp = (
  units: Record<number, Record<string, string>> = { 0: { hostname: '10.1.0.4', password: 'rmq-pw' } },
) => relation({ endpoint: 'amqp', remoteAppName: 'rabbitmq-server', remoteUnitsData: units });
export const s3 = (remoteAppData?: Record<string, string>) =>
  relation({
    endpoint: 's3',
    remoteAppName: 's3-integrator',
    remoteAppData: remoteAppData ?? {
      bucket: 'opencti',
      'access-key': 'ak',
      'secret-key': 'sk',
      endpoint: 'http://minio.test-model.svc:9000',
    },
  });
export const ingress = (url: string | undefined = PUBLIC_URL) =>
  relation({
    endpoint: 'ingress',
    remoteAppName: 'traefik-k8s',
    remoteAppData: url ? { ingress: JSON.stringify({ url }) } : {},
  });

/** A connector application related to the platform (ids distinct per app). */
export function connector(
  app: string,
  data: Record<string, string> = {
    connector_charm_name: 'opencti-crowdstrike-connector',
    connector_type: 'EXTERNAL_IMPORT',
  },
  extra: Partial<Parameters<typeof relation>[0]> = {},
): RegularRelation {
  return relation({ endpoint: 'opencti-connector', remoteAppName: app, remoteAppData: data, ...extra });
}

export const workload = (canConnect = true) => container({ name: 'opencti', canConnect });

/** Everything a healthy platform needs; override any field. */
export function world(overrides: Partial<StateInit> = {}, connectors: readonly RegularRelation[] = []) {
  return state({
    leader: true,
    config: { 'admin-user': adminSecret().id },
    relations: [peer(), opensearch(), redis(), amqp(), s3(), ingress(), ...connectors],
    secrets: [peerSecret(), adminSecret(), opensearchSecret()],
    containers: [workload()],
    ...overrides,
  });
}
