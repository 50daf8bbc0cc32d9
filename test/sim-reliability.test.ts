// The `ops-ts sim` CLI under races, crashes and hostile input (issue 12): each process is a real command
// against one model directory, as users and scripts run them.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeZip } from '@ops-ts/archive';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { packShellCharm } from '../packages/sim/test/shell-charm.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-reliability-${process.pid}.mjs`);
let db: string;

beforeAll(async () => {
  await buildCli(cli);
  db = packShellCharm({
    name: 'db',
    provides: { db: { interface: 'sql' } },
    peers: { p: { interface: 'p' } },
  });
});
afterAll(() => rmSync(cli, { force: true }));

const fresh = () => mkdtempSync(join(tmpdir(), 'ops-ts-sim-rel-'));

function sim(modelDir: string, args: string[], input?: string) {
  const r = spawnSync(process.execPath, [cli, 'sim', ...args, '--model-dir', modelDir], {
    encoding: 'utf8',
    ...(input !== undefined ? { input } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function simAsync(modelDir: string, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, 'sim', ...args, '--model-dir', modelDir, '-q']);
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

const savedState = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8'));
const savedSim = (dir: string) => JSON.parse(readFileSync(join(dir, 'sim.json'), 'utf8'));

describe('a stale lock found by several commands at once (defect 3)', () => {
  it('every command that printed a result and exited 0 kept its change', async () => {
    for (let round = 0; round < 3; round++) {
      const model = fresh();
      expect(sim(model, ['add-secret', 'seed', 'value=x', '-q']).code).toBe(0);
      writeFileSync(join(model, 'lock'), '999999999 1'); // left by a process that died
      const runs = await Promise.all(
        Array.from({ length: 6 }, (_, i) => simAsync(model, ['add-secret', `s${i}`, `value=${i}`])),
      );
      const ok = runs.filter((r) => r.code === 0);
      expect(ok.length).toBeGreaterThan(0);
      const labels = Object.values(savedState(model).secrets).map((s) => (s as { label: string }).label);
      expect(labels.length).toBe(ok.length + 1);
      for (const r of ok) expect(r.stdout).toMatch(/^secret:\w+\n$/);
      expect(existsSync(join(model, 'lock'))).toBe(false);
    }
  });
});

describe('a command killed at any point (defect 2)', () => {
  it('leaves the last committed model; the next command converges', async () => {
    const model = fresh();
    expect(sim(model, ['deploy', db, '-n', '3', '--no-wait', '-q']).code).toBe(0);
    for (const delay of [200, 260, 320, 380, 440]) {
      const child = spawn(process.execPath, [cli, 'sim', 'wait', '--model-dir', model, '-q']);
      const closed = new Promise((resolve) => child.on('close', resolve));
      await new Promise((resolve) => setTimeout(resolve, delay));
      child.kill('SIGKILL');
      await closed;
      // The model loads, and its hook log has exactly one line per hook it counts.
      const seqs = JSON.parse(sim(model, ['hook-log', '--format', 'json']).stdout).map(
        (e: { seq: number }) => e.seq,
      );
      expect(seqs).toEqual(Array.from({ length: savedSim(model).hookSeq }, (_, i) => i + 1));
    }
    expect(sim(model, ['wait']).code).toBe(0);
    const log = JSON.parse(sim(model, ['hook-log', '--format', 'json']).stdout) as {
      unit: string;
      hook: string;
      remoteUnit?: string;
    }[];
    for (const unit of ['db/0', 'db/1', 'db/2']) {
      const changed = log
        .filter((e) => e.unit === unit && e.hook === 'p-relation-changed' && e.remoteUnit)
        .map((e) => e.remoteUnit);
      expect(new Set(changed).size).toBe(2); // relation-changed from each peer, none lost
    }
    const seqs = log.map((_, i) => i + 1);
    expect(
      JSON.parse(sim(model, ['hook-log', '--format', 'json']).stdout).map((e: { seq: number }) => e.seq),
    ).toEqual(seqs);
  }, 120_000);
});

describe('read commands (defect 4 and smaller findings)', () => {
  it('never create or write a model', () => {
    const typo = join(tmpdir(), `ops-ts-typo-${process.pid}`);
    const r = sim(typo, ['status']);
    expect(r).toMatchObject({ code: 1, stderr: `ERROR no model in ${typo}\n` });
    expect(existsSync(typo)).toBe(false);
    const file = join(fresh(), 'file');
    writeFileSync(file, '');
    expect(sim(file, ['status']).stderr).toBe(`ERROR model directory ${file} is not a directory\n`);
    expect(sim(file, ['deploy', db]).stderr).toBe(`ERROR model directory ${file} is not a directory\n`);
  });

  it('report a corrupt model by name and leave it', () => {
    const model = fresh();
    expect(sim(model, ['deploy', db, '-q']).code).toBe(0);
    writeFileSync(join(model, 'state.json'), 'null');
    const before = readFileSync(join(model, 'sim.json'), 'utf8');
    for (const args of [['status'], ['deploy', db, 'other']]) {
      const r = sim(model, args);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(
        /^ERROR model in .* is corrupt: state\.json has the wrong shape: expected an object, got null; left untouched\n$/,
      );
    }
    expect(readFileSync(join(model, 'sim.json'), 'utf8')).toBe(before);
  });

  it('`config app | true` exits quietly on the closed pipe (defect 14)', () => {
    const model = fresh();
    expect(sim(model, ['deploy', db, '-q']).code).toBe(0);
    const r = spawnSync(
      'bash',
      [
        '-c',
        `"${process.execPath}" "${cli}" sim config db --model-dir "${model}" | true; echo "exit=\${PIPESTATUS[0]}"`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('exit=0\n');
  });
});

describe('bad input is one ERROR line and an unchanged model', () => {
  let model: string;
  beforeAll(() => {
    model = fresh();
    expect(sim(model, ['deploy', db, '-q']).code).toBe(0);
  });

  const escaping = () => {
    const zip = writeZip([
      { path: 'metadata.yaml', data: 'name: evil\n' },
      { path: 'dispatch', data: '#!/bin/sh\n', mode: 0o755 },
      { path: 'xxxxxxx', data: 'owned' },
    ]);
    const file = join(fresh(), 'evil.charm');
    writeFileSync(file, Buffer.from(zip.toString('latin1').replaceAll('xxxxxxx', '../evil'), 'latin1'));
    return file;
  };
  const corrupted = () => {
    const zip = writeZip([
      { path: 'metadata.yaml', data: 'name: crc\n' },
      { path: 'dispatch', data: '#!/bin/sh\nexit 0\n', mode: 0o755 },
    ]);
    const file = join(fresh(), 'crc.charm');
    writeFileSync(file, Buffer.from(zip.toString('latin1').replace('exit 0', 'exit 1'), 'latin1'));
    return file;
  };
  const cases: [string, () => string[], RegExp][] = [
    [
      'an escaping entry with -n 0',
      () => ['deploy', escaping(), '-n', '0'],
      /^ERROR evil\.charm is not a charm: \.\.\/evil: refusing to extract: path escapes/,
    ],
    [
      'a CRC mismatch',
      () => ['deploy', corrupted()],
      /^ERROR crc\.charm is not a charm: dispatch: CRC-32 mismatch/,
    ],
    [
      'an int beyond int64',
      () => ['config', 'db', 'replicas=9223372036854775808'],
      /^ERROR option "replicas": 9223372036854775808 is out of range for int \(a 64-bit integer\)$/,
    ],
    [
      'an int beyond 2^53',
      () => ['config', 'db', 'replicas=12345678901234567'],
      /^ERROR option "replicas": 12345678901234567 is beyond ±9007199254740991, the largest integer the simulator's JSON model holds exactly/,
    ],
    [
      'action params outside the schema',
      () => ['run', 'db/0', 'rotate', 'length=8'],
      /^ERROR action "rotate": param "length" must be at least 12, got 8 \(minimum\)$/,
    ],
    [
      'an unknown debug-log level',
      () => ['debug-log', '-l', 'BOGUS'],
      /^ERROR invalid level "BOGUS" \(expected one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL\)$/,
    ],
    [
      'a secret name with spaces',
      () => ['add-secret', 'my secret', 'value=x'],
      /^ERROR secret name "my secret" not valid/,
    ],
    ['an empty secret name', () => ['add-secret', '', 'value=x'], /^ERROR secret name "" not valid/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const before = readFileSync(join(model, 'state.json'), 'utf8');
    const r = sim(model, args());
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(join(model, 'state.json'), 'utf8')).toBe(before);
    expect(readdirSync(join(model, 'charms'))).toEqual(['db-0.charm']);
  });
});

describe('add-secret keeps values off argv (defect 6)', () => {
  it('reads a YAML mapping from stdin with --file -, and key#file=PATH', () => {
    const model = fresh();
    const file = join(fresh(), 'token');
    writeFileSync(file, 's3cret-from-file');
    const r = sim(
      model,
      ['add-secret', 'creds', '--file', '-', `token#file=${file}`],
      'password: hunter2\nnote#base64: aGk=\n',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const secret = Object.values(savedState(model).secrets)[0] as {
      revisions: { content: Record<string, string> }[];
    };
    const content = Object.fromEntries(
      Object.entries(secret.revisions[0]?.content ?? {}).map(([k, v]) => [
        k,
        Buffer.from(v, 'base64').toString(),
      ]),
    );
    expect(content).toEqual({ password: 'hunter2', note: 'hi', token: 's3cret-from-file' });
  });
});
