// The greeter as a user checks it on a model, through @ops-ts/jubilant: in the simulator by default, on
// a real model with OPS_TS_JUJU_BACKEND=real (see this charm's README). Two applications of the charm are
// deployed and integrated, reconfigured, exec'd into, scaled, refreshed and un-related; only what juju's
// own output shows is checked.
import { allActive, allBlocked, anyError, getUnits, type Status, TaskError } from '@ops-ts/jubilant';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIntegrationModel } from '../../../test/support/integration-model.js';

const model = useIntegrationModel('greeter-it', ['greeter', 'fan']);
const { juju, delay } = model;
let charm = '';

beforeAll(async () => {
  charm = await model.pack('examples/greeter');
}, 300_000);

describe(`greeter on the ${juju.backend.name} backend`, { timeout: model.timeout }, () => {
  it('deploys two applications, integrates them and waits until both are active', async () => {
    await juju.deploy(charm, { app: 'greeter', config: { greeting: 'hi' } });
    await juju.deploy(charm, { app: 'fan' });
    await juju.integrate('greeter:greeting', 'fan:audience');
    const status = await juju.wait((s) => allActive(s, 'greeter', 'fan'), { error: anyError, delay });

    expect(status.apps.greeter).toMatchObject({ charmName: 'greeter', charmOrigin: 'local', exposed: false });
    expect(status.apps.greeter?.charm).toMatch(/^local:greeter-\d+$/);
    expect(status.apps.greeter?.relations.greeting).toContainEqual({
      relatedApp: 'fan',
      interface: 'greeting',
      scope: 'global',
    });
    expect(status.apps.greeter?.units['greeter/0']).toMatchObject({
      leader: true,
      workloadStatus: { current: 'active', message: 'greeting 1 audience member(s)' },
    });
    expect(status.apps.fan?.units['fan/0']?.workloadStatus.message).toBe('heard "hi"');
    expect(['caas', 'iaas']).toContain(status.model.type);

    // What the fan's unit sees of the relation: the greeter's app data and its unit's data.
    const fan = await juju.showUnit('fan/0');
    const audience = fan.relationInfo.find((r) => r.endpoint === 'audience');
    expect(audience).toMatchObject({ relatedEndpoint: 'greeting', appData: { greeting: 'hi' } });
    expect(audience?.relatedUnits['greeter/0']?.data.host).toBe('greeter-0.local:8080');
  });

  it('changes, reads and resets config, and the statuses follow', async () => {
    await juju.setConfig('greeter', { greeting: '' });
    await juju.wait((s) => allBlocked(s, 'greeter'), { delay });
    expect((await juju.config('greeter')).greeting).toBe('');
    await juju.resetConfig('greeter', 'greeting');
    const status = await juju.wait((s) => allActive(s, 'greeter', 'fan'), { delay });
    expect(await juju.config('greeter')).toMatchObject({ greeting: 'hello', port: 8080 });
    expect(status.apps.fan?.units['fan/0']?.workloadStatus.message).toBe('heard "hello"');
  });

  it('execs a command on a unit, in its hook context', async () => {
    const task = await juju.exec('echo', ['hello from', '$JUJU_UNIT_NAME'], { unit: 'greeter/0' });
    expect(task.stdout).toBe('hello from greeter/0\n');
    const failed = await juju.exec('exit 3', { unit: 'greeter/0' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TaskError);
    expect((failed as TaskError).task.returnCode).toBe(3);
  });

  it('scales up and down, and the leader stays', async () => {
    await juju.addUnit('greeter');
    const units = (s: Status) => Object.keys(getUnits(s, 'greeter')).length;
    let status = await juju.wait((s) => units(s) === 2 && allActive(s, 'greeter'), { delay });
    const added = Object.keys(getUnits(status, 'greeter')).find((u) => u !== 'greeter/0') ?? '';
    expect(status.apps.greeter?.units['greeter/0']?.workloadStatus.message).toBe(
      'greeting 1 audience member(s)',
    );
    // Kubernetes models remove a number of units of an app; machine models name the units.
    if (status.model.type === 'caas') await juju.removeUnit('greeter', { numUnits: 1 });
    else await juju.removeUnit(added);
    status = await juju.wait((s) => units(s) === 1 && allActive(s, 'greeter'), { delay });
    expect(getUnits(status, 'greeter')['greeter/0']?.leader).toBe(true);
  });

  it('refreshes to a new local revision and keeps the relation', async () => {
    const before = (await juju.status()).apps.greeter?.charmRev ?? -1;
    await juju.refresh('greeter', { path: charm });
    const status = await juju.wait(
      (s) => (s.apps.greeter?.charmRev ?? -1) > before && allActive(s, 'greeter'),
      { delay },
    );
    expect(status.apps.greeter?.relations.greeting).toContainEqual({
      relatedApp: 'fan',
      interface: 'greeting',
      scope: 'global',
    });
  });

  it('shows its hooks in the debug log', async () => {
    expect(await juju.debugLog({ limit: 200 })).toMatch(/greeter/);
  });

  it('loses its audience when the relation is removed', async () => {
    await juju.removeRelation('greeter', 'fan');
    const status = await juju.wait(
      (s) =>
        !(s.apps.greeter?.relations.greeting ?? []).some((r) => r.relatedApp === 'fan') &&
        s.apps.fan?.units['fan/0']?.workloadStatus.current === 'waiting',
      { delay },
    );
    expect(status.apps.fan?.units['fan/0']?.workloadStatus.message).toBe('no audience yet');
    await juju.removeApplication(['fan'], { force: model.real });
    const after = await juju.wait((s) => !('fan' in s.apps), { delay });
    expect([after.apps.fan, after.apps.greeter?.charmName]).toEqual([undefined, 'greeter']);
  });
});
