// The workload: Pebble layers and services, the environment built from each integration, the files
// pushed, and what the charm asks of each provider.
import type { FakeOpencti } from '@ops-ts/fake-opencti';
import { ActiveStatus } from '@ops-ts/ops';
import { getContainer, getRelation, getSecret, type State, secret } from '@ops-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_TOKEN,
  adminSecret,
  amqp,
  context,
  fakeOpencti,
  HEALTH_KEY,
  ingress,
  opensearch,
  opensearchSecret,
  peer,
  peerSecret,
  redis,
  s3,
  world,
} from './fixtures.js';

let fake: FakeOpencti;
let base: string;
beforeAll(async () => {
  fake = await fakeOpencti();
  base = `http://127.0.0.1:${new URL(fake.url).port}/opencti`;
});
afterAll(() => fake.close());

const layer = (out: State) => getContainer(out, 'opencti').layers.opencti;
const platformEnv = (out: State) => layer(out)?.services?.platform?.environment ?? {};

describe('the healthy platform', () => {
  it('has the platform, three workers and the health check, all running', async () => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.pebbleReady(world().containers[0]!), world());
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
    const worker = {
      override: 'replace',
      command: 'python3 worker.py',
      'working-dir': '/opt/opencti-worker',
      environment: { OPENCTI_URL: base, OPENCTI_TOKEN: ADMIN_TOKEN, WORKER_LOG_LEVEL: 'info' },
      after: ['platform'],
      requires: ['platform'],
    };
    expect(layer(out)).toEqual({
      summary: 'OpenCTI platform/worker',
      description: 'OpenCTI platform/worker',
      services: {
        'charm-callback': { override: 'replace', command: 'bash /opt/opencti/charm-callback.sh' },
        platform: {
          override: 'replace',
          command: 'node build/back.js',
          'working-dir': '/opt/opencti',
          environment: {
            NODE_OPTIONS: '--max-old-space-size=8096',
            NODE_ENV: 'production',
            PYTHONUNBUFFERED: '1',
            APP__PORT: '8080',
            APP__APP_LOGS__LOGS_LEVEL: 'info',
            PROVIDERS__LOCAL__STRATEGY: 'LocalStrategy',
            APP__TELEMETRY__METRICS__ENABLED: 'true',
            APP__ADMIN__EMAIL: 'admin@example.com',
            APP__ADMIN__PASSWORD: 'pw-1',
            APP__ADMIN__TOKEN: ADMIN_TOKEN,
            APP__HEALTH_ACCESS_KEY: HEALTH_KEY,
            ELASTICSEARCH__URL: '["http://10.1.0.1:9200", "http://10.1.0.2:9200"]',
            ELASTICSEARCH__INDEX_PREFIX: 'opencti',
            ELASTICSEARCH__USERNAME: 'opensearch-client_7',
            ELASTICSEARCH__PASSWORD: 'os-pw',
            RABBITMQ__HOSTNAME: '10.1.0.4',
            RABBITMQ__PORT: '5672',
            RABBITMQ__PORT_MANAGEMENT: '15672',
            RABBITMQ__MANAGEMENT_SSL: 'false',
            RABBITMQ__USERNAME: 'opencti',
            RABBITMQ__PASSWORD: 'rmq-pw',
            REDIS__HOSTNAME: 'redis-k8s-0.redis-k8s-endpoints.test-model.svc.cluster.local',
            REDIS__PORT: '6379',
            MINIO__ENDPOINT: 'minio.test-model.svc',
            MINIO__PORT: '9000',
            MINIO__USE_SSL: 'false',
            MINIO__ACCESS_KEY: 'ak',
            MINIO__SECRET_KEY: 'sk',
            APP__BASE_URL: 'http://opencti.local/opencti',
            APP__BASE_PATH: '/opencti',
          },
        },
        'worker-0': worker,
        'worker-1': worker,
        'worker-2': worker,
      },
      checks: {
        platform: {
          override: 'replace',
          level: 'ready',
          http: { url: `${base}/health?health_access_key=${HEALTH_KEY}` },
          period: '1m',
          timeout: '5s',
          threshold: 5,
        },
      },
    });
    expect(getContainer(out, 'opencti').serviceStatuses).toEqual({
      'charm-callback': 'inactive',
      platform: 'active',
      'worker-0': 'active',
      'worker-1': 'active',
      'worker-2': 'active',
    });
  });

  it('pushes the callback script that raises the platform-healthy notice', async () => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.configChanged(), world());
    const script = getContainer(out, 'opencti').files['/opt/opencti/charm-callback.sh'];
    expect(script).toContain(`curl -m 3 -sfo /dev/null "${base}/health?health_access_key=${HEALTH_KEY}"`);
    expect(script).toContain('pebble notify canonical.com/opencti/platform-healthy');
  });

  it('uses localhost:8080 on a pod (no port mapping)', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world());
    expect(layer(out)?.services?.['worker-0']?.environment?.OPENCTI_URL).toBe(
      'http://localhost:8080/opencti',
    );
  });
});

