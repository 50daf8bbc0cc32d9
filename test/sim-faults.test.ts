// Fault injection in the simulator (issue 12): each set-up is run clean once, then once per fault point
// chosen from the clean run's hook-tool calls and Pebble requests. At each point the hook that met the
// fault either fails and commits nothing (its unit shows the error) or goes on to a status that says what
// is wrong; once the fault is cleared and the unit resolved, the model converges to the clean run's state.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type FaultSpec, type HookResult, Simulator } from '@ops-ts/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from '../packages/cli/build-cli.mjs';
import {
  committedState,
  GREETER,
  modelProjection,
  OPENCTI_CROWDSTRIKE,
  type Packed,
  packScenarios,
  type Scenario,
  SECRET_KEEPER,
  WEBSERVER,
} from './support/sim-scenarios.js';

const root = new URL('..', import.meta.url).pathname;
const DEPLOY_SCENARIOS = [GREETER, SECRET_KEEPER, WEBSERVER];
const SCENARIOS = [...DEPLOY_SCENARIOS, OPENCTI_CROWDSTRIKE];
/** Tools whose first call in a run is a fault point: the writes, then the reads charms depend on. */
const POINT_TOOLS = [
  'relation-set',
  'secret-add',
  'secret-set',
  'secret-grant',
  'state-set',
  'open-port',
  'leader-set',
  'relation-get',
  'secret-get',
  'config-get',
  'status-set',
];
const MAX_TOOL_POINTS = 6;

let packed: Packed;
const cli = join(root, 'packages/cli/dist', `ops-ts-faults-${process.pid}.mjs`);

beforeAll(async () => {
  packed = await packScenarios(SCENARIOS);
  await buildCli(cli);
}, 300_000);
afterAll(() => rmSync(cli, { force: true }));

/** One hook as a run saw it. */
interface HookSeen {
  unit: string;
  hook: string;
  exitCode: number;
  durationMs: number;
  tools: string[];
  faults: string[];
  stderr: string;
  /** The committed part of the model when the hook started and when it ended. */
  before: string;
  after: string;
  /** The unit's workload status when the hook ended. */
  status: { status: string; message: string } | undefined;
}

/** The hooks a model ran since the last reset. */
interface Recorder {
  hooks: HookSeen[];
}

/** Opens a model recording every hook it runs. */
function openRecorded(modelDir: string, rec: Recorder, hookTimeoutMs?: number): Simulator {
  let before = '';
  const sim: Simulator = Simulator.open({
    modelDir,
    concurrency: 1,
    ...(hookTimeoutMs !== undefined ? { hookTimeoutMs } : {}),
    onEvent: (event) => {
      if (event.kind === 'hook-start') {
        before = committedState(sim);
        return;
      }
      const result: HookResult = event.result;
      rec.hooks.push({
        unit: event.entry.unit,
        hook: event.entry.hook,
        exitCode: result.exitCode,
        durationMs: event.entry.durationMs,
        tools: result.toolCalls.map((c) => c.tool),
        faults: event.entry.faults ?? [],
        stderr: result.stderr,
        before,
        after: committedState(sim),
        status: sim.state.units[event.entry.unit]?.status,
      });
    },
  });
  return sim;
}

/** Runs a set-up from an empty model to its settled end, with these faults; the model is left open. */
async function deployRun(scenario: Scenario, faults: FaultSpec[] = [], hookTimeoutMs?: number) {
  const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-faults-'));
  const rec: Recorder = { hooks: [] };
  const sim = openRecorded(modelDir, rec, hookTimeoutMs);
  scenario.setup(sim, packed, modelDir);
  for (const fault of faults) sim.addFault(fault);
  await sim.settle();
  return { sim, hooks: rec.hooks };
}

/**
 * What Juju does next once the fault is gone: the operator resolves units in error (the failed hook
 * runs again), a Pebble that came back sends pebble-ready, and update-status comes round.
 */
async function converge(sim: Simulator): Promise<void> {
  sim.clearFaults();
  await sim.settle();
  for (let round = 0; round < 5 && sim.unitsInError().length > 0; round++) {
    for (const { unit } of sim.unitsInError()) sim.resolve(unit);
    await sim.settle();
  }
  sim.queueUpdateStatus();
  await sim.settle();
}

