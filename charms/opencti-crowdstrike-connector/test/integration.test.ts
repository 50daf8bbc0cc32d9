// The CrowdStrike connector as an operator checks it on a model, through @ops-ts/jubilant: in the
// simulator by default (the platform beside it on stand-ins and the fake OpenCTI), on a real model with
// OPS_TS_JUJU_BACKEND=real (see this charm's README). Deployed alone it waits for its configuration, then
// for the platform; integrated it runs with its own OpenCTI token; un-related it stops and its user is
// deactivated. No credential or token shows in status, relation data or the debug log.
import { allActive, anyError } from '@ops-ts/jubilant';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIntegrationModel } from '../../../test/support/integration-model.js';
import {
  deployOpenctiPlatform,
  imageResources,
  type OpenctiPlatform,
} from '../../../test/support/opencti-model.js';

const APP = 'opencti-crowdstrike-connector';
const CLIENT_SECRET = 'it-crowdstrike-client-secret';
const model = useIntegrationModel('crowdstrike-it', [APP, 'opencti']);
const { juju, delay } = model;
let charm = '';
let platform: OpenctiPlatform;

beforeAll(async () => {
  charm = await model.pack(`charms/${APP}`);
}, 300_000);

const unitStatus = async () => (await juju.status()).apps[APP]?.units[`${APP}/0`]?.workloadStatus;

/** The fake OpenCTI's users by name → account status and token (simulator only). */
function fakeUsers(): Record<string, { status: string; token: string }> {
  return Object.fromEntries(
    platform.users().map((u) => [u.name, { status: u.account_status, token: u.api_token }]),
  );
}

describe(`${APP} on the ${juju.backend.name} backend`, { timeout: model.timeout }, () => {
  it('deployed alone, waits for its required configuration, naming it', async () => {
    await juju.deploy(charm, { app: APP, resources: imageResources(model, `${APP}-image`) });
    await juju.wait((s) => s.apps[APP]?.units[`${APP}/0`]?.workloadStatus.current === 'waiting', { delay });
    expect(await unitStatus()).toMatchObject({
      current: 'waiting',
      message: 'missing configurations: crowdstrike-client-id, crowdstrike-client-secret',
    });
  });

  it('configured, waits for the platform', async () => {
    await juju.setConfig(APP, {
      'crowdstrike-client-id': 'it-client',
      'crowdstrike-client-secret': CLIENT_SECRET,
    });
    await juju.wait(
      (s) =>
        s.apps[APP]?.units[`${APP}/0`]?.workloadStatus.message === 'missing opencti-connector integration',
      { delay },
    );
    expect((await unitStatus())?.current).toBe('waiting');
  });

  it('integrated with the platform, runs with its own token', async () => {
    platform = await deployOpenctiPlatform(model);
    await juju.integrate(`${APP}:opencti-connector`, 'opencti:opencti-connector');
    await juju.wait((s) => allActive(s, APP, 'opencti'), { error: anyError, delay });

    // What each side published: the connector's identity, and the platform's URL and a secret id (never a token).
    const unit = await juju.showUnit(`${APP}/0`);
    const relation = unit.relationInfo.find((r) => r.endpoint === 'opencti-connector');
    expect(relation?.appData).toMatchObject({ opencti_url: expect.stringMatching(/^https?:\/\//) });
    expect(String(relation?.appData.opencti_token)).toMatch(/^secret:/);
    if (!model.real) {
      const user = fakeUsers()[`charm-connector-${APP}`];
      expect(user?.status).toBe('Active');
      const shown = JSON.stringify([unit, await juju.status(), await juju.debugLog({ limit: 2000 })]);
      for (const secret of [user?.token ?? '', CLIENT_SECRET]) expect(shown).not.toContain(secret);
    }
  });

  it('un-related, stops and waits again; its OpenCTI user is deactivated at once', async () => {
    await juju.removeRelation(`${APP}:opencti-connector`, 'opencti:opencti-connector');
    await juju.wait((s) => s.apps[APP]?.units[`${APP}/0`]?.workloadStatus.current === 'waiting', { delay });
    expect(await unitStatus()).toMatchObject({
      current: 'waiting',
      message: 'missing opencti-connector integration',
    });
    if (!model.real) expect(fakeUsers()[`charm-connector-${APP}`]?.status).toBe('Inactive');
  });
});
