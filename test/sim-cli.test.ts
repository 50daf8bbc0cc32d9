// The `ops-ts sim` CLI as a user runs it: one process per command against a model directory. Bad input
// must give one ERROR line, a non-zero exit code and an unchanged model.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { packShellCharm } from '../packages/sim/test/shell-charm.js';

const root = new URL('..', import.meta.url).pathname;
// A private bundle next to the real one (so `esbuild` resolves), not racing other tests' builds.
const cli = join(root, 'packages/cli/dist', `ops-ts-test-${process.pid}.mjs`);
let db: string;
let app: string;

beforeAll(async () => {
  await buildCli(cli);
  db = packShellCharm({ name: 'db', provides: { db: { interface: 'sql' } } });
  app = packShellCharm({
    name: 'app',
    requires: { db: { interface: 'sql', limit: 1 }, cache: { interface: 'redis' } },
  });
});
afterAll(() => rmSync(cli, { force: true }));

function sim(modelDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [cli, 'sim', ...args, '--model-dir', modelDir], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('ops-ts sim', () => {
  let model: string;
  beforeAll(() => {
    model = mkdtempSync(join(tmpdir(), 'ops-ts-sim-cli-'));
    for (const args of [
      ['deploy', db, '-n', '2'],
      ['deploy', db, 'db2', '--quiet'],
      ['deploy', app, '--config', 'mode=fast'],
      ['integrate', 'db', 'app'],
    ]) {
      const r = sim(model, ...args);
      expect(r.stderr).not.toContain('ERROR');
      expect(r.code).toBe(0);
    }
  });

  it('prints progress, then status as a table and as JSON', () => {
    const progress = sim(model, 'config', 'app', 'mode=slow');
    expect(progress.stderr).toMatch(/^app\/0: config-changed ok \(\d+ ms\)$/m);
    expect(progress.stderr).toMatch(/^db\/[01]: db-relation-changed \(app\/0\) ok/m);
    const table = sim(model, 'status').stdout;
    expect(table).toMatch(/^App\s+Version\s+Status\s+Scale\s+Charm\s+Rev\s+Message$/m);
    expect(table).toMatch(/^db\/0\*\s+active\s+idle\s+10\.1\.0\.1/m);
    expect(table).toMatch(/^db:db\s+app:db\s+sql\s+regular$/m);
    const json = JSON.parse(sim(model, 'status', '--format', 'json').stdout);
    expect(json.applications.app['application-status']).toEqual({ current: 'active', message: 'mode slow' });
    expect(json.relations).toEqual([
      { id: 0, provider: 'db:db', requirer: 'app:db', interface: 'sql', type: 'regular', status: 'joined' },
    ]);
  });

  it('config, show-unit, run and debug-log print what juju would', () => {
    expect(sim(model, 'config', 'app', 'mode').stdout).toBe('slow\n');
    const config = parse(sim(model, 'config', 'db').stdout);
    expect(config.settings.replicas).toMatchObject({ type: 'int', source: 'default', value: 1 });
    const unit = parse(sim(model, 'show-unit', 'app/0').stdout)['app/0'];
    expect(unit['relation-info'][0]).toMatchObject({
      endpoint: 'db',
      'related-endpoint': 'db',
      'application-data': { 'app-hello': 'from-db/0' },
      'related-units': { 'db/1': { 'in-scope': true, data: { 'unit-seen': 'db/1' } } },
    });
    const run = sim(model, 'run', 'db/1', 'echo', 'text=hello', '--quiet');
    expect(run.code).toBe(0);
    expect(parse(run.stdout)).toMatchObject({
      status: 'completed',
      results: { echo: 'hello', unit: 'db/1' },
    });
    expect(sim(model, 'debug-log', '-i', 'db/1', '-n', '1').stdout).toMatch(
      /^unit-db-1: \d\d:\d\d:\d\d INFO juju.worker.uniter.operation ran "action:echo" hook/,
    );
  });

  const bad: [string, string[], RegExp][] = [
    [
      'a file that is not a charm',
      ['deploy', import.meta.filename],
      /^ERROR sim-cli\.test\.ts is not a charm: not a zip archive$/,
    ],
    [
      'different interfaces',
      ['integrate', 'db2:db', 'app:cache'],
      /^ERROR cannot integrate db2:db with app:cache: interfaces differ/,
    ],
    [
      'an endpoint limit',
      ['integrate', 'db2', 'app'],
      /^ERROR establishing a new relation for app:db would exceed its maximum relation limit of 1$/,
    ],
    ['an unknown config key', ['config', 'db', 'colour=red'], /^ERROR unknown option "colour"$/],
    [
      'a wrong config type',
      ['config', 'db', 'replicas=many'],
      /^ERROR option "replicas" expected int, got "many"$/,
    ],
    ['an undefined action', ['run', 'db/0', 'backup'], /^ERROR action "backup" not defined on unit "db\/0"$/],
    ['an unknown unit', ['remove-unit', 'db/9'], /^ERROR unit "db\/9" not found$/],
  ];
  it.each(bad)('refuses %s: one line, non-zero exit, model unchanged', (_name, args, message) => {
    const before = readFileSync(join(model, 'state.json'), 'utf8');
    const r = sim(model, ...args);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(join(model, 'state.json'), 'utf8')).toBe(before);
  });

  it('a failed hook shows in status; resolve retries it', () => {
    expect(sim(model, 'config', 'db2', 'fail-hook=config-changed').stderr).toContain(
      'WARNING db2/0 is in error: hook failed: "config-changed"',
    );
    expect(sim(model, 'status').stdout).toMatch(
      /^db2\/0\*\s+error\s+idle\s+\S+\s+hook failed: "config-changed"$/m,
    );
    const wait = sim(model, 'wait');
    expect(wait.code).toBe(1);
    expect(wait.stderr).toBe('ERROR units in error: db2/0 (hook failed: "config-changed")\n');
    expect(sim(model, 'resolve', 'db2/0', '--no-retry').code).toBe(0);
    // The charm's own status (set before it failed) shows again once the error is cleared.
    expect(sim(model, 'status').stdout).toMatch(
      /^db2\/0\*\s+maintenance\s+idle\s+\S+\s+about to fail in config-changed$/m,
    );
  });

  it('run-script plays steps against one model; --no-wait queues hooks for `wait`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-script-'));
    writeFileSync(
      join(dir, 'steps.yaml'),
      [
        `- deploy ${db} --num-units 2 --no-wait`,
        '- [wait]',
        `- deploy ${app} api`,
        '- integrate db api:db',
        '- "remove-unit db/1"',
      ].join('\n'),
    );
    const r = sim(join(dir, 'model'), 'run-script', join(dir, 'steps.yaml'));
    expect(r.stderr).not.toContain('ERROR');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('==> integrate db api:db');
    expect(r.stderr).toContain('db/1: remove ok');
    const status = JSON.parse(sim(join(dir, 'model'), 'status', '--format', 'json').stdout);
    expect(Object.keys(status.applications.db.units)).toEqual(['db/0']);
    expect(status.applications.api.relations).toEqual({ db: ['db'] });
  });
});
