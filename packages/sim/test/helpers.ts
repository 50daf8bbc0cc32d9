// Shared set-up for the simulator's tests: a fresh model directory per test, deterministic runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type HookLogEntry, Simulator, type SimulatorOptions } from '../src/index.js';

/** Opens a fresh model; concurrency 1 makes the hook order deterministic. */
export function openSim(opts: Partial<SimulatorOptions> = {}): Simulator {
  const modelDir = opts.modelDir ?? mkdtempSync(join(tmpdir(), 'ops-ts-sim-test-'));
  return Simulator.open({ ...opts, modelDir, concurrency: opts.concurrency ?? 1 });
}

/** A hook as the tests write it: `hook` or `hook(remote)`. */
export function label(e: HookLogEntry): string {
  const remote = e.remoteUnit ?? e.remoteApp;
  return remote ? `${e.hook}(${remote})` : e.hook;
}

/** The hooks a unit ran, in order, from `since` (a hook-log sequence number). */
export function hooksOf(sim: Simulator, unit: string, since = 0): string[] {
  return sim
    .hookLog()
    .filter((e) => e.unit === unit && e.seq > since)
    .map(label);
}

/** The last hook-log sequence number. */
export function lastSeq(sim: Simulator): number {
  return sim.sim.hookSeq;
}
