/** Helpers shared by the `sim` subcommands. */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Simulator } from '@ops-ts/sim';
import { parseKeyValues, parseUserYaml, SimError } from '@ops-ts/sim';
import type { Command } from 'commander';
import type { ModelOptions, Opener } from './session.js';

/** What the subcommands are built with. */
export interface CommandEnv {
  /** Opens the model. */
  open: Opener;
  /** Relative paths (charm files, config files) are resolved from here. */
  baseDir: string;
}

/** Adds `--model`, `--model-dir` and `--quiet`. */
export function withModelOptions(cmd: Command): Command {
  return cmd
    .option('-m, --model <name>', 'model name: the model lives in .sim/<name> (default "sim")')
    .option('--model-dir <dir>', 'model directory (default $OPS_TS_SIM_DIR, else .sim/<model>)')
    .option('-q, --quiet', 'no progress output');
}

/** Adds `--no-wait` to commands that queue hooks. */
export function withWait(cmd: Command): Command {
  return cmd.option('--no-wait', 'only queue the hooks; `sim wait` runs them');
}

/** Opens the model, runs `fn`, settles unless `--no-wait`, and always saves and unlocks. */
export async function act(
  env: CommandEnv,
  opts: ModelOptions & { wait?: boolean },
  fn: (sim: Simulator) => unknown,
): Promise<void> {
  const session = env.open(opts);
  try {
    await fn(session.sim);
    if (opts.wait !== false) {
      await session.sim.settle();
      warnErrors(session.sim);
    }
  } finally {
    await session.done();
  }
}

/** Prints a warning per unit halted by a failed hook. */
export function warnErrors(sim: Simulator): void {
  for (const { unit, message } of sim.unitsInError()) {
    process.stderr.write(
      `WARNING ${unit} is in error: ${message} (see \`sim debug-log\`; retry with \`sim resolve ${unit}\`)\n`,
    );
  }
}

/** A path relative to the command's base directory. */
export function pathFrom(env: CommandEnv, path: string): string {
  return isAbsolute(path) ? path : resolve(env.baseDir, path);
}

/** Collects a repeatable option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `--config` values: `k=v`, or a YAML file with the settings (flat, or under the application's
 * name as `juju deploy --config file.yaml` reads it).
 */
export function configArgs(
  env: CommandEnv,
  app: string | undefined,
  args: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    if (arg.includes('=')) {
      Object.assign(out, parseKeyValues([arg], 'config'));
      continue;
    }
    let doc: unknown;
    try {
      doc = parseUserYaml(readFileSync(pathFrom(env, arg), 'utf8'));
    } catch (error) {
      throw new SimError(`cannot read config file ${arg}: ${(error as Error).message.split('\n')[0]}`);
    }
    const record = (v: unknown): v is Record<string, unknown> =>
      typeof v === 'object' && v !== null && !Array.isArray(v);
    const settings = record(doc) && app && record(doc[app]) ? doc[app] : doc;
    if (!record(settings)) throw new SimError(`config file ${arg} is not a mapping`);
    for (const [k, v] of Object.entries(settings)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}
