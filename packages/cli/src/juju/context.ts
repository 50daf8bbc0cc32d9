/** What every `ops-ts juju <verb>` runs with: its IO, parsed flags, the models' home, and the open model. */
import { join } from 'node:path';
import { currentModel, ModelLockedError, ModelStore, SIM_CONTROLLER, SimError, Simulator } from '@ops-ts/sim';
import { pebbleDaemonCommand } from '../sim/session.js';
import type { FlagSpec, Flags } from './flags.js';

/** Where a verb writes and what it reads from its environment. */
export interface JujuIO {
  /** Standard output. */
  stdout: (text: string) => void;
  /** Standard error. */
  stderr: (text: string) => void;
  /** The environment (`JUJU_MODEL`, `OPS_TS_SIM_HOME`). */
  env: NodeJS.ProcessEnv;
  /** Relative paths are resolved from here. */
  cwd: string;
  /** Reads all of standard input (`--file -`). */
  readStdin: () => string;
  /** Reads one line of standard input (a confirmation prompt's answer). */
  readLine: () => string;
}

/** One juju verb. */
export interface Verb {
  /** The verb (`status`). */
  name: string;
  /** Other names juju accepts (`relate` for `integrate`). */
  aliases?: readonly string[];
  /** One line for `juju help`. */
  summary: string;
  /** Usage line after the verb. */
  usage: string;
  /** Flags besides `-m/--model` (added when {@link modelFlag}). */
  flags: readonly FlagSpec[];
  /** Whether the verb acts on a model (takes `-m/--model`). */
  modelFlag: boolean;
  /** Runs the verb; returns the exit code (0 when nothing is returned). */
  run: (ctx: VerbContext) => Promise<number | undefined> | number | undefined;
}

/** What a verb runs with. */
export interface VerbContext {
  io: JujuIO;
  flags: Flags;
  /** The models' home directory. */
  home: string;
}

/** The model a command acts on: `-m/--model`, else `$JUJU_MODEL`, else the current model. */
export function selectedModel(ctx: VerbContext): string {
  // `-m ctrl:admin/name` and `-m admin/name` name the same model as `-m name`.
  const strip = (m: string) => m.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
  const flag = ctx.flags.string('model');
  if (flag) return strip(flag);
  if (ctx.io.env.JUJU_MODEL) return strip(ctx.io.env.JUJU_MODEL);
  const current = currentModel(ctx.home);
  if (current) return current;
  // juju/juju cmd/modelcmd/modelcommand.go ErrNoModelSpecified.
  throw new SimError(
    'No selected model.\n\nUse "juju switch" to select one of the models, or "juju add-model" to create a new model.',
  );
}

/** The directory of a model in the home. */
export function modelDir(ctx: VerbContext, name: string): string {
  return join(ctx.home, name);
}

/** The error juju gives for a model that is not there. */
export function modelNotFound(name: string): SimError {
  return new SimError(`model ${SIM_CONTROLLER}:admin/${name} not found`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Opens the selected model; `write` takes its lock, waiting while another command holds it (juju's
 * controller serialises changes; two scripts' commands must not fail for meeting each other).
 */
export async function openSelected(ctx: VerbContext, write: boolean): Promise<Simulator> {
  const name = selectedModel(ctx);
  const dir = modelDir(ctx, name);
  if (!new ModelStore(dir).exists()) throw modelNotFound(name);
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      return Simulator.open({
        modelDir: dir,
        pebbleDaemon: pebbleDaemonCommand(),
        ...(write ? {} : { readOnly: true }),
      });
    } catch (error) {
      if (!(error instanceof ModelLockedError) || Date.now() > deadline) throw error;
      await sleep(50);
    }
  }
}

/** Reads the selected model. */
export async function readModel<T>(ctx: VerbContext, fn: (sim: Simulator) => T | Promise<T>): Promise<T> {
  const sim = await openSelected(ctx, false);
  try {
    return await fn(sim);
  } finally {
    await sim.close();
  }
}

/**
 * Changes the selected model, then runs the hooks the change queued until the model is quiet (the
 * simulator's agents run only while a command runs), then saves and unlocks.
 */
export async function changeModel<T>(ctx: VerbContext, fn: (sim: Simulator) => T | Promise<T>): Promise<T> {
  const sim = await openSelected(ctx, true);
  try {
    const result = await fn(sim);
    await sim.settle();
    return result;
  } finally {
    await sim.close();
  }
}
