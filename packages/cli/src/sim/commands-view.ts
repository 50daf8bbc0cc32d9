/** `sim` subcommands that show the model: status, show-unit, debug-log, plan, hook-log. */

import { renderStatus, renderTable } from '@ops-ts/sim';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { act, type CommandEnv, withModelOptions } from './common.js';
import { formatDoc, parseFormat } from './output.js';
import type { ModelOptions } from './session.js';

type Opts = ModelOptions & { format: string };
const view = (opts: ModelOptions) => ({ ...opts, wait: false, quiet: true, readOnly: true });

/** status, show-unit, debug-log, plan, hook-log. */
export function viewCommands(env: CommandEnv): Command[] {
  const status = withModelOptions(new Command('status'))
    .description('show applications, units and integrations (like juju status)')
    .option('--format <format>', 'tabular, json or yaml', 'tabular')
    .action((opts: Opts) =>
      act(env, view(opts), (sim) => {
        const format = parseFormat(opts.format, ['tabular', 'json', 'yaml']);
        const doc = sim.status();
        process.stdout.write(format === 'tabular' ? renderStatus(doc) : formatDoc(doc, format));
      }),
    );

  const showUnit = withModelOptions(new Command('show-unit'))
    .description('show a unit and the relation data of each of its relations')
    .argument('<units...>')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action((units: string[], opts: Opts) =>
      act(env, view(opts), (sim) => {
        const doc = Object.fromEntries(units.map((u) => [u, sim.showUnit(u)]));
        process.stdout.write(formatDoc(doc, parseFormat(opts.format, ['yaml', 'json'])));
      }),
    );

  const debugLog = withModelOptions(new Command('debug-log'))
    .description("print the model's log (juju-log, hook output and results)")
    .option(
      '-i, --include <entity>',
      'only this unit or application (repeatable)',
      (v, p: string[] = []) => [...p, v],
      [],
    )
    .option('-l, --level <level>', 'minimum level', 'DEBUG')
    .option('-n, --lines <n>', 'only the last n lines', (v) => Number(v))
    .action((opts: ModelOptions & { include: string[]; level: string; lines?: number }) =>
      act(env, view(opts), (sim) => {
        const lines = sim.debugLog({
          include: opts.include,
          level: opts.level,
          ...(opts.lines !== undefined ? { lines: opts.lines } : {}),
        });
        if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
      }),
    );

  const plan = withModelOptions(new Command('plan'))
    .description("print a container's Pebble plan (secret-looking values redacted)")
    .argument('<unit>')
    .argument('[container]', 'container name (default: the first)')
    .option('--reveal', 'do not redact')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action((unit: string, container: string | undefined, opts: Opts & { reveal?: boolean }) =>
      act(env, view(opts), (sim) => {
        const name = container ?? Object.keys(sim.sim.pebble[unit] ?? {})[0] ?? '';
        const doc = sim.plan(unit, name, opts.reveal ?? false);
        process.stdout.write(formatDoc(doc, parseFormat(opts.format, ['yaml', 'json'])));
      }),
    );

  const hookLog = withModelOptions(new Command('hook-log'))
    .description('print the hooks run so far, in order')
    .option('-i, --include <entity>', 'only this unit or application')
    .option('--format <format>', 'tabular, json or yaml', 'tabular')
    .action((opts: Opts & { include?: string }) =>
      act(env, view(opts), (sim) => {
        const format = parseFormat(opts.format, ['tabular', 'json', 'yaml']);
        const inc = opts.include;
        const entries = sim.hookLog().filter((e) => !inc || e.unit === inc || e.unit.startsWith(`${inc}/`));
        if (format !== 'tabular') {
          process.stdout.write(format === 'json' ? `${JSON.stringify(entries)}\n` : stringify(entries));
          return;
        }
        const rows = [['Seq', 'Unit', 'Hook', 'Remote', 'Exit', 'ms']];
        for (const e of entries) {
          rows.push([
            String(e.seq),
            e.unit,
            e.hook,
            e.remoteUnit ?? e.remoteApp ?? '',
            String(e.exitCode),
            String(e.durationMs),
          ]);
        }
        process.stdout.write(renderTable(rows));
      }),
    );

  return [status, showUnit, debugLog, plan, hookLog];
}
