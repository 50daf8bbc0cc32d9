// End to end: the packed CrowdStrike connector run through its real `dispatch` (the simulator's
// HookRunner: hook tools on PATH answering from @ops-ts/juju) with a Pebble-compatible server on the
// workload container's socket. The model is the testing kit's own translation of a kit State, so this
// checks the packed charm where the kit tests check the class.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip, readZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { addSecretRevision, type ModelState } from '@ops-ts/juju';
import { PebbleServer } from '@ops-ts/pebble/server';
import { HookRunner } from '@ops-ts/sim';
import { Context } from '@ops-ts/testing';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OpenctiCrowdstrikeConnectorCharm } from '../charms/opencti-crowdstrike-connector/src/connector.js';
import {
  CHARM,
  TOKEN,
  tokenSecret,
  URL_,
  world,
} from '../charms/opencti-crowdstrike-connector/test/fixtures.js';

const project = new URL('../charms/opencti-crowdstrike-connector/', import.meta.url).pathname;
const ctx = new Context(OpenctiCrowdstrikeConnectorCharm, { charmcraft: project });
let charmFile: string;

beforeAll(async () => {
  charmFile = await packCharm(loadProject(project), mkdtempSync(join(tmpdir(), 'opencti-cs-pack-')));
}, 120_000);

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** The kit's world as a @ops-ts/juju model, the unpacked charm, a Pebble server and a hook runner. */
async function setup() {
  const input = world({ containers: [] });
  const { model } = ctx.toModel(ctx.on.configChanged(), input);
  const dir = mkdtempSync(join(tmpdir(), 'opencti-cs-'));
  const charmDir = join(dir, 'charm');
  extractZip(readFileSync(charmFile), charmDir);
  const pebbleDir = join(dir, 'pebble');
  mkdirSync(join(dir, 'rootfs'));
  const server = await PebbleServer.start({
    socketPath: join(pebbleDir, CHARM, 'pebble.socket'),
    filesRoot: join(dir, 'rootfs'),
  });
  closers.push(() => server.close());
  const runner = new HookRunner({
    state: () => model,
    charmDir: () => charmDir,
    toolsDir: join(dir, 'tools'),
    extraEnv: () => ({ OPS_TS_PEBBLE_DIR: pebbleDir }),
  });
  closers.push(() => runner.close());
  const relationId = input.relations[0]?.id ?? -1;
  const unit = `${CHARM}/0`;
  const run = async (hook: string, extra: Partial<Parameters<HookRunner['run']>[0]> = {}) => {
    const result = await runner.run({ unit, hookName: hook, ...extra });
    expect({ exit: result.exitCode, stderr: result.stderr }).toEqual({ exit: 0, stderr: '' });
    return result;
  };
  const env = () => server.getPlan().services?.connector?.environment ?? {};
  const status = () => model.units[unit]?.status;
  return { model, server, run, env, status, relationId };
}

function appBag(model: ModelState, relationId: number, app: string) {
  return model.relations[String(relationId)]?.appData[app] ?? {};
}

describe('the packed CrowdStrike connector through dispatch', () => {
  it('packs as charmcraft lays it out, one bundle under 300 KB without the ajv compiler', () => {
    const entries = readZip(readFileSync(charmFile));
    const files = entries.filter((e) => !e.path.endsWith('/'));
    expect(files.map((e) => e.path).sort()).toEqual([
      'config.yaml',
      'dispatch',
      'lib/charm.cjs',
      'lib/charm.cjs.map',
      'lib/start.cjs',
      'manifest.yaml',
      'metadata.yaml',
    ]);
    expect(files.find((e) => e.path === 'dispatch')?.mode).toBe(0o755);
    const bundle = files.find((e) => e.path === 'lib/charm.cjs');
    expect(bundle?.data.length).toBeLessThan(300 * 1024);
    expect(bundle?.data.toString('utf8')).not.toMatch(/class Ajv|ajv\/dist\/compile/);
  });

  it('config-changed → relation-changed → secret-changed → pebble-ready → relation-broken', async () => {
    const { model, server, run, env, status, relationId } = await setup();

    await run('config-changed');
    expect(status()).toMatchObject({ status: 'active', message: '' });
    const bag = appBag(model, relationId, CHARM);
    expect(bag).toMatchObject({ connector_charm_name: CHARM, connector_type: 'EXTERNAL_IMPORT' });
    expect(env()).toMatchObject({
      OPENCTI_URL: URL_,
      OPENCTI_TOKEN: TOKEN,
      CONNECTOR_ID: bag.connector_id,
      CONNECTOR_NAME: CHARM,
      CONNECTOR_TYPE: 'EXTERNAL_IMPORT',
      CONNECTOR_SCOPE: 'crowdstrike',
      CONNECTOR_LOG_LEVEL: 'info',
    });
    expect(server.serviceStatuses()).toEqual({ connector: 'active' });

    // Nothing changed: no relation-set, no new layer, no replan.
    const changes = server.changes().length;
    const steady = await run(`opencti-connector-relation-changed`, { relationId, remoteApp: 'opencti' });
    expect(steady.toolCalls.map((c) => c.tool)).not.toContain('relation-set');
    expect(steady.toolCalls.length).toBeLessThanOrEqual(9);
    expect(server.changes().length).toBe(changes);
    expect(appBag(model, relationId, CHARM).connector_id).toBe(bag.connector_id);

    // The platform rotates the token: a new revision, secret-changed, the service restarted with it.
    const xid = tokenSecret().id.replace('secret:', '');
    const revision = addSecretRevision(model, xid, { token: 'rotated-token' });
    await run('secret-changed', { secretId: tokenSecret().id, secretRevision: revision });
    expect(env().OPENCTI_TOKEN).toBe('rotated-token');
    expect(server.changes().at(-1)?.kind).toBe('replan');

    await run(`${CHARM}-pebble-ready`, { workloadName: CHARM });
    expect(server.serviceStatuses()).toEqual({ connector: 'active' });

    const rel = model.relations[String(relationId)];
    if (rel) rel.life = 'dying';
    await run('opencti-connector-relation-broken', { relationId, remoteApp: 'opencti' });
    expect(status()).toMatchObject({ status: 'waiting', message: 'missing opencti-connector integration' });
    expect(server.serviceStatuses()).toEqual({ connector: 'inactive' });
  });

  it('the token is in no hook argv, log or status', async () => {
    const { model, run, relationId } = await setup();
    const results = [
      await run('config-changed'),
      await run('opencti-connector-relation-changed', { relationId, remoteApp: 'opencti' }),
      await run('update-status'),
    ];
    const seen = JSON.stringify([results.map((r) => [r.toolCalls, r.stdout]), model.units, model.logs]);
    expect(seen).not.toContain(TOKEN);
  });
});
