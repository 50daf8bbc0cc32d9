// Secret hygiene (issue 12): the secret-keeper example and the OpenCTI platform with the CrowdStrike
// connector run in the simulator while everything a local user could see is recorded: the argv of every
// hook-tool process (a tracing wrapper in the model's tools directory, plus the hook-tool server's own
// record) and of every process sampled from /proc, each hook's output, the debug log, statuses, errors,
// the hook log, and the stdout/stderr of the CLI's commands on the model. No secret value (operator-given,
// charm-generated, platform tokens), in plain text or base64, may appear in any of them; every model file
// holding one is the owner's only (0600, in 0700 directories), and the temp files charms hand secret
// content through (`key#file=PATH`) are 0600 in a 0700 directory and gone after the call.
import { execFile } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { TOOL_NAMES } from '@ops-ts/juju';
import { Simulator } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import {
  OPENCTI_CROWDSTRIKE,
  type Packed,
  packScenarios,
  type Scenario,
  SECRET_KEEPER,
} from './support/sim-scenarios.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-hygiene-${process.pid}.mjs`);
const exec = promisify(execFile);
let packed: Packed;

beforeAll(async () => {
  packed = await packScenarios([SECRET_KEEPER, OPENCTI_CROWDSTRIKE]);
  await buildCli(cli);
}, 300_000);
afterAll(() => rmSync(cli, { force: true }));

/**
 * Installs the tracing wrapper: every tool name in the model's tools directory links to `jujuc-trace`,
 * which appends the call's argv (and, for each `key#file=PATH` argument, the modes of the file and its
 * directory) to `trace`, then runs the simulator's own `jujuc` in the same shell. The simulator rewrites
 * `jujuc` when it starts but keeps existing links.
 */
function installTrace(modelDir: string, trace: string): void {
  const tools = join(modelDir, 'tools');
  mkdirSync(tools, { recursive: true, mode: 0o700 });
  writeFileSync(
    join(tools, 'jujuc-trace'),
    `#!/usr/bin/env bash
{ printf 'ARGV %s' "\${0##*/}"; printf ' %s' "$@"; printf '\\n'; } >> '${trace}'
for a in "$@"; do
  case "$a" in *'#file='*)
    p="\${a#*#file=}"
    printf 'FILE %s %s %s\\n' "$p" "$(stat -c %a "$p" 2>/dev/null || echo missing)" "$(stat -c %a "\${p%/*}" 2>/dev/null || echo missing)" >> '${trace}' ;;
  esac
done
. "\${0%/*}/jujuc"
`,
    { mode: 0o700 },
  );
  for (const name of TOOL_NAMES) symlinkSync('jujuc-trace', join(tools, name));
}

/** Samples the argv of every descendant of this process from /proc until stopped. */
function sampleProcesses(): { stop: () => string[] } {
  const seen = new Set<string>();
  const scan = () => {
    const parent = new Map<number, number>();
    const argv = new Map<number, string>();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        argv.set(Number(name), readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' '));
      } catch {
        // gone
      }
    }
    for (const [pid, line] of argv) {
      for (let p: number | undefined = pid, depth = 0; p && depth < 20; p = parent.get(p), depth++) {
        if (p === process.pid) {
          seen.add(line);
          break;
        }
      }
    }
  };
  const timer = setInterval(scan, 15);
  return {
    stop: () => {
      clearInterval(timer);
      scan();
      return [...seen];
    },
  };
}

/** The secret values of a model: every revision of every secret, and what the set-up was given. */
function secretValues(sim: Simulator, scenario: Scenario, modelDir: string): string[] {
  const values = new Set(scenario.secrets);
  for (const secret of Object.values(sim.state.secrets)) {
    for (const rev of secret.revisions) {
      for (const v of Object.values(rev.content)) values.add(Buffer.from(v, 'base64').toString('utf8'));
    }
  }
  const opencti = join(modelDir, 'fake-opencti.json');
  if (existsSync(opencti)) {
    const state = JSON.parse(readFileSync(opencti, 'utf8')) as { users: { api_token: string }[] };
    for (const u of state.users) values.add(u.api_token);
  }
  // Short values ("yes", an email's local part) would match by chance; every secret here is longer.
  return [...values].filter((v) => v.length >= 8);
}

