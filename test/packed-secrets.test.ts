// End to end: the packed secret-keeper example, unzipped twice (a `keeper` app and a `client` app of the
// same charm, related keeper:credentials — client:vault), run through its real `dispatch` with the
// simulator's hook tools on PATH answering from the in-memory Juju. Action params are checked by the
// validators `ops-ts build` generated with ajv (standalone) and shipped in the bundle.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import {
  type ActionRecord,
  addAction,
  addApplication,
  addRelation,
  type JsonObject,
  type ModelState,
  newModel,
  type Secret,
} from '@ops-ts/juju';
import { type HookRequest, type HookResult, HookRunner } from '@ops-ts/sim';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
let charmFile: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ops-ts-pack-secrets-'));
  charmFile = await packCharm(loadProject(join(root, 'examples/secret-keeper')), out);
});

const runners: HookRunner[] = [];
afterEach(async () => {
  for (const runner of runners.splice(0)) await runner.close();
});

/** Plain text of a committed secret revision's key. */
function revisionValue(secret: Secret, revision: number, key = 'password'): string | undefined {
  const encoded = secret.revisions.find((r) => r.revision === revision)?.content[key];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

/** keeper/0 and client/0 (both leaders), each with its own unpacked charm and data dir, related. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-secrets-e2e-'));
  const charmDirs: Record<string, string> = {};
  let meta: { metadata: JsonObject; options: JsonObject; actions: JsonObject } | undefined;
  for (const unit of ['keeper/0', 'client/0']) {
    const charmDir = join(dir, unit.replace('/', '-'));
    extractZip(readFileSync(charmFile), charmDir);
    charmDirs[unit] = charmDir;
    meta ??= {
      metadata: parse(readFileSync(join(charmDir, 'metadata.yaml'), 'utf8')),
      options: parse(readFileSync(join(charmDir, 'config.yaml'), 'utf8')).options,
      actions: parse(readFileSync(join(charmDir, 'actions.yaml'), 'utf8')),
    };
  }
  if (!meta) throw new Error('no metadata');
  const dataDir = { keeper: join(dir, 'keeper-data'), client: join(dir, 'client-data') };
  const state: ModelState = newModel({ name: 'secrets-e2e' });
  for (const app of ['keeper', 'client'] as const) {
    addApplication(state, app, {
      metadata: meta.metadata,
      configOptions: meta.options as never,
      actions: meta.actions,
      config: { 'data-dir': dataDir[app] },
    });
  }
  const rel = addRelation(
    state,
    { app: 'keeper', endpoint: 'credentials' },
    { app: 'client', endpoint: 'vault' },
  );
  const runner = new HookRunner({
    state: () => state,
    charmDir: (unit) => charmDirs[unit] ?? '',
    toolsDir: join(dir, 'tools'),
    // Every record at DEBUG and up goes to the Juju log, so the leak checks see all of them.
    extraEnv: () => ({ OPS_TS_LOG_LEVEL: 'DEBUG' }),
  });
  runners.push(runner);
  /** Every run, for the leak checks. */
  const results: HookResult[] = [];
  const runRaw = async (req: HookRequest) => {
    const r = await runner.run(req);
    results.push(r);
    return r;
  };
  const run = async (req: HookRequest) => {
    const r = await runRaw(req);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    return r;
  };
  const action = async (params: JsonObject, unit = 'keeper/0'): Promise<ActionRecord> => {
    const record = addAction(state, unit, 'rotate-password', params);
    await runRaw({ unit, actionId: record.id, actionName: 'rotate-password' });
    return record;
  };
  /** The password secret an application owns. */
  const ownedBy = (app: string): Secret | undefined =>
    Object.values(state.secrets).find((s) => s.owner.kind === 'application' && s.owner.name === app);
  const file = (app: 'keeper' | 'client', name: string) => readFileSync(join(dataDir[app], name), 'utf8');
  return { dir, state, rel, runner, run, runRaw, action, ownedBy, file, dataDir, results };
}

