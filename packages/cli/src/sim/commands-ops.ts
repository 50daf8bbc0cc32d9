/** `sim` subcommands that run things: actions, secrets, update-status, resolve, wait. */

import { readFileSync } from 'node:fs';
import { parseKeyValues, parseSecretContent, parseSecretFile, SimError } from '@ops-ts/sim';
import { Command } from 'commander';
import { act, type CommandEnv, pathFrom, warnErrors, withModelOptions, withWait } from './common.js';
import { formatDoc, parseFormat } from './output.js';
import type { ModelOptions } from './session.js';

type Opts = ModelOptions & { wait?: boolean };

/** `--file PATH` or `--file -` (stdin) of add-secret. */
function secretFile(env: CommandEnv, file: string): Record<string, string> {
  if (file === '-') return parseSecretFile(readFileSync(0, 'utf8'), 'stdin');
  let text: string;
  try {
    text = readFileSync(pathFrom(env, file), 'utf8');
  } catch (error) {
    throw new SimError(
      `cannot read secret content from ${file}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return parseSecretFile(text, file);
}

/** run, add-secret, grant-secret, update-status, resolve, wait. */
export function opsCommands(env: CommandEnv): Command[] {
  const run = withModelOptions(new Command('run'))
    .description('run an action on a unit and print its results')
    .argument('<unit>')
    .argument('<action>')
    .argument('[params...]', 'key=value parameters (values are YAML)')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action((unit: string, action: string, params: string[], opts: Opts & { format: string }) =>
      act(env, { ...opts, wait: false }, async (sim) => {
        const format = parseFormat(opts.format, ['yaml', 'json']);
        const record = await sim.runAction(unit, action, parseKeyValues(params, 'action parameter'));
        const doc = {
          id: record.id,
          unit: record.unit,
          status: record.status,
          ...(record.failureMessage ? { message: record.failureMessage } : {}),
          results: record.results,
          ...(record.logs.length > 0 ? { log: record.logs.map((l) => l.message) } : {}),
        };
        process.stdout.write(formatDoc(doc, format));
        warnErrors(sim);
        if (record.status !== 'completed') process.exitCode = 1;
      }),
    );

  const addSecret = withModelOptions(new Command('add-secret'))
    .description('add a user secret (prints its URI)')
    .argument('<name>')
    .argument(
      '[data...]',
      'key=value pairs; key#file=PATH reads the value from a file (keep secrets off argv)',
    )
    .option('--file <path>', 'YAML mapping of keys to values; "-" reads it from stdin')
    .option('--info <text>', 'description')
    .action((name: string, data: string[], opts: Opts & { info?: string; file?: string }) =>
      act(env, { ...opts, wait: false }, (sim) => {
        const content = {
          ...(opts.file !== undefined ? secretFile(env, opts.file) : {}),
          ...parseSecretContent(data, process.cwd()),
        };
        process.stdout.write(`${sim.addSecret(name, content, opts.info)}\n`);
      }),
    );

  const grantSecret = withModelOptions(new Command('grant-secret'))
    .description('grant applications read access to a user secret')
    .argument('<secret>', 'name or URI')
    .argument('<apps>', 'comma-separated application names')
    .action((secret: string, apps: string, opts: Opts) =>
      act(env, { ...opts, wait: false }, (sim) =>
        sim.grantSecret(
          secret,
          apps.split(',').filter((a) => a !== ''),
        ),
      ),
    );

  const updateStatus = withWait(withModelOptions(new Command('update-status')))
    .description('run update-status on every started unit')
    .action((opts: Opts) => act(env, opts, (sim) => sim.queueUpdateStatus()));

  const resolve = withWait(withModelOptions(new Command('resolve')))
    .alias('resolved')
    .description("clear a unit's error and retry the failed hook")
    .argument('<unit>')
    .option('--no-retry', 'skip the failed hook instead of running it again')
    .action((unit: string, opts: Opts & { retry: boolean }) =>
      act(env, opts, (sim) => sim.resolve(unit, opts.retry)),
    );

  const wait = withModelOptions(new Command('wait'))
    .description('run queued hooks until none is pending; fails if a unit is in error')
    .action((opts: Opts) =>
      act(env, { ...opts, wait: false }, async (sim) => {
        await sim.settle();
        const errors = sim.unitsInError();
        if (errors.length > 0) {
          throw new Error(`units in error: ${errors.map((e) => `${e.unit} (${e.message})`).join(', ')}`);
        }
      }),
    );

  const execStub = withModelOptions(new Command('exec-stub'))
    .description(
      'answer exec of a command (prefix) in a container with canned output; e.g. -- python3 --version',
    )
    .argument('<app>')
    .argument('<container>')
    .argument('<command...>', 'the command prefix (put it after --)')
    .option('--stdout <text>', 'standard output', '')
    .option('--stderr <text>', 'standard error', '')
    .option('--exit-code <n>', 'exit code', (v) => Number(v), 0)
    .action(
      (
        app: string,
        container: string,
        command: string[],
        opts: Opts & { stdout: string; stderr: string; exitCode: number },
      ) =>
        act(env, { ...opts, wait: false }, (sim) =>
          sim.addExecStub(app, {
            container,
            command,
            stdout: opts.stdout,
            stderr: opts.stderr,
            exitCode: opts.exitCode,
          }),
        ),
    );

  return [run, addSecret, grantSecret, updateStatus, resolve, wait, execStub];
}