/** Files and directories under `dir` (symlinks skipped: the model's own point into itself). */
function walk(dir: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) continue;
    out.push({ path, dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) out.push(...walk(path));
  }
  return out;
}

/** What a run recorded, by channel. */
type Channels = Record<string, string[]>;

/** Runs a set-up and the CLI's commands on its model, recording every channel. */
async function recordRun(scenario: Scenario, extra: (sim: Simulator) => Promise<void>) {
  const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-hygiene-'));
  const traceDir = mkdtempSync(join(tmpdir(), 'ops-ts-hygiene-trace-'));
  const trace = join(traceDir, 'argv.log');
  installTrace(modelDir, trace);
  const channels: Channels = { 'hook output': [], 'hook-tool server argv': [] };
  const sampler = sampleProcesses();
  const sim = Simulator.open({
    modelDir,
    concurrency: 2,
    onEvent: (event) => {
      if (event.kind !== 'hook-end') return;
      channels['hook output']?.push(event.result.stdout, event.result.stderr);
      for (const call of event.result.toolCalls)
        channels['hook-tool server argv']?.push([call.tool, ...call.args].join(' '));
    },
  });
  scenario.setup(sim, packed, modelDir);
  await sim.settle();
  expect(sim.unitsInError()).toEqual([]);
  await extra(sim);
  channels.statuses = [JSON.stringify(sim.status())];
  channels['debug log'] = sim.debugLog();
  channels.errors = [
    JSON.stringify(sim.unitsInError()),
    ...sim.hookLog().map((e) => e.stderr ?? ''),
    ...Object.values(sim.state.actions).map((a) => a.failureMessage ?? ''),
  ];
  channels['model logs'] = sim.state.logs.map((l) => l.message);
  const units = Object.keys(sim.state.units);
  const containers = Object.entries(sim.sim.pebble).flatMap(([u, cs]) => Object.keys(cs).map((c) => [u, c]));
  const secrets = secretValues(sim, scenario, modelDir);
  await sim.close();

  // The CLI on the same model: every view a user runs, and one action.
  const cliOut: string[] = [];
  const run = async (...args: string[]) => {
    const r = await exec(process.execPath, [cli, 'sim', ...args, '--model-dir', modelDir]).catch(
      (e: { stdout: string; stderr: string }) => e,
    );
    cliOut.push(r.stdout, r.stderr);
  };
  for (const format of ['tabular', 'json', 'yaml']) await run('status', '--format', format);
  await run('show-unit', ...units);
  await run('debug-log');
  await run('hook-log', '--format', 'json');
  for (const [unit = '', container = ''] of containers) await run('plan', unit, container);
  if (scenario === SECRET_KEEPER) await run('run', 'keeper/0', 'rotate-password', 'length=32');
  channels['CLI stdout and stderr'] = cliOut;
  channels['hook log file'] = [readFileSync(join(modelDir, 'hooks.jsonl'), 'utf8')];

  channels['process argv (/proc)'] = sampler.stop();
  const traced = existsSync(trace) ? readFileSync(trace, 'utf8').split('\n') : [];
  channels['hook-tool argv (trace)'] = traced.filter((l) => l.startsWith('ARGV '));
  const files = traced
    .filter((l) => l.startsWith('FILE '))
    .map((l) => {
      const [, path = '', mode = '', dirMode = ''] = l.split(' ');
      return { path, mode, dirMode };
    });
  // Secret values after the CLI's action too (a rotation adds a revision).
  const after = Simulator.open({ modelDir, readOnly: true });
  const allSecrets = [...new Set([...secrets, ...secretValues(after, scenario, modelDir)])];
  await after.close();
  return { modelDir, traceDir, channels, files, secrets: allSecrets };
}

