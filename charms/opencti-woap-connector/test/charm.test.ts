// woap as a function of state: its extra checks, the two relations it waits for, OpenSearch credentials.
import { ActiveStatus, WaitingStatus } from '@ops-ts/ops';
import {
  Context,
  container,
  getContainer,
  getRelation,
  relation,
  type StateInit,
  secret,
  state,
} from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { OpenctiWoapConnectorCharm } from '../src/connector.js';

const CHARM = 'opencti-woap-connector';
const charmcraft = new URL('../charmcraft.yaml', import.meta.url);
const context = () => new Context(OpenctiWoapConnectorCharm, { charmcraft, appName: 'woap' });

const token = secret({
  id: 'secret:cs0opencti0token0000',
  content: { token: 'opencti-token' },
  ownerApp: 'opencti',
});
const osUser = secret({
  id: 'secret:cs0opensearch0user00',
  content: { username: 'woap-user', password: 'os-pass' },
  ownerApp: 'opensearch',
});
const platform = () =>
  relation({
    endpoint: 'opencti-connector',
    remoteAppName: 'opencti',
    remoteAppData: { opencti_url: 'http://opencti:8080', opencti_token: token.id },
    remoteUnitsData: { 0: {} },
  });
const opensearch = (
  data: Record<string, string> = { endpoints: '10.0.0.1:9200,10.0.0.2:9200', 'secret-user': osUser.id },
) =>
  relation({
    endpoint: 'opensearch-client',
    remoteAppName: 'opensearch',
    remoteAppData: data,
    remoteUnitsData: { 0: {} },
  });

const world = (over: Partial<StateInit> = {}) =>
  state({
    leader: true,
    relations: [platform(), opensearch()],
    secrets: [token, osUser],
    containers: [container({ name: CHARM, canConnect: true })],
    ...over,
  });

describe('woap statuses', () => {
  const cases: [string, Partial<StateInit>, WaitingStatus | ActiveStatus][] = [
    [
      'bad log level',
      { config: { 'connector-log-level': 'loud' } },
      new WaitingStatus('invalid connector-log-level value: loud'),
    ],
    [
      'bad duration',
      { config: { 'connector-duration-period': 'P' } },
      new WaitingStatus('invalid connector-duration-period value format: P'),
    ],
    [
      'severity out of range',
      { config: { 'wazuh-min-severity': 16 } },
      new WaitingStatus('invalid wazuh-min-severity: 16 (must be between 0 and 15)'),
    ],
    [
      'no relations',
      { relations: [] },
      new WaitingStatus('Waiting for: OpenCTI relation, OpenSearch relation'),
    ],
    [
      'OpenSearch without data',
      { relations: [platform(), opensearch({})] },
      new WaitingStatus('Waiting for: OpenSearch credentials'),
    ],
    [
      'missing relations, no Pebble',
      { relations: [], containers: [container({ name: CHARM })] },
      new WaitingStatus('waiting for container ready'),
    ],
    ['all there', {}, new ActiveStatus('')],
  ];
  it.each(cases)('%s', async (_name, over, status) => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world(over));
    expect(out.unitStatus).toEqual(status);
  });

  it.each(['PT5M', 'P1D', 'P1DT2H', 'PT24H', 'P2W'])('accepts the duration %s', async (d) => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world({ config: { 'connector-duration-period': d } }));
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
  });
});

describe('woap environment', () => {
  it('OpenSearch hosts, port, credentials from the secret, scope woap, the log level as configured', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), world());
    expect(getContainer(out, CHARM).layers.connector?.services?.connector?.environment).toMatchObject({
      CONNECTOR_SCOPE: 'woap',
      OPENSEARCH_HOST: '10.0.0.1,10.0.0.2',
      OPENSEARCH_PORT: '9200',
      OPENSEARCH_USER: 'woap-user',
      OPENSEARCH_PASSWORD: 'os-pass',
      OPENSEARCH_INDEX: 'wazuh-alerts-*',
      OPENSEARCH_SSL_VERIFY: 'true',
      CONNECTOR_LOG_LEVEL: 'info',
      CONNECTOR_DURATION_PERIOD: 'PT5M',
      WAZUH_MIN_SEVERITY: '13',
    });
    expect(JSON.stringify([ctx.trace, ctx.jujuLog])).not.toContain('os-pass');
  });

  it('losing OpenSearch stops the running connector', async () => {
    const ctx = context();
    const running = await ctx.run(ctx.on.configChanged(), world());
    const os = running.relations.find((r) => r.endpoint === 'opensearch-client');
    if (!os) throw new Error('no opensearch relation');
    const out = await ctx.run(ctx.on.relationBroken(os), running);
    expect(out.unitStatus).toEqual(new WaitingStatus('Waiting for: OpenSearch relation'));
    expect(getContainer(out, CHARM).serviceStatuses).toEqual({ connector: 'inactive' });
  });

  it('the leader asks OpenSearch for its index on relation-created', async () => {
    const ctx = context();
    const os = opensearch({});
    const out = await ctx.run(ctx.on.relationCreated(os), world({ relations: [os] }));
    expect(getRelation(out, os).localAppData).toMatchObject({
      index: 'woap-connector',
      'extra-user-roles': 'admin',
    });
    // The bytes data_platform_libs writes (json.dumps), so the provider sees what the Python charm sends.
    expect(getRelation(out, os).localAppData['requested-secrets']).toBe(
      '["username", "password", "tls", "tls-ca", "uris", "read-only-uris", "entity-name", "entity-password"]',
    );
  });
});
