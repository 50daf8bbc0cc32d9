// The OpenCTI platform with three connectors, as an operator checks it on a model, through
// @ops-ts/jubilant: in the simulator by default (stand-in providers, the fake OpenCTI as the `platform`
// service), on a real model with OPS_TS_JUJU_BACKEND=real (see this charm's README). Everything settles to
// active; each connector gets the platform's URL and a token secret of its own; removing a relation stops
// that connector and deactivates its user at once; no token reaches status, relation data or the log.
import { allActive, anyError } from '@ops-ts/jubilant';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIntegrationModel } from '../../../test/support/integration-model.js';
import {
  ADMIN_PASSWORD,
  deployOpenctiPlatform,
  imageResources,
  type OpenctiPlatform,
} from '../../../test/support/opencti-model.js';

const CONNECTORS: Record<string, Record<string, string | number | boolean>> = {
  'opencti-crowdstrike-connector': {
    'crowdstrike-client-id': 'it-client',
    'crowdstrike-client-secret': 'it-secret',
  },
  'opencti-export-file-stix-connector': { 'connector-scope': 'application/json' },
  'opencti-mitre-connector': {
    'connector-scope': 'tool',
    'mitre-interval': 7,
    'mitre-remove-statement-marking': true,
  },
};
const NAMES = Object.keys(CONNECTORS);
const model = useIntegrationModel('opencti-it', ['opencti', ...NAMES]);
const { juju, delay } = model;
const charms: Record<string, string> = {};
let platform: OpenctiPlatform;

beforeAll(async () => {
  for (const name of NAMES) charms[name] = await model.pack(`charms/${name}`);
}, 300_000);

describe(`OpenCTI with its connectors on the ${juju.backend.name} backend`, {
  timeout: model.timeout,
}, () => {
  it('settles to active with its providers and connectors', async () => {
    platform = await deployOpenctiPlatform(model);
    for (const [name, config] of Object.entries(CONNECTORS)) {
      await juju.deploy(charms[name] ?? '', {
        app: name,
        config,
        resources: imageResources(model, `${name}-image`),
      });
      await juju.integrate(`${name}:opencti-connector`, 'opencti:opencti-connector');
    }
    const status = await juju.wait((s) => allActive(s, 'opencti', ...NAMES), { error: anyError, delay });
    expect(status.apps.opencti?.relations['opencti-connector']?.map((r) => r.relatedApp).sort()).toEqual(
      NAMES,
    );
  });

  it('hands every connector the URL and a token secret of its own', async () => {
    const ids: string[] = [];
    for (const name of NAMES) {
      const unit = await juju.showUnit(`${name}/0`);
      const data = unit.relationInfo.find((r) => r.endpoint === 'opencti-connector')?.appData ?? {};
      expect(data.opencti_url).toMatch(/^https?:\/\//);
      expect(data.opencti_token).toMatch(/^secret:/);
      ids.push(String(data.opencti_token));
    }
    expect(new Set(ids).size).toBe(NAMES.length);
    if (!model.real) {
      // One active OpenCTI user per connector application, each with its own token.
      const users = platform.users().filter((u) => u.name.startsWith('charm-connector-'));
      expect(Object.fromEntries(users.map((u) => [u.name, u.account_status]))).toEqual(
        Object.fromEntries(NAMES.map((n) => [`charm-connector-${n}`, 'Active'])),
      );
      expect(new Set(users.map((u) => u.api_token)).size).toBe(NAMES.length);
      // The token reaches the connector's workload: its Pebble plan (the simulator's `plan --reveal`).
      for (const name of NAMES) {
        const plan = JSON.parse(
          await model.sim('plan', `${name}/0`, name, '--reveal', '--format', 'json'),
        ) as {
          services: { connector: { environment: Record<string, string> } };
        };
        const env = plan.services.connector.environment;
        expect(env.OPENCTI_TOKEN).toBe(users.find((u) => u.name === `charm-connector-${name}`)?.api_token);
        expect(env).toMatchObject({ CONNECTOR_NAME: name, OPENCTI_URL: expect.stringMatching(/^http:\/\//) });
      }
    }
  });

  it('stops a connector whose relation goes, and deactivates its user at once', async () => {
    const [gone = '', kept = ''] = NAMES;
    await juju.removeRelation(`${gone}:opencti-connector`, 'opencti:opencti-connector');
    const status = await juju.wait((s) => s.apps[gone]?.appStatus.current === 'waiting', { delay });
    expect(status.apps[gone]?.appStatus.message).toBe('missing opencti-connector integration');
    expect(status.apps[kept]?.appStatus.current).toBe('active');
    expect(status.apps.opencti?.appStatus.current).toBe('active');
    if (!model.real) {
      const users = Object.fromEntries(platform.users().map((u) => [u.name, u.account_status]));
      expect(users).toMatchObject({
        [`charm-connector-${gone}`]: 'Inactive',
        [`charm-connector-${kept}`]: 'Active',
      });
    }
  });

  it('shows no token or password in status, relation data or the debug log', async () => {
    const shown = JSON.stringify([
      await juju.status(),
      ...(await Promise.all(['opencti/0', ...NAMES.map((n) => `${n}/0`)].map((u) => juju.showUnit(u)))),
      await juju.debugLog({ limit: 5000 }),
    ]);
    expect(shown).not.toContain(ADMIN_PASSWORD);
    if (!model.real) for (const u of platform.users()) expect(shown).not.toContain(u.api_token);
  });
});