/** Fault points from a clean run: the first call of each tool of interest, in the hook that made it. */
function toolPoints(hooks: readonly HookSeen[]): FaultSpec[] {
  const points: FaultSpec[] = [];
  for (const tool of POINT_TOOLS) {
    const hook = hooks.find((h) => h.tools.includes(tool));
    if (hook) points.push({ kind: 'tool', unit: hook.unit, hook: hook.hook, tool, call: 1, effect: 'fail' });
  }
  // Spread over the run: the last call of the first and of the last hook that calls a tool at all.
  const calling = hooks.filter((h) => h.tools.length > 0);
  for (const h of [calling[0], calling.at(-1)]) {
    if (h) points.push({ kind: 'tool', unit: h.unit, hook: h.hook, call: h.tools.length, effect: 'fail' });
  }
  return points.slice(0, MAX_TOOL_POINTS);
}

/** Pebble fault points: a layer added, a service started, a request reset, per unit with containers. */
function pebblePoints(sim: Simulator, units: ReadonlySet<string>): FaultSpec[] {
  const points: FaultSpec[] = [];
  for (const [unit, containers] of Object.entries(sim.sim.pebble)) {
    const [container] = Object.keys(containers);
    if (!container || !units.has(unit)) continue;
    points.push(
      { kind: 'pebble', unit, container, request: 'POST /v1/layers', effect: 'error' },
      { kind: 'pebble', unit, container, request: 'POST /v1/services', effect: 'error', status: 503 },
      { kind: 'pebble', unit, container, call: 1, effect: 'refuse' },
    );
  }
  return points;
}

/** The points of a clean run: tool calls (one of them hung) and Pebble requests. */
function pointsOf(sim: Simulator, hooks: readonly HookSeen[]): FaultSpec[] {
  const writes = toolPoints(hooks);
  return [
    ...writes,
    // A hung call: the hook is killed at the timeout, as a stuck agent connection would leave it.
    ...(writes[0] ? [{ ...writes[0], effect: 'hang' } as FaultSpec] : []),
    ...pebblePoints(sim, new Set(hooks.map((h) => h.unit))),
  ];
}

const describePoint = (f: FaultSpec) =>
  f.kind === 'tool'
    ? `${f.unit} ${f.hook} ${f.tool ?? 'call'} #${f.call} ${f.effect}`
    : `${f.unit} pebble ${f.request ?? `#${f.call}`} ${f.effect}`;

/** Figures for the summary lines (RELIABILITY.md), per set-up. */
const figures: Record<
  string,
  { points: number; failed: number; wentOn: number; hang: number; pebble: number }
> = {};

/** Checks the hook that met the fault: failed with nothing committed, or a status saying what is wrong. */
function checkMet(scenario: Scenario, spec: FaultSpec, sim: Simulator, hooks: readonly HookSeen[]): void {
  const met = hooks.find((h) => h.faults.length > 0);
  expect(met, `fault never fired: ${describePoint(spec)}`).toBeDefined();
  if (!met) return;
  const tally = figures[scenario.name] ?? { points: 0, failed: 0, wentOn: 0, hang: 0, pebble: 0 };
  figures[scenario.name] = tally;
  tally.points += 1;
  if (spec.effect === 'hang') tally.hang += 1;
  if (spec.kind === 'pebble') tally.pebble += 1;
  if (met.exitCode !== 0) {
    tally.failed += 1;
    expect(met.after, `committed changes at ${describePoint(spec)}`).toBe(met.before);
    const unit = sim.status().applications[met.unit.split('/')[0] ?? '']?.units[met.unit];
    expect(unit?.['workload-status']).toEqual({ current: 'error', message: `hook failed: "${met.hook}"` });
    if (spec.kind === 'tool' && spec.effect === 'fail')
      expect(met.stderr).toContain('ERROR connection is shut down');
    if (spec.effect === 'hang') expect(met.stderr).toMatch(/hook timed out after \d+(\.\d+)? s/);
  } else {
    // The charm caught it: when the hook ended, the unit said what is wrong.
    tally.wentOn += 1;
    expect(met.status?.status, `status after ${describePoint(spec)}`).not.toBe('active');
    expect(met.status?.message, `status after ${describePoint(spec)}`).not.toBe('');
  }
}

