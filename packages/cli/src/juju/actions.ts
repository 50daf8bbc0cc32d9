/**
 * `run`, `exec`, `resolve` and `show-task` (juju/juju cmd/juju/action/run.go, runcommon.go, exec.go,
 * showtask.go; cmd/juju/application/resolved.go). The output (task-output.ts) is a document keyed by
 * unit, each task with `id`, `status`, `unit`, `results` (with `return-code`, `stdout`, `stderr`),
 * `log`, `message`, `timing`, or the plain text; a task whose return code is 1 or more fails the
 * command after the output ("the following task failed").
 */
import { readFileSync } from 'node:fs';
import {
  type ActionRecord,
  type JsonObject,
  type JsonValue,
  parseUserYaml,
  SimError,
  type Simulator,
} from '@ops-ts/sim';
import { changeModel, readModel, type Verb, type VerbContext } from './context.js';
import { APP_NAME, pathArg, UNIT_NAME } from './deploy.js';
import { checkEmpty, goQuote, parseDuration, UsageError } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf, goTime } from './output.js';
import { execPlainOutput, plainOutput, type TaskDoc, taskDoc, writeTasks } from './task-output.js';

/** A unit or `<application>/leader` (action package validUnitOrLeader). */
const UNIT = /^([a-z][a-z0-9]*(?:-[a-z0-9]*[a-z][a-z0-9]*)*)\/(0|[1-9][0-9]*|leader)$/;

/** An action name or parameter key (charm's action name rule, run.go nameRule). */
const NAME_RULE = /^[a-z](?:[a-z-]*[a-z])?$/;

/** `app/leader` → the leader's unit name (run.go: the controller resolves it). */
function resolveUnit(sim: Simulator, target: string): string {
  if (!target.endsWith('/leader')) return target;
  const app = target.slice(0, -'/leader'.length);
  const leader = sim.state.applications[app]?.leader;
  if (!leader) throw new SimError(`could not determine leader for ${JSON.stringify(app)}`);
  return leader;
}

/** Sets `value` at a dotted key path (run.go addValueToMap: `a.b=c` is `{a: {b: c}}`). */
function setPath(target: JsonObject, keys: readonly string[], value: JsonValue): void {
  let next = target;
  keys.forEach((key, i) => {
    if (i === keys.length - 1) {
      next[key] = value;
      return;
    }
    const inner = next[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) next = inner;
    else {
      const made: JsonObject = {};
      next[key] = made;
      next = made;
    }
  });
}

/**
 * Action parameters from `--params FILE` then `k=v` arguments (dotted keys nest; values are YAML
 * unless `--string-args`), passed on as text the simulator reads as YAML: scalars as typed, nested
 * values as JSON.
 */
