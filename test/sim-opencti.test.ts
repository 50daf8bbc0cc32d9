// End to end in the simulator: the OpenCTI platform (its `platform` service run by the fake OpenCTI
// server as a stand-in), the stand-in providers of its relations and three connectors, all packed and run
// as real processes. They settle to active, each connector's plan holds the platform's URL and token,
// removing a relation stops that connector and deactivates its user, and no token reaches any output.
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, packCharm } from '@ops-ts/cli';
import { Simulator } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript build script without types
import { buildFakeOpencti } from '../stand-ins/fake-opencti/build.mjs';

const root = new URL('..', import.meta.url).pathname;
const CONNECTORS: Record<string, Record<string, string | number | boolean>> = {
  'opencti-crowdstrike-connector': {
    'crowdstrike-client-id': 'e2e-client',
    'crowdstrike-client-secret': 'e2e-secret',
  },
  'opencti-export-file-stix-connector': { 'connector-scope': 'application/json' },
  'opencti-mitre-connector': {
    'connector-scope': 'tool',
    'mitre-interval': 7,
    'mitre-remove-statement-marking': true,
  },
};
const STAND_INS: Record<string, string> = {
  'opensearch-stand-in': 'opencti:opensearch-client',
  'redis-stand-in': 'opencti:redis',
  'rabbitmq-stand-in': 'opencti:amqp',
  's3-stand-in': 'opencti:s3',
  'ingress-stand-in': 'opencti:ingress',
};

const charms: Record<string, string> = {};
let fakeOpencti: string;
let sim: Simulator;
let modelDir: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'opencti-e2e-pack-'));
  fakeOpencti = join(out, 'fake-opencti.mjs');
  await buildFakeOpencti(fakeOpencti);
  for (const dir of [
    'charms/opencti',
    ...Object.keys(CONNECTORS).map((c) => `charms/${c}`),
    ...Object.keys(STAND_INS).map((s) => `stand-ins/${s}`),
  ]) {
    charms[dir.split('/')[1] ?? dir] = await packCharm(loadProject(join(root, dir)), out);
  }
}, 180_000);

afterAll(async () => {
  await sim?.destroy();
});

/** The users of the fake OpenCTI by name → account status. */
function users(): Record<string, string> {
  const state = JSON.parse(readFileSync(join(modelDir, 'fake-opencti.json'), 'utf8')) as {
    users: { name: string; account_status: string }[];
  };
  return Object.fromEntries(state.users.map((u) => [u.name, u.account_status]));
}

describe('OpenCTI with its connectors in the simulator', () => {
  it('settles to active, hands every connector its token, and takes it back when a relation goes', async () => {
    modelDir = mkdtempSync(join(tmpdir(), 'opencti-e2e-model-'));
    sim = Simulator.open({ modelDir, concurrency: 2 });
    for (const name of Object.keys(STAND_INS)) sim.deploy(charms[name] ?? '', { app: name });
    const admin = sim.addSecret('opencti-admin', {
      email: 'admin@opencti.local',
      password: 'e2e-admin-password',
    });
    sim.deploy(charms.opencti ?? '', { app: 'opencti', config: { 'admin-user': admin } });
    sim.grantSecret('opencti-admin', ['opencti']);
    sim.addServiceStandIn(
      'opencti',
      'opencti',
      'platform',
      [process.execPath, fakeOpencti, '--state', join(modelDir, 'fake-opencti.json')],
      {
        ports: [8080],
      },
    );
    for (const [name, config] of Object.entries(CONNECTORS))
      sim.deploy(charms[name] ?? '', { app: name, config });
    for (const [name, endpoint] of Object.entries(STAND_INS)) sim.integrate(endpoint, name);
    const relations: Record<string, number> = {};
    for (const name of Object.keys(CONNECTORS))
      relations[name] = sim.integrate(`${name}:opencti-connector`, 'opencti:opencti-connector');
    await sim.settle();

    expect(sim.unitsInError()).toEqual([]);
    const workload = Object.fromEntries(
      Object.entries(sim.status().applications).map(([app, a]) => [app, a['application-status'].current]),
    );
    expect(
      Object.values(workload).every((s) => s === 'active'),
      JSON.stringify(workload),
    ).toBe(true);

    // Each connector runs with the platform's URL and the token of its own user.
    const state = JSON.parse(readFileSync(join(modelDir, 'fake-opencti.json'), 'utf8')) as {
      users: { name: string; api_token: string; account_status: string }[];
    };
    const tokens = state.users.map((u) => u.api_token);
    for (const name of Object.keys(CONNECTORS)) {
      const env = sim.plan(`${name}/0`, name, true).services?.connector?.environment ?? {};
      const user = state.users.find((u) => u.name === `charm-connector-${name}`);
      expect(user?.account_status).toBe('Active');
      expect(env.OPENCTI_TOKEN).toBe(user?.api_token);
      expect(env.OPENCTI_URL).toMatch(/^http:\/\/opencti\.local\/.+-opencti$/);
      expect(env.CONNECTOR_NAME).toBe(name);
    }
    expect(new Set(tokens).size).toBe(tokens.length);

    // Removing the CrowdStrike relation stops its connector and deactivates its user at once.
    sim.removeRelation(String(relations['opencti-crowdstrike-connector']));
    await sim.settle();
    expect(users()).toMatchObject({
      'charm-connector-opencti-crowdstrike-connector': 'Inactive',
      'charm-connector-opencti-mitre-connector': 'Active',
    });
    expect(sim.status().applications['opencti-crowdstrike-connector']?.['application-status']).toEqual({
      current: 'waiting',
      message: 'missing opencti-connector integration',
    });
    expect(
      sim.sim.pebble['opencti-crowdstrike-connector/0']?.['opencti-crowdstrike-connector']?.services.connector
        ?.current,
    ).toBe('inactive');

    // No token in anything the simulator shows; the model files that hold them are the owner's only.
    const shown = JSON.stringify([
      sim.status(),
      Object.keys(CONNECTORS).map((n) => [sim.showUnit(`${n}/0`), sim.plan(`${n}/0`, n)]),
      sim.debugLog(),
      sim.hookLog(),
    ]);
    for (const token of [...tokens, 'e2e-admin-password']) expect(shown).not.toContain(token);
    for (const file of ['state.json', 'sim.json'])
      expect(statSync(join(modelDir, file)).mode & 0o777).toBe(0o600);
  }, 240_000);
});
