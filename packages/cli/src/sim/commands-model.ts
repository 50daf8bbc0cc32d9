/** `sim` subcommands that shape the model: deploy, scale, integrate, config, refresh, remove. */

import { parseKeyValues, SimError } from '@ops-ts/sim';
import { Command } from 'commander';
import { act, type CommandEnv, collect, configArgs, pathFrom, withModelOptions, withWait } from './common.js';
import { formatDoc, parseFormat } from './output.js';
import type { ModelOptions } from './session.js';

type Opts = ModelOptions & { wait?: boolean };

function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value)) throw new Error(`expected a whole number, got ${JSON.stringify(value)}`);
  return n;
}

/** `--workload-port` values (`8080`, `web:8080`) by container ('' for every container). */
function workloadPorts(values: readonly string[]): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const value of values) {
    const match = /^(?:([^:]+):)?(\d+)$/.exec(value);
    const port = Number(match?.[2]);
    if (!match || port < 1 || port > 65535)
      throw new SimError(
        `invalid --workload-port ${JSON.stringify(value)} (expected [container:]port, port 1-65535)`,
      );
    const container = match[1] ?? '';
    out[container] = [...(out[container] ?? []), port];
  }
  return out;
}

/** deploy, add-unit, remove-unit, remove-application, refresh, integrate, remove-relation, config. */
export function modelCommands(env: CommandEnv): Command[] {
  const deploy = withWait(withModelOptions(new Command('deploy')))
    .description("deploy a packed .charm as an application and run its units' install hooks")
    .argument('<charm>', 'the .charm file')
    .argument('[app]', 'application name (default: the charm name)')
    .option('--config <k=v|file>', 'config value or YAML file (repeatable)', collect, [])
    .option('-n, --num-units <n>', 'number of units', positiveInt, 1)
    .option('--trust', 'grant access to the cloud credential')
    .option(
      '--workloads <mode>',
      'stub (canned exec answers, services only change state) or real (a Pebble daemon per container runs services, exec and checks as host processes)',
      'stub',
    )
    .option(
      '--workload-port <[container:]port>',
      'with --workloads real: a container port the workload listens on; gets OPS_TS_PORT_<port> (repeatable)',
      collect,
      [],
    )
    .action(
      (
        charm: string,
        app: string | undefined,
        opts: Opts & {
          config: string[];
          numUnits: number;
          trust?: boolean;
          workloads: string;
          workloadPort: string[];
        },
      ) =>
        act(env, opts, (sim) => {
          const name = sim.deploy(pathFrom(env, charm), {
            ...(app ? { app } : {}),
            config: configArgs(env, app, opts.config),
            numUnits: opts.numUnits,
            trust: opts.trust ?? false,
            workloads: opts.workloads as 'stub' | 'real',
            workloadPorts: workloadPorts(opts.workloadPort),
          });
          if (!opts.quiet) process.stderr.write(`Deployed "${name}" from local charm ${charm}\n`);
        }),
    );

  const addUnit = withWait(withModelOptions(new Command('add-unit')))
    .description('add units to an application')
    .argument('<app>')
    .option('-n, --num-units <n>', 'number of units', positiveInt, 1)
    .action((app: string, opts: Opts & { numUnits: number }) =>
      act(env, opts, (sim) => sim.addUnit(app, opts.numUnits)),
    );

  const removeUnit = withWait(withModelOptions(new Command('remove-unit')))
    .description('remove units (stop, departed, broken, remove hooks)')
    .argument('<units...>')
    .option('--force', 'delete at once, without teardown hooks')
    .action((units: string[], opts: Opts & { force?: boolean }) =>
      act(env, opts, (sim) => sim.removeUnit(units, opts.force ?? false)),
    );

  const removeApp = withWait(withModelOptions(new Command('remove-application')))
    .description('remove an application, its units and relations')
    .argument('<app>')
    .option('--force', 'delete its units at once, without teardown hooks')
    .action((app: string, opts: Opts & { force?: boolean }) =>
      act(env, opts, (sim) => sim.removeApplication(app, opts.force ?? false)),
    );

  const refresh = withWait(withModelOptions(new Command('refresh')))
    .description('upgrade an application to a new build of its charm (upgrade-charm)')
    .argument('<app>')
    .requiredOption('--path <charm>', 'the new .charm file')
    .action((app: string, opts: Opts & { path: string }) =>
      act(env, opts, (sim) => sim.refresh(app, pathFrom(env, opts.path))),
    );

  const integrate = withWait(withModelOptions(new Command('integrate')))
    .alias('relate')
    .description('integrate two applications (app or app:endpoint)')
    .argument('<a>')
    .argument('<b>')
    .action((a: string, b: string, opts: Opts) => act(env, opts, (sim) => sim.integrate(a, b)));

  const removeRelation = withWait(withModelOptions(new Command('remove-relation')))
    .description('remove a relation (two endpoints, or its id)')
    .argument('<a>')
    .argument('[b]')
    .action((a: string, b: string | undefined, opts: Opts) =>
      act(env, opts, (sim) => sim.removeRelation(a, b)),
    );

  const config = withWait(withModelOptions(new Command('config')))
    .description("show an application's config, or set k=v values (config-changed)")
    .argument('<app>')
    .argument('[settings...]', 'key=value pairs')
    .option('--reset <keys>', 'reset keys to their defaults (comma-separated, repeatable)', collect, [])
    .option('--format <format>', 'yaml or json', 'yaml')
    .action((app: string, settings: string[], opts: Opts & { reset: string[]; format: string }) => {
      const reset = opts.reset.flatMap((r) => r.split(',')).filter((r) => r !== '');
      const show = settings.length === 0 && reset.length === 0;
      const single = settings.length === 1 && !settings[0]?.includes('=') ? settings[0] : undefined;
      return act(env, show || single ? { ...opts, wait: false, readOnly: true } : opts, (sim) => {
        if (show || single) {
          const all = sim.getConfig(app);
          if (single !== undefined) {
            const setting = all[single];
            if (!setting) throw new Error(`unknown option ${JSON.stringify(single)}`);
            process.stdout.write(
              `${typeof setting.value === 'string' ? setting.value : JSON.stringify(setting.value)}\n`,
            );
            return;
          }
          const doc = {
            application: app,
            charm: String(sim.state.applications[app]?.charm.metadata.name ?? ''),
            settings: all,
          };
          process.stdout.write(formatDoc(doc, parseFormat(opts.format, ['yaml', 'json'])));
          return;
        }
        sim.setConfig(app, parseKeyValues(settings, 'config'), reset);
      });
    });

  return [deploy, addUnit, removeUnit, removeApp, refresh, integrate, removeRelation, config];
}
