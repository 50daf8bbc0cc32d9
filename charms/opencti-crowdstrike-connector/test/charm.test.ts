// The CrowdStrike connector (and so the OpenctiConnectorCharm base class) as a function of state.
import { ActiveStatus, BlockedStatus, WaitingStatus } from '@ops-ts/ops';
import { Context, getContainer, getRelation, relation, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { OpenctiCrowdstrikeConnectorCharm } from '../src/connector.js';
import { CHARM, platformRelation, REQUIRED, TOKEN, tokenSecret, URL_, workload, world } from './fixtures.js';

const charmcraft = new URL('../charmcraft.yaml', import.meta.url);
const context = (env: Record<string, string> = {}) =>
  new Context(OpenctiCrowdstrikeConnectorCharm, { charmcraft, appName: 'crowdstrike', env });

const connectorEnv = (out: Awaited<ReturnType<Context['run']>>) =>
  getContainer(out, CHARM).layers.connector?.services?.connector?.environment ?? {};

describe('status paths, in upstream order', () => {
  const cases: [string, Parameters<typeof world>[0], unknown][] = [
    [
      'two planned units',
      { plannedUnits: 2 },
      new BlockedStatus(
        'connector charm cannot have multiple units, scale down using the `juju scale` command',
      ),
    ],
    [
      'required options unset',
      { config: {} },
      new WaitingStatus('missing configurations: crowdstrike-client-id, crowdstrike-client-secret'),
    ],
    ['no relation', { relations: [] }, new WaitingStatus('missing opencti-connector integration')],
    [
      'Pebble not reachable',
      { containers: [workload({ canConnect: false })] },
      new WaitingStatus('waiting for container ready'),
    ],
    [
      'platform data not there yet',
      { relations: [platformRelation({})] },
      new WaitingStatus('waiting for opencti-connector integration'),
    ],
    ['all there', {}, new ActiveStatus('')],
  ];
  it.each(cases)('%s', async (_name, overrides, status) => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world(overrides));
    expect(out.unitStatus).toEqual(status);
  });
});

describe('the connector service', () => {
  it('runs bash /entrypoint.sh with the full environment, restarted on failure', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world());
    const id = getRelation(out, out.relations[0]!).localAppData.connector_id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(getContainer(out, CHARM).layers.connector).toEqual({
      summary: CHARM,
      description: CHARM,
      services: {
        connector: {
          override: 'replace',
          startup: 'enabled',
          'on-failure': 'restart',
          command: 'bash /entrypoint.sh',
          environment: {
            OPENCTI_URL: URL_,
            OPENCTI_TOKEN: TOKEN,
            CONNECTOR_ID: id,
            CONNECTOR_NAME: 'crowdstrike',
            CONNECTOR_TYPE: 'EXTERNAL_IMPORT',
            CROWDSTRIKE_CLIENT_ID: 'client-id',
            CROWDSTRIKE_CLIENT_SECRET: 'client-secret',
            CONNECTOR_LOG_LEVEL: 'info',
            CONNECTOR_SCOPE: 'crowdstrike',
          },
        },
      },
    });
    expect(getContainer(out, CHARM).serviceStatuses).toEqual({ connector: 'active' });
  });

  it('set options become variables verbatim: ints as decimals, string booleans as given, "" kept', async () => {
    const ctx = context();
    const config = {
      ...REQUIRED,
      'crowdstrike-indicator-high-score': 80,
      'crowdstrike-create-indicators': 'True',
      'crowdstrike-tlp': '',
      'connector-log-level': 'debug',
    };
    const out = await ctx.run(ctx.on.configChanged(), world({ config }));
    expect(connectorEnv(out)).toMatchObject({
      CROWDSTRIKE_INDICATOR_HIGH_SCORE: '80',
      CROWDSTRIKE_CREATE_INDICATORS: 'True',
      CROWDSTRIKE_TLP: '',
      CONNECTOR_LOG_LEVEL: 'debug',
    });
    expect(connectorEnv(out)).not.toHaveProperty('CROWDSTRIKE_BASE_URL');
  });

  it('proxy settings: HTTP(S)_PROXY and NO_PROXY with the OpenCTI host added', async () => {
    const ctx = context({
      JUJU_CHARM_HTTP_PROXY: 'http://squid:3128',
      JUJU_CHARM_HTTPS_PROXY: 'http://squid:3129',
      JUJU_CHARM_NO_PROXY: '127.0.0.1,.internal',
      JUJU_CHARM_FTP_PROXY: 'ftp://ignored',
    });
    const out = await ctx.run(ctx.on.configChanged(), world());
    const env = connectorEnv(out);
    expect(env).toMatchObject({
      HTTP_PROXY: 'http://squid:3128',
      http_proxy: 'http://squid:3128',
      HTTPS_PROXY: 'http://squid:3129',
      https_proxy: 'http://squid:3129',
      NO_PROXY: '127.0.0.1,.internal,opencti.example.com',
      no_proxy: '127.0.0.1,.internal,opencti.example.com',
    });
    expect(Object.keys(env).some((k) => k.toLowerCase().includes('ftp'))).toBe(false);
  });

  it('no proxy settings: no proxy variables at all', async () => {
    const ctx = context({ JUJU_CHARM_NO_PROXY: '127.0.0.1' });
    const out = await ctx.run(ctx.on.configChanged(), world());
    expect(Object.keys(connectorEnv(out)).filter((k) => /proxy/i.test(k))).toEqual([]);
  });
});

