// Crash consistency of the simulator (issue 12): the `ops-ts sim` CLI is SIGKILLed at random points (and
// at every step of a model write, through the OPS_TS_SIM_CRASH_AT test hook of packages/sim
// store/crash-points.ts), and hooks' dispatch processes are SIGKILLed mid-run, for many rounds on one
// model. After every crash the next command must start from the last committed state: the model loads,
// its hook log counts 1..hookSeq with no gap or repeat, and each unit's stored counter (bumped by every
// hook that committed) equals the number of hooks the log says succeeded. At the end the model converges
// to what a run without crashes gives. The random points come from a seeded generator
// (OPS_TS_CRASH_SEED, default 12), printed with the summary.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import { CRASH_STEPS } from '../packages/sim/src/store/crash-points.js';
import { packShellCharm } from '../packages/sim/test/shell-charm.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist', `ops-ts-crash-${process.pid}.mjs`);
const SEED = Number(process.env.OPS_TS_CRASH_SEED ?? 12);

// Every hook bumps a stored counter (committed only with the hook), marks each remote unit it heard
// from in its relation data, and takes a little while, so that kills land inside hooks too.
const DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
juju-log "hook $hook"
n="$(state-get count 2>/dev/null || true)"
state-set "count=$(( \${n:-0} + 1 ))"
if [ -n "\${JUJU_REMOTE_UNIT:-}" ]; then relation-set "seen-$(echo "$JUJU_REMOTE_UNIT" | tr / -)=yes"; fi
sleep 0.03
status-set active "ran $hook"
`;

let db: string;
let app: string;

beforeAll(async () => {
  await buildCli(cli);
  db = packShellCharm({
    name: 'db',
    provides: { db: { interface: 'sql' } },
    peers: { p: { interface: 'p' } },
    dispatch: DISPATCH,
  });
  app = packShellCharm({ name: 'app', requires: { db: { interface: 'sql' } }, dispatch: DISPATCH });
}, 60_000);
afterAll(() => rmSync(cli, { force: true }));

/** mulberry32: a small seeded generator, so a failing round can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Result = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string };

/** Starts a CLI command on the model (optionally with a crash point armed). */
function start(
  model: string,
  args: string[],
  crashAt?: string,
): { child: ChildProcess; done: Promise<Result> } {
  const child = spawn(process.execPath, [cli, 'sim', ...args, '--model-dir', model, '-q'], {
    env: { ...process.env, OPS_TS_SIM_JOBS: '2', ...(crashAt ? { OPS_TS_SIM_CRASH_AT: crashAt } : {}) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Result>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

const sim = (model: string, ...args: string[]) => start(model, args).done;

/** The dispatch processes of this model's hooks running now (from /proc). */
function dispatchPids(model: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (argv.includes(`${model}/agents/`) && argv.includes('/charm/dispatch')) pids.push(Number(name));
    } catch {
      // gone already
    }
  }
  return pids;
}

interface LogEntry {
  seq: number;
  unit: string;
  hook: string;
  exitCode: number;
  remoteUnit?: string;
}

/** The invariants every committed model keeps; returns the hook log. */
async function checkCommitted(model: string, context: string): Promise<LogEntry[]> {
  const r = await sim(model, 'hook-log', '--format', 'json');
  expect(r.stderr, `model does not load after ${context}`).toBe('');
  const log = JSON.parse(r.stdout) as LogEntry[];
  const committed = JSON.parse(readFileSync(join(model, 'sim.json'), 'utf8')) as { hookSeq: number };
  expect(
    log.map((e) => e.seq),
    `hook-log sequence after ${context}`,
  ).toEqual(Array.from({ length: committed.hookSeq }, (_, i) => i + 1));
  const state = JSON.parse(readFileSync(join(model, 'state.json'), 'utf8')) as {
    units: Record<string, { charmState: Record<string, string> }>;
  };
  for (const [unit, u] of Object.entries(state.units)) {
    const ok = log.filter((e) => e.unit === unit && e.exitCode === 0).length;
    expect(Number(u.charmState.count ?? 0), `${unit}: committed hooks vs stored count after ${context}`).toBe(
      ok,
    );
  }
  return log;
}

/** The changes the rounds apply, one after another, each settled by the (crashing) commands after it. */
const SCRIPT: string[][] = [
  ['deploy', '', '-n', '3', '--no-wait'],
  ['deploy', '', '-n', '2', '--no-wait'],
  ['integrate', 'db:db', 'app:db', '--no-wait'],
  ['config', 'db', 'mode=fast', '--no-wait'],
  ['add-unit', 'db', '--no-wait'],
  ['config', 'app', 'mode=slow', '--no-wait'],
];
const scriptStep = (i: number) => {
  const step = [...(SCRIPT[i] ?? [])];
  if (i === 0) step[1] = db;
  if (i === 1) step[1] = app;
  return step;
};

/** Runs `wait`, resolving units in error, until the model is settled. */
async function settleFully(model: string): Promise<void> {
  for (let i = 0; i < 20; i++) {
    const r = await sim(model, 'wait');
    if (r.code === 0) return;
    const units = [...r.stderr.matchAll(/(\w[\w-]*\/\d+) \(hook failed/g)].map((m) => m[1] ?? '');
    expect(units.length, r.stderr).toBeGreaterThan(0);
    for (const unit of units) expect((await sim(model, 'resolve', unit, '--no-wait')).code).toBe(0);
  }
  throw new Error('the model did not settle');
}

/** Per unit, the distinct hooks (with their remote unit) that succeeded. */
function hooksByUnit(log: readonly LogEntry[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const e of log) {
    if (e.exitCode !== 0) continue;
    const seen = out[e.unit] ?? new Set<string>();
    out[e.unit] = seen;
    seen.add(`${e.hook}${e.remoteUnit ? `(${e.remoteUnit})` : ''}`);
  }
  return Object.fromEntries(Object.entries(out).map(([u, s]) => [u, [...s].sort()]));
}

/** The relation data of the committed model. */
function relationData(model: string): unknown {
  const state = JSON.parse(readFileSync(join(model, 'state.json'), 'utf8')) as {
    relations: Record<string, { appData: unknown; unitData: unknown }>;
  };
  return Object.values(state.relations).map((r) => [r.appData, r.unitData]);
}

describe('crash consistency of the simulator', () => {
  it('starts every command from the last committed state, whatever was killed and when', async () => {
    const rand = random(SEED);
    const counts = { writeSteps: 0, cliKills: 0, dispatchKills: 0, rounds: 0 };

    // The reference: the same changes, no crash.
    const reference = mkdtempSync(join(tmpdir(), 'ops-ts-sim-crash-ref-'));
    for (let i = 0; i < SCRIPT.length; i++) {
      expect((await sim(reference, ...scriptStep(i))).code).toBe(0);
      await settleFully(reference);
    }
    expect((await sim(reference, 'update-status')).code).toBe(0);
    const want = hooksByUnit(await checkCommitted(reference, 'the reference run'));

    const model = mkdtempSync(join(tmpdir(), 'ops-ts-sim-crash-'));
    let next = 0;
    const advance = async () => {
      if (next < SCRIPT.length) expect((await sim(model, ...scriptStep(next++))).code).toBe(0);
    };
    await advance();

    // 1. A crash at each step of a model write (the nth time the command reaches it).
    for (const step of CRASH_STEPS) {
      for (const nth of [1, 2 + Math.floor(rand() * 6)]) {
        const r = await start(model, ['wait'], `${step}:${nth}`).done;
        if (r.signal === 'SIGKILL') counts.writeSteps += 1;
        counts.rounds += 1;
        await checkCommitted(model, `a crash at ${step}:${nth}`);
        if (r.signal !== 'SIGKILL') await advance(); // it settled before reaching the point: more work
      }
    }

    // 2. The CLI killed at a random moment of a settle.
    for (let i = 0; i < 8; i++) {
      if (i % 2 === 0) await advance();
      const { child, done } = start(model, ['wait']);
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(rand() * 700)));
      child.kill('SIGKILL');
      const r = await done;
      if (r.signal === 'SIGKILL') counts.cliKills += 1;
      counts.rounds += 1;
      await checkCommitted(model, `the CLI killed (round ${i})`);
    }

    // 3. A hook's dispatch (alone, or with its whole process group) killed while it runs.
    for (let i = 0; i < 8; i++) {
      if (i % 2 === 0) await advance();
      if (i % 2 === 1) expect((await sim(model, 'update-status', '--no-wait')).code).toBe(0);
      const { done } = start(model, ['wait']);
      let killed = false;
      let hit = false;
      const hunt = (async () => {
        const delay = Math.floor(rand() * 40);
        for (let tries = 0; tries < 400 && !killed; tries++) {
          const [pid] = dispatchPids(model);
          if (pid !== undefined) {
            await new Promise((resolve) => setTimeout(resolve, delay));
            try {
              process.kill(i % 3 === 0 ? pid : -pid, 'SIGKILL');
              killed = true;
              hit = true;
            } catch {
              // it ended first; try the next one
            }
          } else await new Promise((resolve) => setTimeout(resolve, 5));
        }
      })();
      await done;
      killed = true;
      await hunt;
      if (hit) counts.dispatchKills += 1;
      counts.rounds += 1;
      await checkCommitted(model, `a dispatch killed (round ${i})`);
      await settleFully(model);
    }

    // Whatever the crashes, the rest of the changes and a settle give the reference's model.
    while (next < SCRIPT.length) {
      await advance();
      await settleFully(model);
    }
    await settleFully(model);
    expect((await sim(model, 'update-status')).code).toBe(0);
    const log = await checkCommitted(model, 'the final settle');
    expect(hooksByUnit(log)).toEqual(want);
    expect(relationData(model)).toEqual(relationData(reference));
    expect(readdirSync(model).filter((n) => /\.(tmp|link)$/.test(n))).toEqual([]);
    const killedHooks = log.filter((e) => e.exitCode === 137).length;
    process.stdout.write(
      `sim crash consistency (seed ${SEED}): ${counts.rounds} rounds, ${counts.writeSteps} crashes at model-write steps ` +
        `(${CRASH_STEPS.length} steps), ${counts.cliKills} CLI kills, ${counts.dispatchKills} dispatch kills ` +
        `(${killedHooks} hooks failed by them); ${log.length} hooks logged, 0 lost, 0 duplicated\n`,
    );
  }, 120_000);
});
