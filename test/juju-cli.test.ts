// `ops-ts juju <verb>`: the simulator answering juju 3.6's command line, one process per command as a
// script runs it. Outputs are held against real juju 3.6 outputs (test/fixtures/juju-3.6, sources in
// its README): same keys, same table layout, juju's exit codes (2 for usage errors) and error texts.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JujuStatus, renderJujuStatus } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { packShellCharm } from '../packages/sim/test/shell-charm.js';

const root = new URL('..', import.meta.url).pathname;
const fixtures = join(root, 'test/fixtures/juju-3.6');
const fixture = (name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
const cli = join(root, 'packages/cli/dist', `ops-ts-juju-test-${process.pid}.mjs`);
let home: string;
let db: string;
let app: string;

// Actions report what they were given; `rotate mode=safe` crashes (exit 3), as an uncaught error would.
const DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
case "$JUJU_DISPATCH_PATH" in
  actions/echo)
    action-log "running echo"
    action-set "echo=$(action-get text)" "unit=$JUJU_UNIT_NAME"
    [ "$(action-get fail)" = "True" ] && action-fail "asked to fail"
    exit 0 ;;
  actions/rotate)
    [ "$(action-get mode)" = "safe" ] && { echo "crashed" >&2; exit 3; }
    action-set "params=$(action-get --format json)"
    exit 0 ;;
esac
juju-log "hook $hook"
[ "$hook" = "$(config-get fail-hook)" ] && { echo "failing $hook" >&2; exit 1; }
case "$hook" in
  *-relation-joined) relation-set "unit-seen=$JUJU_UNIT_NAME" ;;
esac
status-set active "ran $hook"
`;

beforeAll(async () => {
  await buildCli(cli);
  home = mkdtempSync(join(tmpdir(), 'ops-ts-juju-cli-'));
  db = packShellCharm({ name: 'db', provides: { db: { interface: 'sql' } }, dispatch: DISPATCH });
  app = packShellCharm({ name: 'app', requires: { db: { interface: 'sql' } }, dispatch: DISPATCH });
});
afterAll(() => {
  rmSync(cli, { force: true });
  rmSync(home, { recursive: true, force: true });
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `juju <args>` through the simulator (async: no spawnSync while a server may need to answer). */
function juju(args: readonly string[], stdin?: string): Promise<Result> {
  const { JUJU_MODEL: _model, ...inherited } = process.env;
  const env = { ...inherited, OPS_TS_SIM_HOME: home };
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [cli, 'juju', ...args],
      { env, cwd: home },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? '');
  });
}

/** Runs a command that must succeed. */
async function ok(...args: string[]): Promise<Result> {
  const r = await juju(args);
  expect(r.stderr, `juju ${args.join(' ')}`).not.toMatch(/^ERROR/m);
  expect(r.code, `juju ${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r;
}

const keys = (o: object) => Object.keys(o).sort();

describe('juju status (tabular) lays out its tables as juju 3.6 does', () => {
  it('matches a real juju 3.6.13 status of a local Kubernetes charm', () => {
    const unit = {
      'workload-status': { current: 'active' },
      'juju-status': { current: 'idle' },
      leader: true,
      address: '10.1.157.73',
    };
    const doc = {
      model: {
        name: 'testing',
        type: 'caas',
        controller: 'concierge-k8s',
        cloud: 'k8s',
        region: '',
        version: '3.6.13',
        'model-status': { current: 'available' },
        sla: 'unsupported',
      },
      machines: {},
      applications: {
        'fastapi-demo': {
          charm: 'local:fastapi-demo-0',
          base: { name: 'ubuntu', channel: '22.04' },
          'charm-origin': 'local',
          'charm-name': 'fastapi-demo',
          'charm-rev': 0,
          scale: 1,
          address: '10.152.183.215',
          exposed: false,
          'application-status': { current: 'active' },
          units: { 'fastapi-demo/0': unit },
          version: '1.0.4',
          'endpoint-bindings': {},
        },
      },
      storage: {},
      controller: { timestamp: '13:38:19+01:00' },
    } satisfies JujuStatus;
    expect(renderJujuStatus(doc)).toBe(readFileSync(join(fixtures, 'status-tabular-caas.txt'), 'utf8'));
  });
});