describe('environment per integration', () => {
  it('OpenSearch over TLS: https URIs, the CA pushed and named', async () => {
    const tls = secret({
      id: 'secret:d0opensearch0tls0000',
      ownerApp: 'opensearch',
      content: { 'tls-ca': 'PEM' },
    });
    const os = opensearch({
      index: 'x-opencti',
      endpoints: '10.1.0.1:9200',
      'secret-user': opensearchSecret().id,
      'secret-tls': tls.id,
    });
    const ctx = context(fake);
    const out = await ctx.run(
      ctx.on.configChanged(),
      world({
        relations: [peer(), os, redis(), amqp(), s3(), ingress()],
        secrets: [peerSecret(), adminSecret(), opensearchSecret(), tls],
      }),
    );
    expect(platformEnv(out)).toMatchObject({
      ELASTICSEARCH__URL: '["https://10.1.0.1:9200"]',
      ELASTICSEARCH__SSL__CA: '/opt/opencti/config/opensearch.pem',
    });
    expect(getContainer(out, 'opencti').files['/opt/opencti/config/opensearch.pem']).toBe('PEM');
  });

  it('OpenSearch credentials in plain when no secret is used', async () => {
    const os = opensearch({ index: 'x-opencti', endpoints: 'os:9200', username: 'u', password: 'p' });
    const ctx = context(fake);
    const out = await ctx.run(
      ctx.on.configChanged(),
      world({ relations: [peer(), os, redis(), amqp(), s3(), ingress()] }),
    );
    expect(platformEnv(out)).toMatchObject({ ELASTICSEARCH__USERNAME: 'u', ELASTICSEARCH__PASSWORD: 'p' });
  });

  const cases: [string, () => ReturnType<typeof world>, Record<string, string>][] = [
    [
      'RabbitMQ: the lowest-numbered unit answers',
      () =>
        world({
          relations: [
            peer(),
            opensearch(),
            redis(),
            amqp({ 3: { hostname: 'h3', password: 'p3' }, 1: { hostname: 'h1', password: 'p1' } }),
            s3(),
            ingress(),
          ],
        }),
      { RABBITMQ__HOSTNAME: 'h1', RABBITMQ__PASSWORD: 'p1' },
    ],
    [
      'Redis without leader-host: the unit hostname',
      () =>
        world({
          relations: [
            peer(),
            opensearch(),
            { ...redis({ hostname: '10.9.9.9', port: '6380' }), remoteAppData: {} },
            amqp(),
            s3(),
            ingress(),
          ],
        }),
      { REDIS__HOSTNAME: '10.9.9.9', REDIS__PORT: '6380' },
    ],
    [
      'S3 over https without a port',
      () =>
        world({
          relations: [
            peer(),
            opensearch(),
            redis(),
            amqp(),
            s3({ 'access-key': 'a', 'secret-key': 's', endpoint: 'https://s3.example.com' }),
            ingress(),
          ],
        }),
      { MINIO__ENDPOINT: 's3.example.com', MINIO__PORT: '443', MINIO__USE_SSL: 'true' },
    ],
  ];
  it.each(cases)('%s', async (_name, make, expected) => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.configChanged(), make());
    expect(platformEnv(out)).toMatchObject(expected);
  });
});

