// Model set-ups the reliability suites share (sim-faults, secret-hygiene): the example charms and the
// CrowdStrike connector with the OpenCTI platform, each as a function that queues the deploys on a
// simulator, and a projection of a model that two runs of the same set-up agree on.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, packCharm } from '@ops-ts/cli';
import type { Simulator } from '@ops-ts/sim';
// @ts-expect-error: a plain-JavaScript build script without types
import { buildFakeOpencti } from '../../stand-ins/fake-opencti/build.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** Packed charms by project folder name, and the fake OpenCTI server's bundle. */
export interface Packed {
  charms: Record<string, string>;
  fakeOpencti: string;
}

/** A set-up: the charms it needs and how it queues them on a model. */
export interface Scenario {
  /** Name in test titles and summaries. */
  name: string;
  /** Project folders (under the repo root) to pack. */
  projects: string[];
  /** Queues the deploys and integrations (no settle). */
  setup: (sim: Simulator, packed: Packed, modelDir: string) => void;
  /** Known secret values of the set-up (operator-given), for the hygiene checks. */
  secrets: string[];
}

/** Packs the projects of these scenarios once; builds the fake OpenCTI when one needs it. */
export async function packScenarios(scenarios: readonly Scenario[]): Promise<Packed> {
  const out = mkdtempSync(join(tmpdir(), 'ops-ts-scenarios-pack-'));
  const charms: Record<string, string> = {};
  for (const dir of new Set(scenarios.flatMap((s) => s.projects))) {
    charms[dir.split('/').at(-1) ?? dir] = await packCharm(loadProject(join(root, dir)), out);
  }
  const fakeOpencti = join(out, 'fake-opencti.mjs');
  if (scenarios.some((s) => s.projects.includes('charms/opencti'))) await buildFakeOpencti(fakeOpencti);
  return { charms, fakeOpencti };
}

const charm = (packed: Packed, name: string) => {
  const file = packed.charms[name];
  if (!file) throw new Error(`charm ${name} was not packed`);
  return file;
};

/** greeter (two units) greeting a fan. */
export const GREETER: Scenario = {
  name: 'greeter',
  projects: ['examples/greeter'],
  secrets: [],
  setup: (sim, packed) => {
    sim.deploy(charm(packed, 'greeter'), { numUnits: 2, config: { greeting: 'hi' } });
    sim.deploy(charm(packed, 'greeter'), { app: 'fan' });
    sim.integrate('greeter:greeting', 'fan:audience');
  },
};

/** secret-keeper as keeper and client, related. */
export const SECRET_KEEPER: Scenario = {
  name: 'secret-keeper',
  projects: ['examples/secret-keeper'],
  secrets: [],
  setup: (sim, packed, modelDir) => {
    for (const app of ['keeper', 'client'])
      sim.deploy(charm(packed, 'secret-keeper'), {
        app,
        config: { 'data-dir': join(modelDir, `${app}-data`) },
      });
    sim.integrate('keeper:credentials', 'client:vault');
  },
};

/** webserver (Kubernetes), its exec answered by a stub. */
export const WEBSERVER: Scenario = {
  name: 'webserver',
  projects: ['examples/webserver'],
  secrets: [],
  setup: (sim, packed) => {
    sim.deploy(charm(packed, 'webserver'));
    sim.addExecStub('webserver', {
      container: 'webserver',
      command: ['python3', '--version'],
      exitCode: 0,
      stdout: 'Python 3.12.3\n',
      stderr: '',
    });
  },
};

/** The stand-in provider charms of the OpenCTI platform (`stand-ins/`) and the platform endpoint each serves. */
export const OPENCTI_STAND_INS: Readonly<Record<string, string>> = {
  'opensearch-stand-in': 'opencti:opensearch-client',
  'redis-stand-in': 'opencti:redis',
  'rabbitmq-stand-in': 'opencti:amqp',
  's3-stand-in': 'opencti:s3',
  'ingress-stand-in': 'opencti:ingress',
};

/** The operator-given secrets of the OpenCTI set-up. */
export const OPENCTI_SECRETS = {
  adminPassword: 'e2e-admin-password-h12',
  crowdstrikeSecret: 'e2e-crowdstrike-secret-h12',
};