describe('ops-ts juju refuses bad command lines as juju does', () => {
  it.each([
    [['status'], 1, /^ERROR No selected model\./],
    [
      ['stauts'],
      2,
      /^ERROR juju: "stauts" is not a juju command\. See "juju --help"\.\n\nDid you mean:\n\tstatus\n$/,
    ],
    [['status', '--bogus'], 2, /^ERROR option provided but not defined: --bogus\n$/],
    [['deploy', '-x'], 2, /^ERROR option provided but not defined: -x\n$/],
    [['deploy', 'x.charm', '-n', 'two'], 2, /^ERROR invalid value "two" for option -n: strconv\.ParseInt/],
    [['deploy', '--config'], 2, /^ERROR option needs an argument: --config\n$/],
    [['deploy'], 2, /^ERROR no charm or bundle specified\n$/],
    [['deploy', 'x.charm', 'Bad'], 2, /^ERROR invalid application name "Bad"\n$/],
    [['deploy', 'x.charm', '-n', '0'], 2, /^ERROR --num-units must be a positive integer\n$/],
    [
      ['status', '--format', 'xml'],
      2,
      /^ERROR invalid value "xml" for option --format: unknown format "xml"\n$/,
    ],
    [['show-task', '1', '2'], 2, /^ERROR unrecognized args: \["2"\]\n$/],
    [['show-task', 'x'], 2, /^ERROR task ID "x" not valid\n$/],
    [['switch', 'a', 'b', 'c'], 2, /^ERROR unrecognized args: \["b" "c"\]\n$/],
    [['remove-relation', 'db'], 2, /^ERROR relation ID "db" not valid\n$/],
    [['show-unit', 'db', 'x/y'], 2, /^ERROR unit names db, x\/y not valid\n$/],
    [['resolve', '--all', 'db/0'], 2, /^ERROR specifying unit names\(s\) with --all not supported\n$/],
    [['add-secret'], 2, /^ERROR secret name needs to be supplied as the first argument\n$/],
    [['grant-secret', 'x'], 2, /^ERROR missing secret URI or application name\n$/],
    [['show-secret'], 2, /^ERROR secret ID is required\n$/],
    [
      ['debug-log', '--level', 'critical'],
      2,
      /^ERROR level value "critical" is not one of "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"\n$/,
    ],
    [
      ['wait-for', 'application'],
      2,
      /^ERROR application name must be supplied when waiting for an application\n$/,
    ],
    [
      ['exec', '--unit', 'db', '--', 'true'],
      2,
      /^ERROR The following exec targets are not valid:\n {2}"db" is not a valid unit name\n$/,
    ],
    [['add-model'], 2, /^ERROR model name is required\n$/],
    [['add-model', 'Bad_Name'], 1, /^ERROR "Bad_Name" is not a valid name: model names may only contain/],
    [['add-model', 'x', '--type', 'vm'], 2, /^ERROR invalid value "vm" for option --type/],
    [['run'], 2, /^ERROR no unit specified\n$/],
    [['run', 'db/0'], 2, /^ERROR no action specified\n$/],
    [
      ['run', 'db/0', 'echo', 'text'],
      2,
      /^ERROR argument "text" must be of the form key\.key\.key\.\.\.=value\n$/,
    ],
    [['run', 'db/0', 'echo', 'Bad=1'], 2, /^ERROR key "Bad" must start and end with lowercase alphanumeric/],
    [['run', 'db/0', 'web/0', 'echo'], 2, /^ERROR all units must be of the same application\n$/],
    [['run', 'db/0', 'echo', '--wait', '10parsecs'], 2, /^ERROR invalid value "10parsecs" for option --wait/],
    [['exec', '--', 'true'], 2, /^ERROR You must specify a target/],
    [['integrate', 'db'], 2, /^ERROR an integration must involve two applications\n$/],
    [['config'], 2, /^ERROR no application name specified\n$/],
    [['remove-application', 'db', '--no-wait'], 2, /^ERROR --no-wait without --force not valid\n$/],
    [['switch', 'nowhere'], 1, /^ERROR "nowhere" is not the name of a model or controller\n$/],
  ])('juju %j exits %i', async (args, code, stderr) => {
    const r = await juju(args);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(stderr);
    expect(r.stdout).toBe('');
  });

  it('prints its version as juju does', async () => {
    expect((await ok('version')).stdout).toMatch(/^3\.6\.\d+-genericlinux-(amd64|arm64)\n$/);
    const all = JSON.parse((await ok('version', '--format', 'json', '--all')).stdout);
    expect(all.version).toMatch(/^3\.6\.\d+-genericlinux-/);
    expect(all['git-commit']).toBeTypeOf('string');
  });
});