/** A set-up whose fault points are the hooks of a change to its settled model (it is slow to deploy). */
interface ChangeVariant {
  scenario: Scenario;
  /** The change, and how to undo it. */
  apply: (sim: Simulator) => void;
  revert: (sim: Simulator) => void;
}

describe.each(DEPLOY_SCENARIOS)('fault injection in the simulator, from deploy: $name', (scenario) => {
  let clean: string;
  let points: FaultSpec[] = [];
  let timeoutMs = 3000;

  it('runs clean, then picks its fault points', async () => {
    const { sim, hooks } = await deployRun(scenario);
    try {
      expect(sim.unitsInError()).toEqual([]);
      const deployHooks = [...hooks]; // the points: the deploy's hooks (update-status runs only after)
      sim.queueUpdateStatus();
      await sim.settle();
      clean = modelProjection(sim);
      timeoutMs = Math.max(3000, 4 * Math.max(...deployHooks.map((h) => h.durationMs)));
      points = pointsOf(sim, deployHooks);
      expect(points.length).toBeGreaterThan(2);
    } finally {
      await sim.destroy();
    }
  }, 120_000);

  it('fails the hook and commits nothing at each point, then converges once the fault clears', async () => {
    for (const spec of points) {
      const { sim, hooks } = await deployRun(
        scenario,
        [spec],
        spec.effect === 'hang' ? timeoutMs : undefined,
      );
      try {
        checkMet(scenario, spec, sim, hooks);
        await converge(sim);
        expect(modelProjection(sim), `no convergence after ${describePoint(spec)}`).toBe(clean);
      } finally {
        await sim.destroy();
      }
    }
  }, 300_000);
});

const CHANGE_VARIANTS: ChangeVariant[] = [
  {
    scenario: OPENCTI_CROWDSTRIKE,
    apply: (sim) => sim.setConfig('crowdstrike', { 'connector-log-level': 'debug' }),
    revert: (sim) => sim.setConfig('crowdstrike', {}, ['connector-log-level']),
  },
];

describe.each(CHANGE_VARIANTS)('fault injection in the simulator, on a change: $scenario.name', (variant) => {
  const { scenario } = variant;

  it('fails the hook and commits nothing at each point of the change, then converges once the fault clears', async () => {
    const modelDir = mkdtempSync(join(tmpdir(), 'ops-ts-sim-faults-change-'));
    const rec: Recorder = { hooks: [] };
    const sim = openRecorded(modelDir, rec, 6000);
    const settled = async () => {
      await sim.settle();
      sim.queueUpdateStatus();
      await sim.settle();
      return modelProjection(sim);
    };
    try {
      scenario.setup(sim, packed, modelDir);
      const base = await settled();
      expect(sim.unitsInError()).toEqual([]);
      rec.hooks = [];
      variant.apply(sim);
      const changed = await settled();
      // The change's own hooks and the update-status round after it: where the faults go.
      const points = pointsOf(sim, rec.hooks);
      variant.revert(sim);
      expect(await settled()).toBe(base);
      for (const spec of points) {
        sim.addFault(spec);
        rec.hooks = [];
        variant.apply(sim);
        await sim.settle();
        sim.queueUpdateStatus();
        await sim.settle();
        checkMet(scenario, spec, sim, rec.hooks);
        await converge(sim);
        expect(modelProjection(sim), `no convergence after ${describePoint(spec)}`).toBe(changed);
        variant.revert(sim);
        expect(await settled(), `revert after ${describePoint(spec)}`).toBe(base);
      }
    } finally {
      await sim.destroy();
    }
  }, 300_000);
});

