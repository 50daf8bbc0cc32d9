// The secret-keeper as a user checks it on a model, through @ops-ts/jubilant: in the simulator by default,
// on a real model with OPS_TS_JUJU_BACKEND=real (see this charm's README). A keeper and a client are
// integrated, the password is rotated by an action on the leader, out-of-schema params are refused, and a
// user secret is added, granted, revealed and updated; no secret value may show in status or the log.
import { allActive, anyError } from '@ops-ts/jubilant';
import { beforeAll, describe, expect, it } from 'vitest';
import { useIntegrationModel } from '../../../test/support/integration-model.js';

const model = useIntegrationModel('keeper-it', ['keeper', 'client']);
const { juju, delay } = model;
let charm = '';

beforeAll(async () => {
  charm = await model.pack('examples/secret-keeper');
}, 300_000);

describe(`secret-keeper on the ${juju.backend.name} backend`, { timeout: model.timeout }, () => {
  it('shares its credentials with a related client', async () => {
    await juju.deploy(charm, { app: 'keeper' });
    await juju.deploy(charm, { app: 'client' });
    await juju.integrate('keeper:credentials', 'client:vault');
    const status = await juju.wait((s) => allActive(s, 'keeper', 'client'), { error: anyError, delay });
    expect(status.apps.keeper?.relations.credentials).toContainEqual({
      relatedApp: 'client',
      interface: 'keeper-credentials',
      scope: 'global',
    });
  });

  it('rotates the password on the leader and reports the new revision', async () => {
    const task = await juju.run('keeper/leader', 'rotate-password', { length: 20, charset: 'hex' });
    expect(task.success).toBe(true);
    expect(task.results).toMatchObject({ password: { length: '20', charset: 'hex' }, rotations: '1' });
    expect(task.log.join('\n')).toContain('new revision of');
  });

  it('refuses params outside the action schema, naming the param', async () => {
    // juju schedules no task (it says why on stderr, and exits 0): the client raises.
    await expect(juju.run('keeper/leader', 'rotate-password', { length: 8 })).rejects.toThrow(/length/);
    await expect(juju.run('keeper/leader', 'rotate-password', { charset: 'emoji' })).rejects.toThrow(
      /charset/,
    );
  });

  it('adds, grants, lists, reveals and updates a user secret', async () => {
    // A real model may keep an earlier run's secret: a name of this run's own.
    const name = `it-secret-${process.pid}`;
    const uri = await juju.addSecret(name, { password: 'p4ss-w0rd' }, { info: 'for the test' });
    expect(uri).toMatch(/^secret:/);
    await juju.grantSecret(name, 'keeper');
    const listed = (await juju.secrets()).find((s) => s.name === name);
    expect(listed).toMatchObject({ uri, owner: '<model>', revision: 1, description: 'for the test' });
    expect((await juju.showSecret(name, { reveal: true })).content).toEqual({ password: 'p4ss-w0rd' });
    await juju.updateSecret(name, { password: 'n3w-p4ss' });
    const shown = await juju.showSecret(uri, { reveal: true });
    expect([shown.revision, shown.content.password]).toEqual([2, 'n3w-p4ss']);
    expect(await juju.debugLog({ limit: 500 })).not.toMatch(/p4ss-w0rd|n3w-p4ss/);
  });
});