describe('the databag', () => {
  it('the leader publishes name, type and a connector_id once; later hooks keep it and write nothing', async () => {
    const ctx = context();
    const first = await ctx.run(ctx.on.configChanged(), world());
    const bag = getRelation(first, first.relations[0]!).localAppData;
    expect(bag).toMatchObject({ connector_charm_name: CHARM, connector_type: 'EXTERNAL_IMPORT' });
    ctx.trace.length = 0;
    const second = await ctx.run(ctx.on.updateStatus(), first);
    expect(getRelation(second, second.relations[0]!).localAppData).toEqual(bag);
    const tools = ctx.trace.map((c) => c.tool);
    expect(tools).not.toContain('relation-set');
    expect(tools.length).toBeLessThanOrEqual(9);
    // Nothing changed, so the layer was not re-added and nothing was replanned.
    expect(getContainer(second, CHARM).layers).toEqual(getContainer(first, CHARM).layers);
  });

  it('a non-leader publishes nothing and waits instead of crashing', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world({ leader: false }));
    expect(getRelation(out, out.relations[0]!).localAppData).toEqual({});
    expect(out.unitStatus).toEqual(
      new WaitingStatus('waiting for leadership (only the leader can read connector_id)'),
    );
  });
});

describe('beyond the original: clear statuses instead of crashes', () => {
  it('a token secret this app cannot read → waiting, naming the secret', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world({ secrets: [] }));
    expect(out.unitStatus).toEqual(
      new WaitingStatus(`waiting for access to the OpenCTI token secret ${tokenSecret().id}`),
    );
  });

  it('a token secret without "token" → blocked', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world({ secrets: [tokenSecret({ password: 'x' })] }));
    expect(out.unitStatus).toEqual(
      new BlockedStatus(`the OpenCTI token secret ${tokenSecret().id} has no "token" key`),
    );
  });

  it('platform data that fails the schema → blocked, naming the field', async () => {
    const ctx = context();
    const rel = platformRelation({ opencti_url: 'not a url', opencti_token: tokenSecret().id });
    const out = await ctx.run(ctx.on.configChanged(), world({ relations: [rel] }));
    expect(out.unitStatus).toEqual(
      new BlockedStatus(
        'invalid opencti-connector data from opencti: opencti_url must match format "uri" (got "not a url")',
      ),
    );
  });

  it('relation-broken stops the running connector and waits for the integration', async () => {
    const ctx = context();
    const running = await ctx.run(ctx.on.configChanged(), world());
    const out = await ctx.run(ctx.on.relationBroken(running.relations[0]!), running);
    expect(out.unitStatus).toEqual(new WaitingStatus('missing opencti-connector integration'));
    expect(getContainer(out, CHARM).serviceStatuses).toEqual({ connector: 'inactive' });
  });

  it('a token rotation (secret-changed) restarts the connector with the new token', async () => {
    const ctx = context();
    const running = await ctx.run(ctx.on.configChanged(), world());
    const rotated = tokenSecret({ token: TOKEN });
    const next = state({
      ...running,
      secrets: [{ ...rotated, latestContent: { token: 'rotated-token' }, latestRevision: 2 }],
    });
    const out = await ctx.run(ctx.on.secretChanged(next.secrets[0]!), next);
    expect(connectorEnv(out).OPENCTI_TOKEN).toBe('rotated-token');
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
  });

  it('the token appears in no log line, status, tool argv or stdin', async () => {
    const ctx = context();
    await ctx.run(ctx.on.configChanged(), world({ secrets: [tokenSecret({ nope: TOKEN })] }));
    await ctx.run(ctx.on.configChanged(), world());
    const seen = JSON.stringify([ctx.trace, ctx.jujuLog, ctx.unitStatusHistory]);
    expect(seen).not.toContain(TOKEN);
  });
});