describe('sim fault (CLI)', () => {
  const exec = promisify(execFile);
  const sim = (modelDir: string, ...args: string[]) =>
    exec(process.execPath, [cli, 'sim', ...args, '--model-dir', modelDir], {
      env: { ...process.env, OPS_TS_SIM_JOBS: '1' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({
        code: e.code,
        stdout: e.stdout,
        stderr: e.stderr,
      }),
    );

  it('keeps faults in the model across commands until cleared, and the model converges after', async () => {
    const model = mkdtempSync(join(tmpdir(), 'ops-ts-sim-fault-cli-'));
    const greeter = packed.charms.greeter ?? '';
    expect((await sim(model, 'deploy', greeter, '-n', '2', '--no-wait', '-q')).code).toBe(0);
    const added = await sim(
      model,
      'fault',
      'add',
      '--unit',
      'greeter/1',
      '--tool',
      'relation-ids',
      '--effect',
      'fail',
      '--message',
      'controller unreachable',
    );
    expect(added).toMatchObject({ code: 0, stdout: '1\n' });
    expect((await sim(model, 'wait', '-q')).stderr).toBe(
      'ERROR units in error: greeter/1 (hook failed: "install")\n',
    );
    const listed = JSON.parse((await sim(model, 'fault', 'list', '--format', 'json')).stdout);
    expect(listed).toMatchObject([{ id: 1, kind: 'tool', unit: 'greeter/1', tool: 'relation-ids', hits: 1 }]);
    // Still there: the retry meets it again.
    expect((await sim(model, 'resolve', 'greeter/1', '-q')).stderr).toContain('greeter/1 is in error');
    const log = JSON.parse((await sim(model, 'hook-log', '--format', 'json')).stdout) as {
      unit: string;
      exitCode: number;
      faults?: string[];
      stderr?: string;
    }[];
    const failed = log.filter((e) => e.exitCode !== 0);
    expect(failed.map((e) => e.faults)).toEqual([
      ['1: relation-ids (call 1) failed'],
      ['1: relation-ids (call 1) failed'],
    ]);
    expect((await sim(model, 'debug-log', '-i', 'greeter/1')).stdout).toContain(
      'ERROR controller unreachable',
    );
    expect(await sim(model, 'fault', 'clear', '1', '-q')).toMatchObject({ code: 0 });
    expect((await sim(model, 'fault', 'list')).stderr).toBe('No faults.\n');
    expect((await sim(model, 'resolve', 'greeter/1', '-q')).code).toBe(0);
    const status = JSON.parse((await sim(model, 'status', '--format', 'json')).stdout);
    expect(status.applications.greeter.units['greeter/1']['workload-status'].current).not.toBe('error');
  }, 60_000);

  it.each([
    [['--effect', 'explode'], 'ERROR invalid --effect "explode" (expected fail or hang)'],
    [['--tool', 'relation-sett', '--effect', 'fail'], 'ERROR unknown hook tool "relation-sett"'],
    [
      ['--call', '0', '--effect', 'fail'],
      'ERROR invalid --call 0 (expected a whole number 1-9007199254740991)',
    ],
    [['--call', 'two', '--effect', 'fail'], 'ERROR invalid --call "two" (expected a whole number)'],
    [['--unit', 'nope/0', '--effect', 'fail'], 'ERROR unit "nope/0" not found'],
    [['--effect', 'fail', '--container', 'x'], 'ERROR --container needs --pebble'],
    [['--pebble', '--effect', 'error'], 'ERROR a Pebble fault needs --unit'],
    [
      ['--pebble', '--unit', 'greeter/0', '--container', 'x', '--effect', 'error'],
      'ERROR application "greeter" has no container "x"',
    ],
    [['--hook', 'Bad Hook', '--effect', 'fail'], 'ERROR invalid hook name "Bad Hook"'],
    [['--tool', 'relation-set'], 'ERROR missing --effect'],
  ])('refuses %j with one line naming the bad value', async (args, error) => {
    const model = mkdtempSync(join(tmpdir(), 'ops-ts-sim-fault-cli-bad-'));
    expect((await sim(model, 'deploy', packed.charms.greeter ?? '', '--no-wait', '-q')).code).toBe(0);
    const r = await sim(model, 'fault', 'add', ...args);
    expect(r).toMatchObject({ code: 1, stderr: `${error}\n` });
    expect((await sim(model, 'fault', 'list', '--format', 'json')).stdout).toBe('[]\n');
  });
});

afterAll(() => {
  const rows = Object.entries(figures);
  if (rows.length === 0) return;
  const total = rows.reduce((n, [, f]) => n + f.points, 0);
  const lines = rows.map(
    ([name, f]) =>
      `  ${name}: ${f.points} points (${f.hang} hung tool calls, ${f.pebble} Pebble faults): ${f.failed} failed with nothing committed, ${f.wentOn} went on with a status saying why; all converged`,
  );
  process.stdout.write(
    `sim fault injection: ${total} fault points over ${rows.length} set-ups\n${lines.join('\n')}\n`,
  );
});