describe('a Kubernetes model through ops-ts juju', () => {
  beforeAll(async () => {
    expect((await ok('add-model', 'k8s')).stderr).toBe(
      "Added 'k8s' model on microk8s/localhost with credential 'microk8s' for user 'admin'\n",
    );
    const deployed = await ok('deploy', db, '-n', '2');
    expect(deployed.stderr).toContain(
      'Deploying "db" from local charm "db", revision 0 on ubuntu@22.04/stable',
    );
    await ok('deploy', app, '--config', 'mode=fast');
    await ok('integrate', 'db', 'app');
  });

  it('status --format json has juju 3.6 keys and values', async () => {
    const doc = JSON.parse((await ok('status', '--format', 'json')).stdout);
    const real = fixture('status-caas.json');
    expect(keys(doc)).toEqual(keys(real));
    expect(keys(doc.model)).toEqual(keys(real.model));
    expect(doc.model).toMatchObject({ name: 'k8s', type: 'caas', cloud: 'microk8s', region: 'localhost' });
    expect(doc.model.version).toMatch(/^3\.6\./);
    expect(doc.controller.timestamp).toMatch(/^\d\d:\d\d:\d\dZ$/);
    expect(doc.machines).toEqual({});
    expect(keys(doc.applications.db)).toEqual(keys(real.applications.database));
    expect(doc.applications.db).toMatchObject({
      charm: 'local:db-0',
      'charm-name': 'db',
      'charm-origin': 'local',
      'charm-rev': 0,
      exposed: false,
      scale: 2,
      base: { name: 'ubuntu', channel: '22.04' },
      'application-status': { current: 'active' },
      relations: { db: [{ 'related-application': 'app', interface: 'sql', scope: 'global' }] },
    });
    const realUnit = real.applications.database.units['database/0'];
    const leader = doc.applications.db.units['db/0'];
    expect(keys(leader).filter((k) => k !== 'open-ports')).toEqual(
      keys(realUnit).filter((k) => k !== 'open-ports'),
    );
    expect(keys(leader['juju-status'])).toEqual(keys(realUnit['juju-status']));
    expect(leader.leader).toBe(true);
    // juju leaves `leader` out for the others (omitempty).
    expect(doc.applications.db.units['db/1']).not.toHaveProperty('leader');
    const yaml = parse((await ok('status', '--format', 'yaml')).stdout);
    expect({ ...yaml, controller: {} }).toEqual({ ...doc, controller: {} });
  });

  it('status selectors filter applications and units', async () => {
    const onlyApp = JSON.parse((await ok('status', '--format', 'json', 'app')).stdout);
    expect(Object.keys(onlyApp.applications)).toEqual(['app']);
    const oneUnit = JSON.parse((await ok('status', 'db/1', '--format=json')).stdout);
    expect(Object.keys(oneUnit.applications.db.units)).toEqual(['db/1']);
  });

  it('tabular status has juju columns, no empty sections, integrations only with --relations', async () => {
    const table = (await ok('status')).stdout;
    expect(table).toMatch(/^Model {2}Controller {2}Cloud\/Region {8}Version {2}SLA {10}Timestamp$/m);
    expect(table).toMatch(
      /^App {2}Version {2}Status {2}Scale {2}Charm {2}Channel {2}Rev {2}Address {9}Exposed {2}Message$/m,
    );
    expect(table).toMatch(/^db {3}\s+active {6}2 {2}db {4}\s+0 {2}10\.152\.183\.\d+\s+no\s+ran /m);
    expect(table).toMatch(/^Unit {4}Workload {2}Agent {2}Address {3}Ports {2}Message$/m);
    expect(table).toMatch(/^db\/0\* {3}active {4}idle {3}10\.1\.0\.1/m);
    expect(table).not.toMatch(/Machine|Integration provider/);
    const withRelations = (await ok('status', '--relations')).stdout;
    expect(withRelations).toMatch(
      /^Integration provider {2}Requirer {2}Interface {2}Type {5}Message\ndb:db {17}app:db {4}sql {8}regular$/m,
    );
  });

  it('run: app/leader, dotted keys, --params, JSON keyed by unit', async () => {
    const r = await ok('run', 'db/leader', 'echo', 'text=hello', '--format', 'json');
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['db/0']);
    const real = fixture('run-completed.json')['mysql/0'];
    expect(keys(doc['db/0'])).toEqual([...keys(real), 'timing', 'unit'].sort());
    expect(doc['db/0']).toMatchObject({
      status: 'completed',
      unit: 'db/0',
      results: { echo: 'hello', 'return-code': 0 },
    });
    expect(doc['db/0'].log[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC running echo$/);

    const paramsFile = join(home, 'params.yaml');
    writeFileSync(paramsFile, 'length: 20\nnested:\n  name: x\n');
    const nested = JSON.parse(
      (await ok('run', 'db/1', 'rotate', 'nested.depth=2', '--params', paramsFile, '--format=json')).stdout,
    );
    // The file's params, then the arguments merged in (run.go addValueToMap).
    expect(JSON.parse(nested['db/1'].results.params)).toEqual({
      length: 20,
      nested: { depth: 2, name: 'x' },
    });

    const task = JSON.parse((await ok('show-task', doc['db/0'].id, '--format', 'json')).stdout);
    expect(task).toMatchObject({
      id: doc['db/0'].id,
      status: 'completed',
      unit: 'db/0',
      results: { echo: 'hello' },
    });
    expect((await juju(['show-task', '999'])).stderr).toBe('ERROR task 999 not found\n');

    const two = parse((await ok('run', 'db/0', 'db/1', 'echo', 'text=x', '--format', 'yaml')).stdout);
    expect(Object.keys(two).sort()).toEqual(['db/0', 'db/1']);

    // plain (the default): the results without return-code, progress on stderr.
    const plain = await ok('run', 'db/0', 'echo', 'text=plain');
    expect(plain.stdout).toBe('echo: plain\nunit: db/0\n\n');
    expect(plain.stderr).toMatch(
      /^Running operation \d+ with 1 task\n {2}- task \d+ on unit-db-0\n\nWaiting for task \d+\.\.\.\n$/,
    );
  });

  it('run: failures as juju 3.6 reports them', async () => {
    // action-fail with exit 0: the task failed, but the command succeeds (return code 0).
    const failed = await juju(['run', 'db/0', 'echo', 'text=x', 'fail=true', '--format', 'json']);
    expect(failed.code).toBe(0);
    expect(JSON.parse(failed.stdout)['db/0']).toMatchObject({ status: 'failed', message: 'asked to fail' });
    // A crash (exit 3): output, then "the following task failed" and exit 1.
    const crashed = await juju(['run', 'db/0', 'rotate', 'mode=safe', '--format', 'json']);
    expect(crashed.code).toBe(1);
    expect(JSON.parse(crashed.stdout)['db/0'].results['return-code']).toBe(3);
    expect(crashed.stderr).toMatch(
      /^ERROR the following task failed:\n - id "\d+" with return code 3\n\nuse 'juju show-task' to inspect the failure\n$/,
    );
    // Nothing queued: juju 3.6 says so on stderr, prints nothing and exits 0.
    const undefinedAction = await juju(['run', 'db/0', 'nope', '--format', 'json']);
    expect(undefinedAction).toMatchObject({ code: 0, stdout: '' });
    expect(undefinedAction.stderr).toMatch(
      /failed to schedule any tasks:\naction "nope" not defined on unit "db\/0"/,
    );
  });

  it('exec runs in a hook context and reports as juju does', async () => {
    const doc = JSON.parse(
      (await ok('exec', '--format', 'json', '--unit', 'app/leader', '--', 'relation-ids', 'db')).stdout,
    );
    const real = fixture('exec-failure.json')['ubuntu/0'];
    expect(keys(doc['app/0'])).toEqual([...keys(real), 'timing'].sort());
    expect(doc['app/0']).toMatchObject({
      status: 'completed',
      results: { 'return-code': 0, stdout: 'db:0\n' },
    });
    // A hook tool changing the model from exec sets off the hooks juju would run.
    await ok('exec', '--unit', 'app/0', '--', 'relation-set -r db:0 from-exec=yes');
    const unit = JSON.parse((await ok('show-unit', 'db/0', '--format', 'json')).stdout)['db/0'];
    expect(unit['relation-info'][0]['related-units']['app/0'].data['from-exec']).toBe('yes');
    // plain (the default): the output alone; with several units, each under its name.
    expect((await ok('exec', '--unit', 'db/0', '--', 'echo', 'hi')).stdout).toBe('hi\n');
    expect((await ok('exec', '--app', 'db', '--', 'echo', '$JUJU_UNIT_NAME')).stdout).toBe(
      'db/0:\ndb/0\n\ndb/1:\ndb/1\n\n',
    );
    const failed = await juju(['exec', '--unit', 'db/0', '--format', 'json', '--', 'echo oops >&2; exit 4']);
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)['db/0'].results).toEqual({ 'return-code': 4, stderr: 'oops\n' });
    expect(failed.stderr).toContain('the following task failed');
  });

  it('show-unit has juju 3.6 keys', async () => {
    const doc = JSON.parse((await ok('show-unit', 'app/0', '--format', 'json')).stdout);
    const real = fixture('show-unit.json')['mysql/0'];
    for (const key of Object.keys(doc['app/0'])) expect(Object.keys(real)).toContain(key);
    expect(doc['app/0']).toMatchObject({
      charm: 'local:app-0',
      leader: true,
      life: 'alive',
      'opened-ports': [],
    });
    expect(keys(doc['app/0']['relation-info'][0])).toEqual(keys(real['relation-info'][0]));
  });

  it('config gets, sets, resets and reads --file', async () => {
    const doc = JSON.parse((await ok('config', 'app', '--format', 'json')).stdout);
    expect(doc).toMatchObject({
      application: 'app',
      charm: 'app',
      settings: { mode: { source: 'user', value: 'fast', type: 'string' } },
    });
    expect(doc['application-config'].trust.value).toBe(false);
    expect((await ok('config', 'app', 'mode')).stdout).toBe('fast\n');
    await ok('config', 'app', 'mode=slow', 'replicas=3');
    expect((await ok('config', 'app', 'replicas')).stdout).toBe('3\n');
    await ok('config', 'app', '--reset', 'mode,replicas');
    expect((await ok('config', 'app', 'mode')).stdout).toBe('normal\n');
    const file = join(home, 'config.yaml');
    writeFileSync(file, 'app:\n  mode: from-file\n');
    await ok('config', 'app', '--file', file);
    expect((await ok('config', 'app', 'mode')).stdout).toBe('from-file\n');
    await ok('trust', 'app', '--scope', 'cluster');
    expect(
      JSON.parse((await ok('config', 'app', '--format', 'json')).stdout)['application-config'].trust,
    ).toMatchObject({
      source: 'user',
      value: true,
    });
    await ok('trust', 'app', '--remove');
    const bad = await juju(['config', 'app', 'nosuch=1']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^ERROR .*nosuch/);
  });

  it('secrets: add, grant, update, list and show as juju 3.6 prints them', async () => {
    const uri = (await ok('add-secret', 'db-pass', 'password=hunter22', '--info', 'the db')).stdout.trim();
    expect(uri).toMatch(/^secret:[a-z0-9]{20}$/);
    await ok('grant-secret', 'db-pass', 'app');
    await ok('update-secret', 'db-pass', 'password=hunter23');
    const list = JSON.parse((await ok('secrets', '--format', 'json')).stdout);
    const id = uri.slice('secret:'.length);
    const realList = Object.values(fixture('secrets.json'))[0] as object;
    expect(keys(list[id])).toEqual([...keys(realList), 'description'].sort());
    expect(list[id]).toMatchObject({ revision: 2, owner: '<model>', name: 'db-pass' });
    expect(list[id].created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const shown = JSON.parse((await ok('show-secret', 'db-pass', '--reveal', '--format', 'json')).stdout);
    const real = Object.values(fixture('show-secret-reveal.json'))[0] as Record<string, unknown>;
    for (const key of Object.keys(shown[id])) expect(Object.keys(real).concat('name')).toContain(key);
    expect(shown[id].content).toEqual({ Data: { password: 'hunter23' } });
    expect(JSON.parse((await ok('show-secret', uri, '--format', 'json')).stdout)[id]).not.toHaveProperty(
      'content',
    );
    expect((await ok('secrets')).stdout).toMatch(
      /^ID {20}Name {5}Owner {4}Rotation {2}Revision {2}Last updated$/m,
    );
  });

  it('debug-log filters by entity and level, --replay for all lines', async () => {
    const all = (await ok('debug-log', '--replay')).stdout.trimEnd().split('\n');
    expect(all.length).toBeGreaterThan(10);
    expect((await ok('debug-log')).stdout.trimEnd().split('\n')).toHaveLength(10);
    const appOnly = (await ok('debug-log', '--replay', '--include', 'app')).stdout.trimEnd().split('\n');
    expect(appOnly.every((l) => l.startsWith('unit-app-0: '))).toBe(true);
    const noApp = (await ok('debug-log', '--replay', '-x', 'app', '-l', 'INFO', '--no-tail')).stdout;
    expect(noApp).not.toContain('unit-app-0');
    expect(noApp).not.toContain(' DEBUG ');
    expect((await ok('debug-log', '--limit', '3')).stdout.trimEnd().split('\n')).toHaveLength(3);
  });

  it('a failed hook shows as juju shows it, until resolve retries it', async () => {
    await ok('config', 'app', 'fail-hook=config-changed');
    const doc = JSON.parse((await ok('status', '--format', 'json', 'app')).stdout);
    expect(doc.applications.app.units['app/0']).toMatchObject({
      'workload-status': { current: 'error', message: 'hook failed: "config-changed"' },
      'juju-status': { current: 'idle' },
    });
    expect((await ok('status', 'app')).stdout).toMatch(
      /^app\/0\* {2}error {5}idle {3}10\.1\.0\.3 {9}hook failed: "config-changed"$/m,
    );
    expect((await juju(['resolve'])).stderr).toBe('ERROR no unit specified\n');
    await ok('config', 'app', '--reset', 'fail-hook');
    await ok('resolve', 'app/0');
    const after = JSON.parse((await ok('status', '--format', 'json', 'app')).stdout);
    expect(after.applications.app.units['app/0']['workload-status'].current).toBe('active');
    const notInError = await juju(['resolve', 'app/0']);
    expect(notInError).toMatchObject({ code: 1, stderr: 'ERROR unit "app/0" is not in an error state\n' });
  });

  it('wait-for answers simple queries', async () => {
    await ok('wait-for', 'application', 'db');
    await ok('wait-for', 'unit', 'db/0', '--query', 'workload-status=="active"', '--timeout', '1m');
    const never = await juju(['wait-for', 'application', 'db', '--query', 'status=="blocked"']);
    expect(never.code).toBe(1);
    expect(never.stderr).toBe('ERROR timed out waiting for "db" to reach goal state\n');
  });

  it('remove-unit follows the Kubernetes rules; remove-application takes several', async () => {
    const named = await juju(['remove-unit', 'db/1']);
    expect(named.code).toBe(2);
    // removeunit.go's message ends with a newline of its own, so juju prints an empty line after it.
    expect(named.stderr).toBe(
      'ERROR k8s models do not support removing named units.\nInstead specify an application with --num-units.\n\n',
    );
    expect((await juju(['remove-unit', 'db'])).stderr).toBe(
      'ERROR specify the number of units (> 0) to remove using --num-units\n',
    );
    // removeunit.go and addunit.go check the model type's rules before --no-wait and the unit count.
    expect((await juju(['remove-unit', 'db', '--no-wait'])).stderr).toBe(
      'ERROR specify the number of units (> 0) to remove using --num-units\n',
    );
    expect((await juju(['remove-unit', 'db', '--num-units', '1', '--no-wait'])).stderr).toBe(
      'ERROR --no-wait without --force not valid\n',
    );
    expect((await juju(['add-unit', 'db', '--to', '0', '-n', '0'])).stderr).toBe(
      'ERROR k8s models only support --num-units\n',
    );
    expect((await ok('remove-unit', 'db', '--num-units', '1', '--no-prompt')).stderr).toBe(
      'scaling down to 1 units\n',
    );
    await ok('deploy', app, 'app2');
    const removed = await juju(['remove-application', '--no-prompt', 'app', 'nope', 'app2']);
    expect(removed.code).toBe(1);
    expect(removed.stdout).toBe(
      'will remove application app\n- will remove unit app/0\nwill remove application app2\n- will remove unit app2/0\n',
    );
    expect(removed.stderr).toBe('ERROR removing application nope failed: application "nope" not found\n');
    const status = JSON.parse((await ok('status', '--format', 'json')).stdout);
    expect(Object.keys(status.applications)).toEqual(['db']);
    expect(Object.keys(status.applications.db.units)).toEqual(['db/0']);
  });

  it('refresh --path makes the next local revision', async () => {
    expect((await ok('refresh', 'db', '--path', db)).stderr).toBe(
      'Added local charm "db", revision 1, to the model\n',
    );
    const status = JSON.parse((await ok('status', '--format', 'json')).stdout);
    expect(status.applications.db).toMatchObject({ charm: 'local:db-1', 'charm-rev': 1 });
    expect((await juju(['refresh', 'db'])).stderr).toMatch(/^ERROR .*--path/);
  });
});

