// One integration test, two backends: by default against the simulator's juju verbs (`ops-ts juju`,
// in a fresh simulated model), with `OPS_TS_JUJU_BACKEND=real` against the real `juju` on PATH and its
// current model (for example `juju add-model test` on microk8s). It deploys the packed example charms,
// integrates them, waits for statuses, changes config, runs an action on the leader, execs a command,
// manages a user secret, scales, refreshes and removes, checking only what a user sees in juju's output.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject, packCharm } from '@ops-ts/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allActive,
  allBlocked,
  anyError,
  backendFromEnv,
  CLIError,
  getUnits,
  Juju,
  type JujuOptions,
  type Status,
  TaskError,
} from '../src/index.js';

const root = new URL('../../..', import.meta.url).pathname;
const backend = backendFromEnv();
const real = backend.name === 'real';
// The simulator's models live under a temporary home (OPS_TS_SIM_HOME, else .sim in the working
// directory); a real model is whatever the juju CLI is pointed at.
const home = mkdtempSync(join(tmpdir(), 'ops-ts-jubilant-it-'));
const { OPS_TS_SIM_DIR: _pinned, ...inherited } = process.env;
const options: JujuOptions = real
  ? { backend, waitTimeout: 900 }
  : { backend, env: { ...inherited, OPS_TS_SIM_HOME: home }, cwd: home, waitTimeout: 120 };
const delay = real ? 2 : 0.2;

/** Why the suite cannot run here, or undefined: the simulator's `juju` verbs may not be there yet. */
async function unavailable(): Promise<string | undefined> {
  if (real) return undefined; // Asked for a real juju: fail loudly rather than skip.
  try {
    await new Juju(options).cli('version');
    return undefined;
  } catch (e) {
    const first = (e instanceof CLIError ? e.stderr || e.stdout : String(e)).split('\n').find(Boolean) ?? '';
    return `\`ops-ts juju version\` is not available (${first.trim()})`;
  }
}
const skipReason = await unavailable();
if (skipReason) {
  console.warn(`skipping the jubilant integration test: ${skipReason}`);
  rmSync(home, { recursive: true, force: true });
}

const title = `integration on the ${backend.name} backend${skipReason ? ` (skipped: ${skipReason})` : ''}`;