/** The OpenCTI platform (fake OpenCTI as its `platform` service) with its providers and the CrowdStrike connector. */
export const OPENCTI_CROWDSTRIKE: Scenario = {
  name: 'opencti + crowdstrike connector',
  projects: [
    'charms/opencti',
    'charms/opencti-crowdstrike-connector',
    ...Object.keys(OPENCTI_STAND_INS).map((s) => `stand-ins/${s}`),
  ],
  secrets: Object.values(OPENCTI_SECRETS),
  setup: (sim, packed, modelDir) => {
    for (const name of Object.keys(OPENCTI_STAND_INS)) sim.deploy(charm(packed, name), { app: name });
    const admin = sim.addSecret('opencti-admin', {
      email: 'admin@opencti.local',
      password: OPENCTI_SECRETS.adminPassword,
    });
    sim.deploy(charm(packed, 'opencti'), { app: 'opencti', config: { 'admin-user': admin } });
    sim.grantSecret('opencti-admin', ['opencti']);
    sim.addServiceStandIn(
      'opencti',
      'opencti',
      'platform',
      [process.execPath, packed.fakeOpencti, '--state', join(modelDir, 'fake-opencti.json')],
      { ports: [8080] },
    );
    sim.deploy(charm(packed, 'opencti-crowdstrike-connector'), {
      app: 'crowdstrike',
      config: {
        'crowdstrike-client-id': 'e2e-client',
        'crowdstrike-client-secret': OPENCTI_SECRETS.crowdstrikeSecret,
      },
    });
    for (const [name, endpoint] of Object.entries(OPENCTI_STAND_INS)) sim.integrate(endpoint, name);
    sim.integrate('crowdstrike:opencti-connector', 'opencti:opencti-connector');
  },
};

/**
 * What two runs of one set-up agree on: statuses, relation data, stored state, secrets (their shape:
 * content is random where a charm generates it), opened ports, Pebble plans (redacted) and service
 * states, units in error, pending hooks. Secret ids are random: each is replaced by its label or owner.
 */
export function modelProjection(sim: Simulator): string {
  const { state } = sim;
  const doc = {
    apps: Object.fromEntries(
      Object.entries(sim.status().applications).map(([name, app]) => [
        name,
        {
          status: app['application-status'],
          units: Object.fromEntries(
            Object.entries(app.units).map(([u, s]) => [u, s['workload-status']] as const),
          ),
        },
      ]),
    ),
    relations: Object.values(state.relations).map((r) => ({
      id: r.id,
      endpoints: r.endpoints.map((e) => `${e.app}:${e.name}`),
      appData: r.appData,
      unitData: r.unitData,
    })),
    units: Object.values(state.units).map((u) => ({
      name: u.name,
      ports: u.openedPorts,
      charmState: Object.keys(u.charmState).sort(),
    })),
    secrets: Object.values(state.secrets)
      .map((s) => ({
        owner: `${s.owner.kind}:${s.owner.name}`,
        label: s.label,
        revision: s.latestRevision,
        keys: Object.keys(s.revisions.at(-1)?.content ?? {}).sort(),
        grants: s.grants.map((g) => `${g.target}:${g.role}`).sort(),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    pebble: Object.fromEntries(
      Object.entries(sim.sim.pebble).map(([unit, containers]) => [
        unit,
        Object.fromEntries(
          Object.entries(containers).map(([c, snap]) => [
            c,
            {
              plan: sim.plan(unit, c),
              services: Object.fromEntries(Object.entries(snap.services).map(([n, s]) => [n, s.current])),
            },
          ]),
        ),
      ]),
    ),
    errors: sim.unitsInError(),
    pending: sim.pendingHooks(),
  };
  let text = JSON.stringify(doc);
  for (const secret of Object.values(state.secrets)) {
    const name = secret.label ?? `${secret.owner.name}#${secret.revisions.length}`;
    text = text.replaceAll(secret.id, `<secret ${name}>`);
  }
  // Random by design: the model's name and uuid, ids charms generate, loopback ports of stand-ins.
  return text
    .replaceAll(state.model.uuid, '<model-uuid>')
    .replaceAll(state.model.name, '<model>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>');
}

/** What a hook that failed must not have changed (Juju commits a hook's buffered changes only on exit 0). */
export function committedState(sim: Simulator): string {
  const { state } = sim;
  return JSON.stringify({
    relations: Object.values(state.relations).map((r) => [r.id, r.appData, r.unitData]),
    units: Object.values(state.units).map((u) => [u.name, u.openedPorts, u.charmState]),
    secrets: Object.values(state.secrets).map((s) => [s.id, s.label, s.revisions, s.grants, s.consumers]),
    leaderSettings: Object.values(state.applications).map((a) => [a.name, a.leaderSettings]),
  });
}
