/** `status-set` (immediate, never rolled back). */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import type { StatusRecord } from '../state.js';
import { defineTool } from '../tool.js';

const SETTABLE: readonly string[] = Object.freeze(['maintenance', 'blocked', 'waiting', 'active']);

/** The status-set tool. */
export const statusSet = defineTool<{ status: string; message: string; application: boolean }>({
  name: 'status-set',
  args: '<maintenance | blocked | waiting | active> [message]',
  purpose: 'Set status information.',
  flags: () => [
    {
      names: ['application'],
      kind: 'bool',
      usage: 'set this status for the application to which the unit belongs',
    },
  ],
  init: (_ctx, parsed) => {
    const [status, message = '', ...rest] = parsed.positionals;
    if (status === undefined) throw new UsageError('invalid args, require <status> [message]');
    if (!SETTABLE.includes(status)) {
      throw new UsageError(`invalid status "${status}", expected one of [${SETTABLE.join(' ')}]`);
    }
    checkEmpty(rest);
    return { status, message, application: boolFlag(parsed, 'application') };
  },
  run: (ctx, cmd) => {
    if (cmd.application && !ctx.isLeader()) throw new RunError('this unit is not the leader');
    const record: StatusRecord = {
      status: cmd.status,
      message: cmd.message,
      data: {},
      since: ctx.now().toISOString(),
    };
    if (cmd.application) ctx.app.status = record;
    else ctx.unit.status = record;
    ctx.state.statusHistory.push({
      ...record,
      data: {},
      target: cmd.application ? ctx.app.name : ctx.options.unit,
      kind: cmd.application ? 'application' : 'unit',
    });
    return undefined;
  },
});
