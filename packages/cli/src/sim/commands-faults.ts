/** `sim fault add|list|clear`: injected faults that later hooks run into (packages/sim faults/). */

import { describeFault, type FaultScope, type FaultSpec, SimError } from '@ops-ts/sim';
import { Command } from 'commander';
import { act, type CommandEnv, withModelOptions } from './common.js';
import { formatDoc, parseFormat } from './output.js';
import type { ModelOptions } from './session.js';

interface AddOpts extends ModelOptions {
  pebble?: boolean;
  unit?: string;
  app?: string;
  hook?: string;
  tool?: string;
  call?: string;
  container?: string;
  request?: string;
  effect?: string;
  status?: string;
  message?: string;
  times?: string;
}

/** A whole-number option, refused with its name when it is not one. */
function count(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new SimError(`invalid ${name} ${JSON.stringify(value)} (expected a whole number)`);
  return Number(value);
}

/** The spec the options describe (checked in full by the simulator). */
function specOf(opts: AddOpts): FaultSpec {
  if (opts.effect === undefined) throw new SimError('missing --effect');
  const call = count('--call', opts.call);
  const times = count('--times', opts.times);
  const scope: FaultScope = {
    ...(opts.unit !== undefined ? { unit: opts.unit } : {}),
    ...(opts.app !== undefined ? { app: opts.app } : {}),
    ...(opts.hook !== undefined ? { hook: opts.hook } : {}),
    ...(call !== undefined ? { call } : {}),
    ...(times !== undefined ? { times } : {}),
  };
  if (opts.pebble) {
    if (opts.tool !== undefined) throw new SimError('--tool is for hook-tool faults, not --pebble');
    const status = count('--status', opts.status);
    return {
      kind: 'pebble',
      ...scope,
      unit: opts.unit ?? '',
      container: opts.container ?? '',
      effect: opts.effect as 'error',
      ...(opts.request !== undefined ? { request: opts.request } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(opts.message !== undefined ? { message: opts.message } : {}),
    };
  }
  for (const [flag, value] of [
    ['--container', opts.container],
    ['--request', opts.request],
    ['--status', opts.status],
  ] as const) {
    if (value !== undefined) throw new SimError(`${flag} needs --pebble`);
  }
  return {
    kind: 'tool',
    ...scope,
    effect: opts.effect as 'fail',
    ...(opts.tool !== undefined ? { tool: opts.tool } : {}),
    ...(opts.message !== undefined ? { message: opts.message } : {}),
  };
}

/** The `fault` group. */
export function faultCommands(env: CommandEnv): Command[] {
  const group = new Command('fault').description(
    "inject faults into later hooks: a hook-tool call fails or hangs, a container's Pebble errs, resets or never answers",
  );
  group.addCommand(
    withModelOptions(new Command('add'))
      .description(
        'add a fault (prints its id); e.g. --tool relation-set --effect fail, or --pebble --unit web/0 --container app --effect error',
      )
      .option('--unit <unit>', 'only this unit (required with --pebble)')
      .option('--app <app>', "only this application's units")
      .option('--hook <name>', 'only this hook (e.g. config-changed, action:rotate-password)')
      .option('--tool <tool>', 'only calls of this hook tool (e.g. relation-set)')
      .option('--call <n>', 'only the nth matching call (or Pebble request) of each hook run, from 1')
      .option('--pebble', "a fault of the unit's Pebble instead of a hook tool")
      .option('--container <name>', 'the container (with --pebble)')
      .option('--request <pattern>', 'only requests like "POST /v1/layers" (with --pebble)')
      .option('--effect <effect>', 'fail|hang (hook tool), error|refuse|timeout (Pebble)')
      .option('--status <code>', 'HTTP status of an error answer (default 500)')
      .option('--message <text>', 'the error text (default: "connection is shut down" for a tool)')
      .option('--times <n>', 'fire this many times, then stay spent')
      .action((opts: AddOpts) =>
        act(env, { ...opts, wait: false }, (sim) => {
          const fault = sim.addFault(specOf(opts));
          process.stdout.write(`${fault.id}\n`);
          if (!opts.quiet) process.stderr.write(`Added fault ${fault.id}: ${describeFault(fault)}\n`);
        }),
      ),
  );
  group.addCommand(
    withModelOptions(new Command('list'))
      .description('list the faults with how often each fired')
      .option('--format <format>', 'tabular, json or yaml', 'tabular')
      .action((opts: ModelOptions & { format: string }) =>
        act(env, { ...opts, wait: false, quiet: true, readOnly: true }, (sim) => {
          const format = parseFormat(opts.format, ['tabular', 'json', 'yaml']);
          const faults = sim.faults();
          if (format !== 'tabular') process.stdout.write(formatDoc(faults, format));
          else if (faults.length === 0) process.stderr.write('No faults.\n');
          else process.stdout.write(faults.map((f) => `${f.id}  ${describeFault(f)}\n`).join(''));
        }),
      ),
  );
  group.addCommand(
    withModelOptions(new Command('clear'))
      .description('remove a fault by id, or every fault with --all')
      .argument('[id]')
      .option('--all', 'remove every fault')
      .action((id: string | undefined, opts: ModelOptions & { all?: boolean }) =>
        act(env, { ...opts, wait: false }, (sim) => {
          if ((id === undefined) === !opts.all) throw new SimError('name a fault id or pass --all');
          const removed = sim.clearFaults(count('fault id', id));
          if (!opts.quiet) process.stderr.write(`Removed ${removed} fault(s)\n`);
        }),
      ),
  );
  return [group];
}
