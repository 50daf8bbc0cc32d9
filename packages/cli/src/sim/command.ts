/** The `ops-ts sim` command group: a local Juju model for packed charms. */

import { modelDirFor, Simulator, simHome } from '@ops-ts/sim';
import { Command } from 'commander';
import { envLines, writeShim } from '../juju/env.js';
import { faultCommands } from './commands-faults.js';
import { modelCommands } from './commands-model.js';
import { opsCommands } from './commands-ops.js';
import { viewCommands } from './commands-view.js';
import { workloadCommands } from './commands-workloads.js';
import { type CommandEnv, withModelOptions } from './common.js';
import { exitQuietlyOnClosedPipe } from './output.js';
import { playScript, readScript } from './run-script.js';
import { type ModelOptions, openModel, pebbleDaemonCommand, printProgress, type Session } from './session.js';

/** Builds the `sim` group (fresh each time: run-script parses every step with a new tree). */
export function simCommand(env: CommandEnv = { open: openModel, baseDir: process.cwd() }): Command {
  exitQuietlyOnClosedPipe();
  const group = new Command('sim').description(
    "a local Juju model that runs packed charms' hooks as real processes (model in .sim/<model>)",
  );
  // The real-workload daemon is started by the simulator itself.
  for (const cmd of [
    ...modelCommands(env),
    ...opsCommands(env),
    ...viewCommands(env),
    ...workloadCommands(env),
    ...faultCommands(env),
  ])
    group.addCommand(cmd, { hidden: cmd.name() === 'pebble-daemon' });
  group.addCommand(
    withModelOptions(new Command('run-script'))
      .description('play a YAML list of sim steps (e.g. "- deploy ./x.charm") against one model')
      .argument('<file>')
      .action(async (file: string, opts: ModelOptions) => {
        const script = readScript(file);
        const quiet = opts.quiet ?? false;
        const sim = Simulator.open({
          modelDir: modelDirFor(opts),
          pebbleDaemon: pebbleDaemonCommand(),
          ...(quiet ? {} : { onEvent: (e) => printProgress(e, (l) => process.stderr.write(`${l}\n`)) }),
        });
        const shared: Session = { sim, done: async () => {} };
        try {
          await playScript(
            script.steps,
            () => simCommand({ open: () => shared, baseDir: script.baseDir }),
            (line) => quiet || process.stderr.write(`${line}\n`),
          );
        } finally {
          await sim.close();
        }
      }),
  );
  group.addCommand(
    new Command('env')
      .description(
        'write the `juju` shim (runs `ops-ts juju`) and print the shell lines that put it on PATH: eval "$(ops-ts sim env)"',
      )
      .action(() => {
        const home = simHome();
        process.stdout.write(envLines(home, writeShim(home)));
      }),
  );
  return group;
}