function actionParams(ctx: VerbContext, args: readonly string[]): Record<string, string> {
  const params: JsonObject = {};
  const raw: Record<string, string> = {};
  const file = ctx.flags.string('params');
  if (file !== undefined) {
    let doc: unknown;
    try {
      doc = parseUserYaml(readFileSync(pathArg(ctx, file), 'utf8'));
    } catch (error) {
      throw new SimError(`cannot read --params ${file}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (doc !== null && doc !== undefined) {
      if (typeof doc !== 'object' || Array.isArray(doc))
        throw new SimError(`--params ${file} must hold a YAML mapping`);
      Object.assign(params, doc as JsonObject);
    }
  }
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const keys = eq >= 0 ? arg.slice(0, eq).split('.') : [];
    // run.go Init checks these before anything runs; they are usage errors.
    if (eq < 0) throw new UsageError(`argument ${goQuote(arg)} must be of the form key.key.key...=value`);
    const bad = keys.find((k) => !NAME_RULE.test(k));
    if (bad !== undefined)
      throw new UsageError(
        `key ${goQuote(bad)} must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric and hyphens`,
      );
    const text = arg.slice(eq + 1);
    if (keys.length === 1 && keys[0] !== undefined) {
      delete params[keys[0]];
      raw[keys[0]] = ctx.flags.bool('string-args') ? JSON.stringify(text) : text;
    } else {
      let value: JsonValue = text;
      if (!ctx.flags.bool('string-args')) {
        try {
          value = (parseUserYaml(text) as JsonValue | undefined) ?? '';
        } catch {
          value = text;
        }
      }
      if (keys[0] !== undefined) delete raw[keys[0]];
      setPath(params, keys, value);
    }
  }
  return { ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, JSON.stringify(v)])), ...raw };
}

const RUN_FLAGS = [
  FORMAT_FLAG,
  { names: ['wait'], kind: 'string' as const },
  { names: ['background'], kind: 'bool' as const },
  { names: ['color'], kind: 'bool' as const },
  { names: ['no-color'], kind: 'bool' as const },
  { names: ['utc'], kind: 'bool' as const },
];

/** common.go runCommandBase.Init: `--wait` and `--background` exclude each other; the simulator always waits. */
function checkWait(ctx: VerbContext): void {
  const wait = ctx.flags.string('wait');
  const ms = wait === undefined ? 0 : parseDuration(wait, 'wait');
  if (ctx.flags.bool('background') && ms > 0)
    throw new UsageError('cannot specify both --wait and --background');
  if (ctx.flags.bool('background'))
    throw new SimError('--background is not offered by the simulator: actions run while the command waits');
}

const run: Verb = {
  name: 'run',
  summary: 'Run an action on a specified unit.',
  usage: '<unit> [<unit> ...] <action name> [<key>=<value> [<key>[.<key> ...]=<value>]]',
  modelFlag: true,
  flags: [...RUN_FLAGS, { names: ['params'], kind: 'string' }, { names: ['string-args'], kind: 'bool' }],
  run(ctx) {
    const format = formatOf(ctx.flags, 'plain', ['plain', 'yaml', 'json']);
    checkWait(ctx);
    const args = ctx.flags.args;
    // run.go Init: units, then the action name, then key=value arguments.
    let n = 0;
    while (n < args.length && UNIT.test(args[n] ?? '')) n++;
    const action = args[n];
    if (action !== undefined && !NAME_RULE.test(action))
      throw new UsageError(`invalid unit or action name ${goQuote(action)}`);
    const targets = args.slice(0, n);
    if (targets.length === 0) throw new UsageError('no unit specified');
    if (action === undefined) throw new UsageError('no action specified');
    if (new Set(targets.map((t) => t.split('/')[0])).size > 1)
      throw new UsageError('all units must be of the same application');
    const params = actionParams(ctx, args.slice(n + 1));
    return changeModel(ctx, async (sim) => {
      const tasks: Record<string, TaskDoc> = {};
      const errors: string[] = [];
      for (const target of targets) {
        let unit: string;
        try {
          unit = resolveUnit(sim, target);
        } catch (error) {
          errors.push((error as Error).message);
          continue;
        }
        const enqueued = goTime(new Date().toISOString());
        let record: ActionRecord;
        try {
          record = await sim.runAction(unit, action, params);
        } catch (error) {
          if (!(error instanceof SimError)) throw error;
          errors.push(error.message);
          continue;
        }
        const completed = goTime(new Date().toISOString());
        if (format === 'plain') {
          ctx.io.stderr(
            `Running operation ${record.id} with 1 task\n  - task ${record.id} on unit-${unit.replace('/', '-')}\n\n`,
          );
          ctx.io.stderr(`Waiting for task ${record.id}...\n`);
        }
        tasks[unit] = taskDoc(record, { completed, enqueued, started: enqueued });
      }
      if (Object.keys(tasks).length === 0) {
        // runcommon.go: nothing could be queued; juju 3.6 says so and exits 0 with no output.
        ctx.io.stderr(
          `Operation ${sim.state.counters.action + 1} failed to schedule any tasks:\n${errors.join('\n')}\n`,
        );
        return 0;
      }
      if (errors.length > 0) ctx.io.stderr(`Some actions could not be scheduled:\n${errors.join('\n')}\n\n`);
      return writeTasks(ctx, format, tasks);
    });
  },
};

const exec: Verb = {
  name: 'exec',
  summary: 'Run the commands on the remote targets specified.',
  usage: '--unit <unit>[,<unit>] -- <commands>',
  modelFlag: true,
  flags: [
    ...RUN_FLAGS,
    { names: ['u', 'unit'], kind: 'list' },
    { names: ['a', 'app', 'application'], kind: 'list' },
    { names: ['machine'], kind: 'list' },
    { names: ['all'], kind: 'bool' },
    { names: ['operator'], kind: 'bool' },
    { names: ['execution-group'], kind: 'string' },
    { names: ['parallel'], kind: 'bool' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'plain', ['plain', 'yaml', 'json']);
    checkWait(ctx);
    const command = ctx.flags.args;
    // exec.go Init.
    if (command.length === 0) throw new UsageError('no commands specified');
    const units = ctx.flags
      .list('unit')
      .flatMap((u) => u.split(','))
      .filter((u) => u !== '');
    const apps = ctx.flags
      .list('app')
      .flatMap((a) => a.split(','))
      .filter((a) => a !== '');
    if (ctx.flags.list('machine').length > 0 || ctx.flags.bool('all'))
      throw new SimError('the simulator has no machine agents: use --unit or --app');
    if (units.length === 0 && apps.length === 0)
      throw new UsageError(
        'You must specify a target, either through --all, --machine, --application or --unit',
      );
    const invalid = [
      ...apps.filter((a) => !APP_NAME.test(a)).map((a) => `  ${goQuote(a)} is not a valid application name`),
      ...units.filter((u) => !UNIT.test(u)).map((u) => `  ${goQuote(u)} is not a valid unit name`),
    ];
    if (invalid.length > 0)
      throw new UsageError(`The following exec targets are not valid:\n${invalid.join('\n')}`);
    return changeModel(ctx, async (sim) => {
      const targets = [
        ...units.map((u) => resolveUnit(sim, u)),
        ...apps.flatMap((a) => {
          const app = sim.state.applications[a];
          if (!app) throw new SimError(`application ${JSON.stringify(a)} not found`);
          return app.units;
        }),
      ];
      const tasks: Record<string, TaskDoc> = {};
      for (const unit of targets) {
        const enqueued = goTime(new Date().toISOString());
        const result = await sim.exec(unit, command);
        const completed = goTime(new Date().toISOString());
        tasks[unit] = {
          id: result.id,
          results: {
            'return-code': result.exitCode,
            ...(result.stdout ? { stdout: result.stdout } : {}),
            ...(result.stderr ? { stderr: result.stderr } : {}),
          },
          status: 'completed',
          timing: { completed, enqueued, started: enqueued },
          unit,
        };
      }
      return writeTasks(ctx, format, tasks, execPlainOutput);
    });
  },
};

const resolve: Verb = {
  name: 'resolve',
  aliases: ['resolved'],
  summary: 'Marks unit errors resolved and re-executes failed hooks.',
  usage: '[<unit> ...] [--no-retry] [--all]',
  modelFlag: true,
  flags: [
    { names: ['no-retry'], kind: 'bool' },
    { names: ['all'], kind: 'bool' },
  ],
  run(ctx) {
    const units = ctx.flags.args;
    // resolved.go Init.
    if (ctx.flags.bool('all') && units.length > 0)
      throw new UsageError('specifying unit names(s) with --all not supported');
    if (!ctx.flags.bool('all') && units.length === 0) throw new UsageError('no unit specified');
    const bad = units.find((u) => !UNIT_NAME.test(u));
    if (bad !== undefined) throw new UsageError(`unit name ${goQuote(bad)} not valid`);
    return changeModel(ctx, (sim) => {
      const targets = ctx.flags.bool('all') ? sim.unitsInError().map((e) => e.unit) : units;
      for (const unit of targets) sim.resolve(unit, !ctx.flags.bool('no-retry'));
      return 0;
    });
  },
};

const showTask: Verb = {
  name: 'show-task',
  summary: 'Show results of a task by ID.',
  usage: '<task ID> [--format plain|yaml|json]',
  modelFlag: true,
  flags: [
    FORMAT_FLAG,
    { names: ['watch'], kind: 'bool' },
    { names: ['wait'], kind: 'string' },
    { names: ['utc'], kind: 'bool' },
  ],
  run(ctx) {
    const format = formatOf(ctx.flags, 'plain', ['plain', 'yaml', 'json']);
    const [id, ...extra] = ctx.flags.args;
    // showtask.go Init: a task ID is a number or a (2.6-era) UUID (names.IsValidAction).
    if (id === undefined) throw new UsageError('no task ID specified');
    if (
      extra.length === 0 &&
      !/^(0|[1-9][0-9]*|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.test(id)
    )
      throw new UsageError(`task ID ${goQuote(id)} not valid`);
    checkEmpty(extra);
    return readModel(ctx, (sim) => {
      const record = sim.state.actions[id];
      // showtask.go: fetchResult's NotFoundf("task %v").
      if (!record) throw new SimError(`task ${id} not found`);
      const { timing: _timing, ...doc } = taskDoc(record, { enqueued: '', started: '', completed: '' });
      if (format === 'plain') ctx.io.stdout(plainOutput({ [record.unit]: doc }));
      else ctx.io.stdout(formatDocument(doc, format));
      return 0;
    });
  },
};

/** The verbs that run things on units. */
export const actionVerbs: readonly Verb[] = [run, exec, resolve, showTask];