describe.skipIf(skipReason !== undefined)(title, { timeout: real ? 1_200_000 : 180_000 }, () => {
  const juju = new Juju(options);
  let charms = '';
  let greeter = '';
  let keeper = '';

  beforeAll(async () => {
    // A real model's units have no node: the charm carries this one (OPS_TS_CHARM_NODE to choose).
    const pack = { ...(real && { node: process.env.OPS_TS_CHARM_NODE || process.execPath }) };
    charms = mkdtempSync(join(tmpdir(), 'ops-ts-jubilant-charms-'));
    greeter = await packCharm(loadProject(join(root, 'examples/greeter')), charms, pack);
    keeper = await packCharm(loadProject(join(root, 'examples/secret-keeper')), charms, pack);
    if (!real) await juju.addModel('jubilant-it');
  }, 300_000);

  afterAll(async () => {
    if (!real && juju.model) await juju.destroyModel(juju.model).catch(() => {});
    if (real)
      await juju.removeApplication(['greeter', 'fan', 'keeper', 'client'], { force: true }).catch(() => {});
    if (charms) rmSync(charms, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }, 300_000);

  it('deploys two charms, integrates them and waits until both are active', async () => {
    await juju.deploy(greeter, { app: 'greeter', config: { greeting: 'hi' } });
    await juju.deploy(greeter, { app: 'fan' });
    await juju.integrate('greeter:greeting', 'fan:audience');
    const status = await juju.wait((s) => allActive(s, 'greeter', 'fan'), { error: anyError, delay });

    const app = status.apps.greeter;
    expect(app).toMatchObject({
      charmName: 'greeter',
      charmOrigin: 'local',
      exposed: false,
    });
    expect(app?.charm).toMatch(/^local:greeter-\d+$/);
    expect(app?.relations.greeting).toContainEqual({
      relatedApp: 'fan',
      interface: 'greeting',
      scope: 'global',
    });
    expect(status.apps.fan?.relations.audience).toContainEqual({
      relatedApp: 'greeter',
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

  it('changes, reads and resets config, and the workload status follows', async () => {
    await juju.setConfig('greeter', { greeting: '' });
    await juju.wait((s) => allBlocked(s, 'greeter'), { delay });
    expect((await juju.config('greeter')).greeting).toBe('');
    await juju.resetConfig('greeter', 'greeting');
    const status = await juju.wait((s) => allActive(s, 'greeter', 'fan'), { delay });
    expect(await juju.config('greeter')).toMatchObject({ greeting: 'hello', port: 8080 });
    expect(status.apps.fan?.units['fan/0']?.workloadStatus.message).toBe('heard "hello"');
  });

  it('runs an action on the leader and reads its nested results', async () => {
    await juju.deploy(keeper, { app: 'keeper' });
    await juju.deploy(keeper, { app: 'client' });
    await juju.integrate('keeper:credentials', 'client:vault');
    await juju.wait((s) => allActive(s, 'keeper', 'client'), { error: anyError, delay });

    const task = await juju.run('keeper/leader', 'rotate-password', { length: 20, charset: 'hex' });
    expect(task.success).toBe(true);
    expect(task.results).toMatchObject({ password: { length: '20', charset: 'hex' }, rotations: '1' });
    expect(task.log.join('\n')).toContain('new revision of');

    // A param outside the schema: juju schedules no task (it says why on stderr, and exits 0).
    await expect(juju.run('keeper/leader', 'rotate-password', { length: 8 })).rejects.toThrow(/length/);
  });

  it('execs a command on a unit', async () => {
    const task = await juju.exec('echo', ['hello from', '$JUJU_UNIT_NAME'], { unit: 'greeter/0' });
    expect(task.stdout).toBe('hello from greeter/0\n');
    const failed = await juju.exec('exit 3', { unit: 'greeter/0' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(TaskError);
    expect((failed as TaskError).task.returnCode).toBe(3);
  });

  it('adds, grants, lists, reveals and updates a user secret', async () => {
    const uri = await juju.addSecret(
      'it-secret',
      { password: 'p4ss-w0rd' },
      { info: 'for the integration test' },
    );
    expect(uri).toMatch(/^secret:/);
    await juju.grantSecret('it-secret', 'greeter');
    const listed = (await juju.secrets()).find((s) => s.name === 'it-secret');
    expect(listed).toMatchObject({
      uri,
      owner: '<model>',
      revision: 1,
      description: 'for the integration test',
    });
    expect((await juju.showSecret('it-secret', { reveal: true })).content).toEqual({ password: 'p4ss-w0rd' });
    await juju.updateSecret('it-secret', { password: 'n3w-p4ss' });
    const shown = await juju.showSecret(uri, { reveal: true });
    expect([shown.revision, shown.content.password]).toEqual([2, 'n3w-p4ss']);
  });

  it('scales an application up and down', async () => {
    await juju.addUnit('greeter');
    const units = (s: Status) => Object.keys(getUnits(s, 'greeter')).length;
    let status = await juju.wait((s) => units(s) === 2 && allActive(s, 'greeter'), { delay });
    const added = Object.keys(getUnits(status, 'greeter')).find((u) => u !== 'greeter/0') ?? '';
    // Kubernetes models remove a number of units of an app; machine models name the units.
    if (status.model.type === 'caas') await juju.removeUnit('greeter', { numUnits: 1 });
    else await juju.removeUnit(added);
    status = await juju.wait((s) => units(s) === 1, { delay });
    expect(getUnits(status, 'greeter')['greeter/0']?.leader).toBe(true);
  });

  it('refreshes to a new local revision and keeps the relation', async () => {
    const before = (await juju.status()).apps.greeter?.charmRev ?? -1;
    await juju.refresh('greeter', { path: greeter });
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

  it('shows the hooks in the debug log', async () => {
    expect(await juju.debugLog({ limit: 200 })).toMatch(/greeter/);
  });

  it('removes the relation and the applications', async () => {
    await juju.removeRelation('greeter', 'fan');
    await juju.wait((s) => !(s.apps.greeter?.relations.greeting ?? []).some((r) => r.relatedApp === 'fan'), {
      delay,
    });
    await juju.removeApplication(['fan', 'client'], { force: real });
    const status = await juju.wait((s) => !('fan' in s.apps) && !('client' in s.apps), { delay });
    expect(Object.keys(status.apps).sort()).toEqual(['greeter', 'keeper']);
  });
});