describe('the packed secret-keeper through dispatch', () => {
  it('shares a secret, rotates it with an action and never leaks a password', async () => {
    const e = setup();
    const { state, rel } = e;
    const passwords = new Set<string>();
    const remember = () => {
      for (const secret of Object.values(state.secrets)) {
        for (const r of secret.revisions) {
          const value = revisionValue(secret, r.revision);
          if (value) passwords.add(value);
        }
      }
    };

    // install on the leader: an app-owned secret with a label and a generated password, rendered for
    // the workload; content passed as a file, never on the command line.
    const install = await e.run({ unit: 'keeper/0', hookName: 'install' });
    const secret = e.ownedBy('keeper');
    expect(secret).toMatchObject({ label: 'keeper-password', latestRevision: 1, grants: [] });
    if (!secret) return;
    const first = revisionValue(secret, 1) ?? '';
    expect(first).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(e.file('keeper', 'password')).toBe(first);
    expect(statSync(join(e.dataDir.keeper, 'password')).mode & 0o777).toBe(0o600);
    remember();
    const add = install.toolCalls.find((c) => c.tool === 'secret-add');
    expect(add?.args).toEqual([
      '--label',
      'keeper-password',
      '--description',
      'password of the secret-keeper workload',
      '--owner',
      'application',
      expect.stringMatching(/^password#file=\/.+\/password$/),
    ]);

    // leader-elected finds the secret by its label instead of creating another one.
    await e.run({ unit: 'keeper/0', hookName: 'leader-elected' });
    expect(Object.values(state.secrets).filter((s) => s.owner.name === 'keeper')).toHaveLength(1);

    // ops's canonical form of the id: secret://<model uuid>/<xid>.
    const uri = `secret://${state.model.uuid}/${secret.id}`;
    // The client joins: granted on the relation, the id published in the keeper's app bag.
    await e.run({
      unit: 'keeper/0',
      hookName: 'credentials-relation-joined',
      relationId: rel.id,
      remoteUnit: 'client/0',
    });
    expect(secret.grants).toEqual([{ target: 'client', relationId: rel.id, role: 'view' }]);
    expect(state.relations[String(rel.id)]?.appData.keeper).toEqual({ 'secret-id': uri });
    expect(state.units['keeper/0']?.status).toMatchObject({
      status: 'active',
      message: 'password shared with 1 application(s)',
    });

    // The client (its own leader creates its own password on install) reads the keeper's on
    // relation-changed, labels it, and tracks revision 1.
    await e.run({ unit: 'client/0', hookName: 'install' });
    await e.run({
      unit: 'client/0',
      hookName: 'vault-relation-changed',
      relationId: rel.id,
      remoteUnit: 'keeper/0',
    });
    expect(e.file('client', 'vault-password')).toBe(first);
    expect(secret.consumers['client/0']).toEqual({ revision: 1, label: 'vault-password' });
    expect(state.units['client/0']?.status).toMatchObject({ status: 'active' });
    remember();

    // rotate-password with no params: the schema defaults (24, alnum) apply; nested results are
    // flattened by setResults and nest again in Juju's action record.
    const rotated = await e.action({});
    expect(rotated.status).toBe('completed');
    expect(rotated.failureMessage).toBeNull();
    expect(rotated.results).toEqual({
      password: { length: '24', charset: 'alnum' },
      secret: { id: uri, label: 'keeper-password' },
      rotations: '1',
      'return-code': 0,
    });
    expect(rotated.logs.map((l) => l.message)).toEqual(['new revision of keeper-password set']);
    expect(secret.latestRevision).toBe(2);
    const second = revisionValue(secret, 2) ?? '';
    expect(second).toMatch(/^[A-Za-z0-9]{24}$/);
    expect(second).not.toBe(first);
    expect(e.file('keeper', 'password')).toBe(second);

    // Given params are used as given.
    const hex = await e.action({ length: 40, charset: 'hex' });
    expect(hex.results).toMatchObject({ password: { length: '40', charset: 'hex' }, rotations: '2' });
    const third = revisionValue(secret, 3) ?? '';
    expect(third).toMatch(/^[0-9a-f]{40}$/);
    remember();

    // The client keeps its tracked revision until secret-changed, where it refreshes to the latest.
    expect(e.file('client', 'vault-password')).toBe(first);
    await e.run({
      unit: 'client/0',
      hookName: 'secret-changed',
      secretId: `secret:${secret.id}`,
      secretLabel: 'vault-password',
    });
    expect(e.file('client', 'vault-password')).toBe(third);
    expect(secret.consumers['client/0']?.revision).toBe(3);

    // Nobody tracks revision 1 any more: secret-remove removes it.
    await e.run({
      unit: 'keeper/0',
      hookName: 'secret-remove',
      secretId: `secret:${secret.id}`,
      secretLabel: 'keeper-password',
      secretRevision: 1,
    });
    expect(secret.revisions.map((r) => r.revision)).toEqual([2, 3]);
    expect(state.logs.map((l) => l.message)).toContain('removed revision 1 of keeper-password');

    // No password in any hook-tool argv, in any hook's output, in the Juju log, in relation data, in a
    // status or in an action's results, logs or failure message.
    expect(passwords.size).toBe(4); // keeper's three revisions and the client's own
    expect(state.logs.length).toBeGreaterThan(0); // records at DEBUG and up go to the Juju log
    const exposed = [
      ...e.results.flatMap((r) => [r.stdout, r.stderr, ...r.toolCalls.flatMap((c) => [c.tool, ...c.args])]),
      ...state.logs.map((l) => l.message),
      JSON.stringify(state.relations),
      JSON.stringify(state.units),
      JSON.stringify(state.applications),
      JSON.stringify(state.actions),
    ];
    for (const password of passwords) {
      for (const text of exposed)
        expect(text.includes(password), `leaked in ${text.slice(0, 80)}`).toBe(false);
    }
  });

  it('fails an action whose params break the schema, naming the param, with no results', async () => {
    const e = setup();
    await e.run({ unit: 'keeper/0', hookName: 'install' });
    const cases: [JsonObject, string][] = [
      [{ length: 8 }, 'param "length" must be >= 16, got 8 (minimum)'],
      [{ length: 20.5 }, 'param "length" must be integer, got 20.5 (type)'],
      [
        { charset: 'emoji' },
        'param "charset" must be equal to one of the allowed values: "alnum", "hex", got "emoji" (enum)',
      ],
      [
        { colour: 'red' },
        'param "colour" is not allowed: the schema declares no such param (additionalProperties)',
      ],
    ];
    for (const [params, problem] of cases) {
      const record = await e.action(params);
      expect(record.status).toBe('failed');
      expect(record.failureMessage).toBe(`invalid params for action "rotate-password": ${problem}`);
      // Only what Juju adds itself: the hook still exited 0 (ops's load_params(errors='fail')).
      expect(record.results).toEqual({ 'return-code': 0 });
    }
    expect(e.ownedBy('keeper')?.latestRevision).toBe(1);
    // Every problem is reported at once.
    const both = await e.action({ length: 300, charset: 'base64' });
    expect(both.failureMessage).toBe(
      'invalid params for action "rotate-password": param "length" must be <= 128, got 300 (maximum); ' +
        'param "charset" must be equal to one of the allowed values: "alnum", "hex", got "base64" (enum)',
    );
  });

  it('a failing hook rolls back its secret-add and secret-set', async () => {
    const e = setup();
    // data-dir under a regular file: rendering the password fails after the secret was added.
    const blocker = join(e.dir, 'not-a-dir');
    writeFileSync(blocker, '');
    const keeper = e.state.applications.keeper;
    if (!keeper) throw new Error('no keeper');
    keeper.config['data-dir'] = join(blocker, 'data');
    const failed = await e.runRaw({ unit: 'keeper/0', hookName: 'install' });
    expect(failed.exitCode).toBe(1);
    expect(failed.toolCalls.map((c) => c.tool)).toContain('secret-add');
    expect(e.ownedBy('keeper')).toBeUndefined();

    // With a usable data dir the retried hook creates it.
    keeper.config['data-dir'] = e.dataDir.keeper;
    await e.run({ unit: 'keeper/0', hookName: 'install' });
    const secret = e.ownedBy('keeper');
    expect(secret?.latestRevision).toBe(1);
    const before = (secret && revisionValue(secret, 1)) ?? '';
    expect(before).toMatch(/^[A-Za-z0-9]{24}$/);

    // The action sets a new revision, then fails to render it: the revision is dropped, no results.
    keeper.config['data-dir'] = join(blocker, 'data');
    const record = await e.action({ length: 32 });
    expect(record.status).toBe('failed');
    expect(record.results).toMatchObject({ 'return-code': 1 });
    expect(Object.keys(record.results).sort()).toEqual(['return-code', 'stderr']);
    expect(record.results.stderr).toMatch(/ENOTDIR.*not-a-dir\/data/);
    expect(e.results.at(-1)?.toolCalls.map((c) => c.tool)).toContain('secret-set');
    expect(secret?.latestRevision).toBe(1);
    expect(secret?.revisions.map((r) => r.revision)).toEqual([1]);
    expect(secret ? revisionValue(secret, 1) : undefined).toBe(before);
    // The traceback names the path, not the password it failed to write.
    for (const r of e.results) {
      expect(`${r.stdout}${r.stderr}${JSON.stringify(r.toolCalls)}`).not.toContain(before);
    }
  });

  it('only the leader rotates the password', async () => {
    const e = setup();
    await e.run({ unit: 'keeper/0', hookName: 'install' });
    const keeper = e.state.applications.keeper;
    if (keeper) keeper.leader = null;
    const record = await e.action({});
    expect(record.status).toBe('failed');
    expect(record.failureMessage).toBe('only the leader can rotate the password');
    expect(e.ownedBy('keeper')?.latestRevision).toBe(1);
  });
});
