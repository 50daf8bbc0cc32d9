// The OpenCTI platform for integration tests, on either backend. In the simulator: the platform charm
// with this repository's stand-in providers (opensearch, redis, rabbitmq, s3, ingress) and its `platform`
// service run by the fake OpenCTI server. On a real model: the platform charm with its OCI image
// integrated with the providers already deployed there as charms/opencti/README.md shows
// (OPENCTI_IT_PROVIDERS, comma-separated applications or offers; default the README's names), and every
// charm's image from OPENCTI_IT_IMAGES (comma-separated `resource=image` pairs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { anyError } from '@ops-ts/jubilant';
// @ts-expect-error: a plain-JavaScript build script without types
import { buildFakeOpencti } from '../../stand-ins/fake-opencti/build.mjs';
import type { IntegrationModel } from './integration-model.js';
import { OPENCTI_STAND_INS } from './sim-scenarios.js';

/** The real providers the platform README deploys. */
const REAL_PROVIDERS = 'opensearch,rabbitmq-k8s,redis-k8s,s3-integrator,traefik-k8s';

/** The initial administrator's password (a user secret; never shown by the charm). */
export const ADMIN_PASSWORD = 'it-admin-password';

/** A user of the fake OpenCTI, as its state file keeps it. */
export interface FakeOpenctiUser {
  name: string;
  account_status: string;
  api_token: string;
}

/** The deployed platform. */
export interface OpenctiPlatform {
  /** Applications the platform needs besides itself. */
  readonly providers: readonly string[];
  /** The users the fake OpenCTI holds (the simulator only: a real model's OpenCTI is not read). */
  users(): FakeOpenctiUser[];
}

/**
 * The `--resource` of a charm's OCI image on a real model, from OPENCTI_IT_IMAGES; none in the simulator
 * (it runs no images). A missing one fails naming the resource.
 */
export function imageResources(model: IntegrationModel, resource: string): Record<string, string> {
  if (!model.real) return {};
  const pairs = (process.env.OPENCTI_IT_IMAGES ?? '').split(',').map((p) => p.trim().split('='));
  const image = pairs.find(([name]) => name === resource)?.[1];
  if (!image)
    throw new Error(`OPENCTI_IT_IMAGES has no ${resource}=<image>: set it to the rock or image to deploy`);
  return { [resource]: image };
}

/** Deploys `opencti` with what it needs and waits until it is active. */
export async function deployOpenctiPlatform(model: IntegrationModel): Promise<OpenctiPlatform> {
  const { juju, delay } = model;
  const charm = await model.pack('charms/opencti');
  // A real model may keep an earlier run's secret: a name of its own for each run.
  const adminName = `opencti-admin-${process.pid}`;
  const admin = await juju.addSecret(adminName, {
    email: 'admin@opencti.local',
    password: ADMIN_PASSWORD,
  });
  let fakeState: string | undefined;
  let providers: string[];
  if (model.real) {
    providers = (process.env.OPENCTI_IT_PROVIDERS || REAL_PROVIDERS).split(',').filter(Boolean);
    const resources = imageResources(model, 'opencti-image');
    await juju.deploy(charm, { app: 'opencti', config: { 'admin-user': admin }, resources });
    await juju.grantSecret(adminName, 'opencti');
    for (const provider of providers) await juju.integrate('opencti', provider);
  } else {
    providers = Object.keys(OPENCTI_STAND_INS);
    for (const name of providers) await juju.deploy(await model.pack(`stand-ins/${name}`), { app: name });
    const fake = join(model.scratch, 'fake-opencti.mjs');
    await buildFakeOpencti(fake);
    fakeState = join(model.scratch, 'fake-opencti.json');
    // Queue the platform's hooks, give its `platform` service the fake server, then let them run.
    await model.sim('deploy', charm, 'opencti', '--no-wait', '-q', '--config', `admin-user=${admin}`);
    await model.sim(
      'service-stand-in',
      'opencti',
      'opencti',
      'platform',
      '--port',
      '8080',
      '--',
      process.execPath,
      fake,
      '--state',
      fakeState,
    );
    await juju.grantSecret(adminName, 'opencti');
    for (const [name, endpoint] of Object.entries(OPENCTI_STAND_INS)) await juju.integrate(endpoint, name);
  }
  await juju.wait((s) => s.apps.opencti?.appStatus.current === 'active', { error: anyError, delay });
  const users = (): FakeOpenctiUser[] => {
    if (!fakeState) throw new Error('the users of a real OpenCTI are not read by these tests');
    return (JSON.parse(readFileSync(fakeState, 'utf8')) as { users: FakeOpenctiUser[] }).users;
  };
  return { providers, users };
}