describe('a machine model, and the models themselves', () => {
  it('add-model --type iaas gives machines, juju machine columns and IAAS unit rules', async () => {
    await ok('add-model', 'vm', '--type', 'iaas');
    await ok('deploy', db, '-n', '2', '--base', 'ubuntu@24.04');
    const doc = JSON.parse((await ok('status', '--format', 'json')).stdout);
    expect(doc.model).toMatchObject({ name: 'vm', type: 'iaas', cloud: 'localhost' });
    const realMachine = fixture('status-iaas.json').machines['1'];
    expect(Object.keys(doc.machines)).toEqual(['0', '1']);
    for (const key of Object.keys(doc.machines['0'])) expect(Object.keys(realMachine)).toContain(key);
    expect(doc.machines['0'].base).toEqual({ name: 'ubuntu', channel: '24.04' });
    expect(doc.applications.db.units['db/1']).toMatchObject({ machine: '1', 'public-address': '10.1.0.2' });
    expect(doc.applications.db).not.toHaveProperty('scale');
    const table = (await ok('status')).stdout;
    expect(table).toMatch(
      /^App {2}Version {2}Status {2}Scale {2}Charm {2}Channel {2}Rev {2}Exposed {2}Message$/m,
    );
    expect(table).toMatch(/^Unit {3}Workload {2}Agent {2}Machine {2}Public address {2}Ports {2}Message$/m);
    expect(table).toMatch(
      /^Machine {2}State {4}Address {3}Inst id {5}Base {10}AZ {2}Message\n0 {8}started {2}10\.1\.0\.1/m,
    );
    expect((await juju(['remove-unit', 'db', '--num-units', '1'])).stderr).toBe(
      'ERROR --num-units for non k8s models not valid\n',
    );
    const removed = await juju(['remove-unit', 'db/1', 'db/7']);
    expect(removed).toMatchObject({ code: 1, stdout: 'will remove unit db/1\n' });
    expect(removed.stderr).toBe('ERROR removing unit db/7 failed: unit "db/7" does not exist\n');
  });

  it('models, switch, show-model and destroy-model', async () => {
    const models = JSON.parse((await ok('models', '--format', 'json')).stdout);
    expect(models['current-model']).toBe('vm');
    expect(models.models.map((m: { 'short-name': string }) => m['short-name'])).toEqual(['k8s', 'vm']);
    expect((await ok('models')).stdout).toMatch(
      /^Model {2}Cloud\/Region {9}Type {8}Status {5}Units {2}Access {2}Last connection\nk8s {4}microk8s/m,
    );
    expect((await ok('switch', 'k8s')).stderr).toBe('ops-ts-sim:admin/vm -> ops-ts-sim:admin/k8s\n');
    expect((await ok('switch')).stdout).toBe('ops-ts-sim:admin/k8s\n');
    const shown = JSON.parse((await ok('show-model', 'vm', '--format', 'json')).stdout);
    const real = Object.values(fixture('show-model.json'))[0] as object;
    for (const key of Object.keys(shown.vm).filter((k) => k !== 'units'))
      expect(Object.keys(real)).toContain(key);
    expect(shown.vm).toMatchObject({
      name: 'admin/vm',
      'short-name': 'vm',
      'model-type': 'iaas',
      type: 'lxd',
    });
    // -m picks the model for one command.
    expect(JSON.parse((await ok('status', '-m', 'vm', '--format', 'json')).stdout).model.name).toBe('vm');
    const aborted = await juju(['destroy-model', 'vm'], 'no\n');
    expect(aborted.code).toBe(1);
    expect(aborted.stderr).toMatch(/ERROR model destruction: aborted\n$/);
    await ok('destroy-model', 'vm', '--no-prompt', '--force');
    expect(existsSync(join(home, 'vm'))).toBe(false);
    const gone = await juju(['status', '-m', 'vm']);
    expect(gone).toMatchObject({ code: 1, stderr: 'ERROR model ops-ts-sim:admin/vm not found\n' });
  });

  it('env writes a juju shim and prints the PATH line', async () => {
    const r = await ok('env');
    const bin = join(home, 'bin');
    expect(r.stdout).toBe(`export OPS_TS_SIM_HOME='${home}'\nexport PATH='${bin}':"$PATH"\n`);
    // `ops-ts sim env` is the same command under the sim group.
    const { JUJU_MODEL: _model, ...inherited } = process.env;
    const simEnv = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [cli, 'sim', 'env'],
        { env: { ...inherited, OPS_TS_SIM_HOME: home } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
    expect(simEnv).toBe(r.stdout);
    const shim = readFileSync(join(bin, 'juju'), 'utf8');
    expect(shim).toMatch(/^#!\/bin\/sh\n/);
    expect(shim).toContain(`'${cli}' juju "$@"`);
    const version = await new Promise<string>((resolve, reject) =>
      execFile(join(bin, 'juju'), ['version'], { env: { PATH: process.env.PATH ?? '' } }, (error, stdout) =>
        error ? reject(error) : resolve(stdout),
      ),
    );
    expect(version).toMatch(/^3\.6\.\d+-genericlinux-/);
  });
});

// The command lines canonical/jubilant (jubilant/_juju.py) sends, `--model` right after the verb.
describe('the argv jubilant sends', () => {
  it('drives a model from add-model --no-switch to destroy-model', async () => {
    const params = join(home, 'jubilant-params.yaml');
    writeFileSync(params, 'text: from-params\n');
    const secretFile = join(home, 'jubilant-secret.yaml');
    writeFileSync(secretFile, 'password: s3cret\n');
    await ok('add-model', '--no-switch', 'jb', 'microk8s');
    await ok('deploy', '--model', 'jb', db, 'db', '--num-units', '2', '--config', 'mode=jb', '--trust');
    await ok('deploy', '--model', 'jb', app, 'app');
    await ok('integrate', '--model', 'jb', 'db', 'app');
    const status = JSON.parse((await ok('status', '--model', 'jb', '--format', 'json')).stdout);
    expect(status.model.name).toBe('jb');
    expect(
      JSON.parse((await ok('config', '--model', 'jb', '--format', 'json', 'db')).stdout).settings.mode.value,
    ).toBe('jb');
    await ok('config', '--model', 'jb', 'db', 'mode=x', '--reset', 'replicas');
    const task = JSON.parse(
      (
        await ok(
          'run',
          '--model',
          'jb',
          '--format',
          'json',
          'db/leader',
          'echo',
          '--wait',
          '60.5s',
          '--params',
          params,
        )
      ).stdout,
    );
    expect(Object.values(task)[0]).toMatchObject({ status: 'completed', results: { echo: 'from-params' } });
    const exec = JSON.parse(
      (
        await ok(
          'exec',
          '--model',
          'jb',
          '--format',
          'json',
          '--unit',
          'app/0',
          '--wait',
          '60s',
          '--',
          'echo',
          'hi',
        )
      ).stdout,
    );
    expect(exec['app/0'].results.stdout).toBe('hi\n');
    expect(
      JSON.parse((await ok('show-unit', '--model', 'jb', 'db/0', '--format', 'json')).stdout)['db/0'].leader,
    ).toBe(true);
    const uri = (
      await ok('add-secret', '--model', 'jb', 'creds', '--info', 'i', '--file', secretFile)
    ).stdout.trim();
    await ok('grant-secret', '--model', 'jb', uri, 'app,db');
    await ok('update-secret', '--model', 'jb', uri, '--info', 'j', '--name', 'creds2', '--file', secretFile);
    const secrets = JSON.parse((await ok('secrets', '--model', 'jb', '--format', 'json')).stdout);
    expect(secrets[uri.slice(7)]).toMatchObject({ name: 'creds2', description: 'j', revision: 2 });
    expect(
      JSON.parse((await ok('show-secret', '--model', 'jb', uri, '--format', 'json', '--reveal')).stdout)[
        uri.slice(7)
      ].content,
    ).toEqual({
      Data: { password: 's3cret' },
    });
    expect((await ok('debug-log', '--model', 'jb', '--limit', '0')).stdout).toContain('unit-db-0: ');
    await ok('add-unit', '--model', 'jb', 'app', '--num-units', '1');
    await ok('remove-unit', '--model', 'jb', '--no-prompt', 'app', '--num-units', '1');
    await ok('remove-relation', '--model', 'jb', 'db', 'app');
    await ok('refresh', '--model', 'jb', 'app', '--path', app);
    await ok('remove-application', '--model', 'jb', '--no-prompt', 'app', '--force');
    const model = JSON.parse((await ok('show-model', '--format', 'json', 'jb')).stdout);
    expect(model.jb['model-type']).toBe('caas');
    await ok('destroy-model', 'jb', '--no-prompt', '--force', '--no-wait', '--timeout', '60s');
  }, 120_000);
});