/** The channels (and where) a secret value appears in, plain or base64. */
function leaks(channels: Channels, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [channel, texts] of Object.entries(channels)) {
    const all = texts.join('\n');
    for (const secret of secrets) {
      for (const form of [secret, Buffer.from(secret).toString('base64')]) {
        if (all.includes(form)) found.push(`${channel}: ${form.slice(0, 4)}… (${secret.length} chars)`);
      }
    }
  }
  return found;
}

/** Files written by the stand-in workloads themselves (the fake OpenCTI's state), not by the simulator. */
const WORKLOAD_FILES = /^fake-opencti\.json$/;

/** What lies inside a container's filesystem root (`containers/<unit>/<container>/...`). */
const CONTAINER_TREE = /^containers\/[^/]+\/[^/]+\/./;

const figures: string[] = [];

describe.each([
  {
    scenario: SECRET_KEEPER,
    extra: async (sim: Simulator) => {
      const record = await sim.runAction('keeper/0', 'rotate-password');
      expect(record.status).toBe('completed');
    },
  },
  { scenario: OPENCTI_CROWDSTRIKE, extra: async () => {} },
])('secret hygiene in the simulator: $scenario.name', ({ scenario, extra }) => {
  it('shows no secret in any argv, log, status, error or output; secret files are private and temp files gone', async () => {
    const { modelDir, traceDir, channels, files, secrets } = await recordRun(scenario, extra);
    try {
      expect(secrets.length).toBeGreaterThan(0);
      // The recording saw the calls: the trace and the server agree on how many tool calls ran.
      expect(channels['hook-tool argv (trace)']?.length).toBeGreaterThan(0);
      expect(leaks(channels, secrets)).toEqual([]);

      // Model files: every file holding a secret (plain or base64) is the owner's only, in private dirs.
      const entries = walk(modelDir);
      const holding = entries.filter((e) => {
        if (e.dir) return false;
        const text = readFileSync(e.path).toString('latin1');
        return secrets.some((s) => text.includes(s) || text.includes(Buffer.from(s).toString('base64')));
      });
      expect(holding.length).toBeGreaterThan(0);
      const exposed = holding
        .filter((e) => !WORKLOAD_FILES.test(relative(modelDir, e.path)) && (e.mode & 0o077) !== 0)
        .map((e) => `${relative(modelDir, e.path)} ${e.mode.toString(8)}`);
      expect(exposed).toEqual([]);
      // Directories the simulator makes are private. Inside a container's filesystem the charm's own
      // push/make-dir permissions apply, as in Pebble (directories 0755 by default); the private
      // directories above each one keep them from other local users.
      const openDirs = [{ path: modelDir, dir: true, mode: lstatSync(modelDir).mode & 0o777 }, ...entries]
        .filter((e) => !CONTAINER_TREE.test(relative(modelDir, e.path)))
        .filter((e) => e.dir && (e.mode & 0o077) !== 0)
        .map((e) => `${relative(modelDir, e.path) || '.'} ${e.mode.toString(8)}`);
      expect(openDirs).toEqual([]);

      // Temp files that carried secret content: 0600 in a 0700 directory while used, removed after.
      for (const f of files) {
        expect(f, `temp file ${f.path}`).toMatchObject({ mode: '600', dirMode: '700' });
        expect(existsSync(f.path), `temp file ${f.path} left behind`).toBe(false);
      }
      const bytes = Object.values(channels).reduce((n, t) => n + t.join('\n').length, 0);
      figures.push(
        `  ${scenario.name}: ${secrets.length} secret values, ${Object.keys(channels).length} channels ` +
          `(${bytes} bytes; ${channels['hook-tool argv (trace)']?.length} hook-tool argvs, ` +
          `${channels['process argv (/proc)']?.length} process argvs), ${holding.length} model files holding secrets ` +
          `(all 0600), ${files.length} secret temp files (0600, removed): 0 leaked`,
      );
    } finally {
      await exec(process.execPath, [cli, 'sim', 'destroy-model', '--model-dir', modelDir, '-q']).catch(
        () => {},
      );
      rmSync(traceDir, { recursive: true, force: true });
    }
  }, 240_000);
});

afterAll(() => {
  if (figures.length > 0) process.stdout.write(`secret hygiene:\n${figures.join('\n')}\n`);
});