describe('unobserved hooks', () => {
  it.each(['install', 'start', 'leaderElected'] as const)(
    '%s changes nothing and runs at most one tool',
    async (hook) => {
      const ctx = context();
      const out = await ctx.run(ctx.on[hook](), world());
      expect(out.unitStatus.name).toBe('unknown');
      expect(ctx.trace.length).toBeLessThanOrEqual(1);
    },
  );
});

describe('log forwarding over `logging`', () => {
  it('one loki target per Loki unit; the leader publishes its topology', async () => {
    const ctx = context();
    const loki = relation({
      endpoint: 'logging',
      remoteAppName: 'loki',
      remoteUnitsData: {
        0: { endpoint: JSON.stringify({ url: 'http://loki-0:3100/loki/api/v1/push' }) },
        1: { endpoint: JSON.stringify({ url: 'http://loki-1:3100/loki/api/v1/push' }) },
      },
    });
    const out = await ctx.run(ctx.on.relationChanged(loki, { remoteUnit: 0 }), world({ relations: [loki] }));
    const layer = getContainer(out, CHARM).layers[`${CHARM}-log-forwarding`];
    expect(Object.keys(layer?.['log-targets'] ?? {})).toEqual(['loki/0', 'loki/1']);
    expect(layer?.['log-targets']?.['loki/0']).toEqual({
      override: 'replace',
      services: ['all'],
      type: 'loki',
      location: 'http://loki-0:3100/loki/api/v1/push',
      labels: {
        product: 'Juju',
        charm: CHARM,
        juju_model: out.model.name,
        juju_model_uuid: out.model.uuid,
        juju_application: 'crowdstrike',
        juju_unit: 'crowdstrike/0',
      },
    });
    const bag = getRelation(out, loki).localAppData;
    expect(JSON.parse(bag.metadata ?? '{}')).toEqual({
      model: out.model.name,
      model_uuid: out.model.uuid,
      application: 'crowdstrike',
      unit: 'crowdstrike/0',
      charm_name: CHARM,
    });
    expect(bag.alert_rules).toBe('{}');
  });

  it('a Loki unit that left has its target switched off', async () => {
    const ctx = context();
    const loki = relation({
      endpoint: 'logging',
      remoteAppName: 'loki',
      remoteUnitsData: {
        0: { endpoint: JSON.stringify({ url: 'http://loki-0:3100/x' }) },
        1: { endpoint: JSON.stringify({ url: 'http://loki-1:3100/loki/api/v1/push' }) },
      },
    });
    const before = world({
      relations: [loki],
      containers: [
        {
          ...workload(),
          layers: {
            [`${CHARM}-log-forwarding`]: {
              'log-targets': {
                'loki/0': {
                  override: 'replace',
                  services: ['all'],
                  type: 'loki',
                  location: 'http://loki-0:3100/x',
                },
              },
            },
          },
        },
      ],
    });
    const out = await ctx.run(
      ctx.on.relationDeparted(loki, { remoteUnit: 1, departingUnit: 'loki/0' }),
      before,
    );
    const targets = getContainer(out, CHARM).layers[`${CHARM}-log-forwarding`]?.['log-targets'];
    expect(targets?.['loki/0']?.services).toEqual(['-all']);
    expect(targets?.['loki/1']?.services).toEqual(['all']);
  });

  it('no Loki units: a warning, no layer', async () => {
    const ctx = context();
    const loki = relation({ endpoint: 'logging', remoteAppName: 'loki', remoteUnitsData: {} });
    const out = await ctx.run(
      ctx.on.pebbleReady(workload()),
      world({ relations: [loki, platformRelation()] }),
    );
    expect(getContainer(out, CHARM).layers).not.toHaveProperty(`${CHARM}-log-forwarding`);
    expect(ctx.jujuLog.map((l) => l.message)).toContain('No Loki endpoints available');
  });
});