describe('requests to the providers', () => {
  it('the leader asks for the index, AMQP access, the bucket and ingress; the unit says where it is', async () => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.configChanged(), world());
    const bag = (endpoint: string) => out.relations.find((r) => r.endpoint === endpoint)!;
    expect(getRelation(out, bag('opensearch-client')).localAppData).toEqual({
      index: 'x-opencti',
      'extra-user-roles': 'admin',
      'requested-secrets':
        '["username", "password", "tls", "tls-ca", "uris", "read-only-uris", "entity-name", "entity-password"]',
      'provided-secrets': '["mtls-cert"]',
    });
    expect(getRelation(out, bag('amqp')).localAppData).toEqual({
      username: 'opencti',
      vhost: '/',
      admin: 'true',
    });
    expect(getRelation(out, bag('s3')).localAppData).toEqual({ bucket: 'opencti' });
    expect(getRelation(out, bag('ingress')).localAppData).toEqual({
      model: '"test-model"',
      name: '"opencti"',
      port: '8080',
    });
    expect(getRelation(out, bag('ingress')).localUnitData).toMatchObject({
      host: '"opencti-0.opencti-endpoints.test-model.svc.cluster.local"',
      ip: '"192.0.2.0"',
    });
  });

  it('a non-leader writes only its own unit data', async () => {
    const ctx = context(fake);
    const out = await ctx.run(ctx.on.configChanged(), world({ leader: false }));
    const rel = (endpoint: string) => getRelation(out, out.relations.find((r) => r.endpoint === endpoint)!);
    expect(rel('amqp').localAppData).toEqual({});
    expect(rel('ingress').localUnitData).toMatchObject({ host: expect.any(String) });
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
  });
});

describe('peer secret and events', () => {
  it('the leader creates the peer secret with two uuid4 values once the peer relation exists', async () => {
    const ctx = context();
    const out = await ctx.run(
      ctx.on.relationCreated(peer({})),
      world({ relations: [peer({})], secrets: [adminSecret()] }),
    );
    const id = getRelation(out, peer({})).localAppData.secret!;
    const content = getSecret(out, { id }).latestContent;
    const uuid4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(content['admin-token']).toMatch(uuid4);
    expect(content['health-access-key']).toMatch(uuid4);
    expect(content['admin-token']).not.toBe(content['health-access-key']);
  });

  it('stop removes the peer secret (leader), as upstream', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.stop(), world());
    expect(out.secrets.map((s) => s.id)).not.toContain(peerSecret().id);
  });

  it('a platform-healthy notice reconciles; other notices do not', async () => {
    const ctx = context(fake);
    const notice = (key: string) =>
      world({
        containers: [{ ...world().containers[0]!, notices: [{ key }] }],
      });
    const ours = await ctx.run(
      ctx.on.pebbleCustomNotice(notice('canonical.com/opencti/platform-healthy').containers[0]!, {
        key: 'canonical.com/opencti/platform-healthy',
      }),
      notice('canonical.com/opencti/platform-healthy'),
    );
    expect(ours.unitStatus).toEqual(new ActiveStatus(''));
    const other = await ctx.run(
      ctx.on.pebbleCustomNotice(notice('example.com/other').containers[0]!, { key: 'example.com/other' }),
      notice('example.com/other'),
    );
    expect(other.unitStatus.name).toBe('unknown');
  });
});
