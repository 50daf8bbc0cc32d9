/**
 * `debug-log` (juju/juju cmd/juju/commands/debuglog.go): the model's log, last 10 lines unless
 * `--replay` or `-n/--lines`, filtered by entity and level. The simulator's agents run only while a
 * command runs, so there is nothing to tail: the log so far is printed and the command ends.
 */
import { SimError } from '@ops-ts/sim';
import { readModel, type Verb } from './context.js';
import { checkEmpty, goQuote, UsageError } from './flags.js';

const LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARNING', 'ERROR'];

/** juju's entity filters name `unit-app-0`, `application-app` or plain `app/0`, `app`. */
function entity(name: string): string {
  if (name.startsWith('unit-')) return name.slice(5).replace(/-(\d+)$/, '/$1');
  if (name.startsWith('application-')) return name.slice(12);
  return name;
}

const debugLog: Verb = {
  name: 'debug-log',
  summary: 'Displays log messages for a model.',
  usage: '[options]',
  modelFlag: true,
  flags: [
    { names: ['i', 'include'], kind: 'list' },
    { names: ['x', 'exclude'], kind: 'list' },
    { names: ['include-module'], kind: 'list' },
    { names: ['exclude-module'], kind: 'list' },
    { names: ['include-labels'], kind: 'list' },
    { names: ['exclude-labels'], kind: 'list' },
    { names: ['l', 'level'], kind: 'string' },
    { names: ['n', 'lines'], kind: 'int' },
    { names: ['limit'], kind: 'int' },
    { names: ['replay'], kind: 'bool' },
    { names: ['no-tail'], kind: 'bool' },
    { names: ['tail'], kind: 'bool' },
    { names: ['retry'], kind: 'bool' },
    { names: ['retry-delay'], kind: 'string' },
    { names: ['color'], kind: 'bool' },
    { names: ['date'], kind: 'bool' },
    { names: ['ms'], kind: 'bool' },
    { names: ['location'], kind: 'bool' },
    { names: ['utc'], kind: 'bool' },
    { names: ['firehose'], kind: 'bool' },
  ],
  run(ctx) {
    // debuglog.go Init, in its order: --level (loggo.ParseLevel, TRACE to ERROR), --tail with --no-tail,
    // then no arguments.
    const given = ctx.flags.string('level', '');
    const upper = given.toUpperCase();
    const level = upper === 'WARN' ? 'WARNING' : upper || 'TRACE';
    if (!LEVELS.includes(level))
      throw new UsageError(
        `level value ${goQuote(given)} is not one of "TRACE", "DEBUG", "INFO", "WARNING", "ERROR"`,
      );
    if (ctx.flags.bool('tail') && ctx.flags.bool('no-tail'))
      throw new UsageError('setting --tail and --no-tail not valid');
    checkEmpty(ctx.flags.args);
    if (ctx.flags.list('include-module').length > 0 || ctx.flags.list('exclude-module').length > 0)
      throw new SimError(
        '--include-module and --exclude-module are not offered by the simulator: filter by entity',
      );
    return readModel(ctx, (sim) => {
      let lines = sim.debugLog({
        include: ctx.flags.list('include').map(entity),
        exclude: ctx.flags.list('exclude').map(entity),
        level,
        hookLabels: false,
      });
      const limit = ctx.flags.int('limit', -1);
      if (ctx.flags.has('limit')) lines = limit > 0 ? lines.slice(-limit) : lines;
      else if (!ctx.flags.bool('replay')) lines = lines.slice(-ctx.flags.int('lines', 10));
      if (lines.length > 0) ctx.io.stdout(`${lines.join('\n')}\n`);
      return 0;
    });
  },
};

/** The log verbs. */
export const logVerbs: readonly Verb[] = [debugLog];
