/** `sim` subcommands for the workloads: service stand-ins, stopping them, destroying the model. */

import { ModelStore, modelDirFor, runPebbleDaemon, SimError, Simulator } from '@ops-ts/sim';
import { Command } from 'commander';
import { act, type CommandEnv, collect, withModelOptions } from './common.js';
import type { ModelOptions } from './session.js';

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > 65535) {
    throw new SimError(`invalid port ${JSON.stringify(value)} (expected 1-65535)`);
  }
  return n;
}

/** service-stand-in, stop-workloads, destroy-model. */
export function workloadCommands(env: CommandEnv): Command[] {
  const standIn = withModelOptions(new Command('service-stand-in'))
    .description(
      "run a host command in place of a Pebble service's command for every unit of an application; e.g. --port 8080 -- node ./fake.mjs",
    )
    .argument('<app>')
    .argument('<container>')
    .argument('<service>')
    .argument('<command...>', 'the command to run (put it after --)')
    .option('--port <n>', 'container port the workload listens on (repeatable)', collect, [])
    .action(
      (
        app: string,
        container: string,
        service: string,
        command: string[],
        opts: ModelOptions & { port: string[] },
      ) =>
        act(env, { ...opts, wait: false }, (sim) =>
          sim.addServiceStandIn(app, container, service, command, {
            ports: opts.port.map(port),
            cwd: env.baseDir,
          }),
        ),
    );

  const stop = withModelOptions(new Command('stop-workloads'))
    .description(
      'kill the service stand-ins and real-workload Pebble daemons of these units or applications (all when none is named)',
    )
    .argument('[names...]', 'units or applications')
    .action((names: string[], opts: ModelOptions) =>
      act(env, { ...opts, wait: false }, (sim) => sim.stopWorkloads(names)),
    );

  const destroy = withModelOptions(new Command('destroy-model'))
    .description('kill every service stand-in and delete the model directory')
    .action(async (opts: ModelOptions) => {
      const dir = modelDirFor(opts);
      if (!new ModelStore(dir).exists()) throw new SimError(`no model in ${dir}`);
      await Simulator.open({ modelDir: dir }).destroy();
      if (!opts.quiet) process.stderr.write(`Destroyed model in ${dir}\n`);
    });

  // Started by the simulator for real workloads, detached; not for people to run.
  const daemon = new Command('pebble-daemon')
    .description('(internal) run the Pebble daemon of one real-workload container')
    .argument('<config>', 'the daemon config file the simulator wrote')
    .action((config: string) => runPebbleDaemon(config));

  return [standIn, stop, destroy, daemon];
}
