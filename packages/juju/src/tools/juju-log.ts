/** `juju-log [options] <message>`: write to the unit's debug log (immediate). */
import { boolFlag, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import { defineTool } from '../tool.js';

const LEVELS: Readonly<Record<string, string>> = Object.freeze({
  TRACE: 'TRACE',
  DEBUG: 'DEBUG',
  INFO: 'INFO',
  WARN: 'WARNING',
  WARNING: 'WARNING',
  ERROR: 'ERROR',
  CRITICAL: 'CRITICAL',
});

/** The juju-log tool. */
export const jujuLog = defineTool<{ message: string; level: string; debug: boolean; format: string }>({
  name: 'juju-log',
  args: '<message>',
  purpose: 'Write a message to the juju log.',
  flags: () => [
    { names: ['debug'], kind: 'bool', usage: 'log at debug level' },
    {
      names: ['log-level', 'l'],
      kind: 'string',
      default: 'INFO',
      usage: 'Send log message at the given level',
    },
    { names: ['format'], kind: 'string', usage: 'deprecated format flag' },
  ],
  init: (_ctx, parsed) => {
    if (parsed.positionals.length === 0) throw new UsageError('no message specified');
    return {
      message: parsed.positionals.join(' '),
      level: stringFlag(parsed, 'log-level'),
      debug: boolFlag(parsed, 'debug'),
      format: stringFlag(parsed, 'format'),
    };
  },
  run: (ctx, cmd) => {
    let level = cmd.debug ? 'DEBUG' : LEVELS[cmd.level.toUpperCase()];
    if (level === undefined) {
      ctx.log('WARNING', `Specified log level of "${cmd.level}" is not valid`);
      level = 'INFO';
    }
    const relation = ctx.options.relationId === undefined ? undefined : ctx.relation(ctx.options.relationId);
    const prefix = relation ? `${ctx.endpointName(relation)}:${relation.id}: ` : '';
    ctx.log(level, prefix + cmd.message);
    return { stderr: cmd.format !== '' ? '--format flag deprecated for command "juju-log"' : '' };
  },
});
