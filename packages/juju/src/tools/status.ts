/** `status-get` and `status-set` (status-set is immediate, never rolled back). */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { RunError, UsageError } from '../errors.js';
import type { OutputValue } from '../format.js';
import type { StatusRecord } from '../state.js';
import { defineTool } from '../tool.js';

const SETTABLE: readonly string[] = Object.freeze(['maintenance', 'blocked', 'waiting', 'active']);

function details(record: StatusRecord, includeData: boolean): Record<string, OutputValue> {
  const out: Record<string, OutputValue> = { status: record.status };
  if (includeData) {
    out['status-data'] = { ...record.data };
    out.message = record.message;
  }
  return out;
}

/** The status-get tool. */
export const statusGet = defineTool<{ includeData: boolean; application: boolean; smart: boolean }>({
  name: 'status-get',
  args: '[--include-data] [--application]',
  purpose: 'Print status information.',
  output: { default: 'smart', formats: ['json', 'smart', 'yaml'] },
  flags: () => [
    { names: ['include-data'], kind: 'bool', usage: 'print all status data' },
    {
      names: ['application'],
      kind: 'bool',
      usage: 'print status for all units of this application if this unit is the leader',
    },
  ],
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return {
      includeData: boolFlag(parsed, 'include-data'),
      application: boolFlag(parsed, 'application'),
      smart: stringFlag(parsed, 'format') === 'smart',
    };
  },
  run: (ctx, cmd) => {
    // In smart format without --include-data only the status word is printed.
    const wordOnly = cmd.smart && !cmd.includeData;
    if (cmd.application) {
      if (!ctx.isLeader()) throw new RunError('finding application status: this unit is not the leader');
      const app = ctx.app;
      if (wordOnly) return { value: app.status.status };
      const units: Record<string, OutputValue> = {};
      for (const name of app.units) {
        const unit = ctx.state.units[name];
        if (unit) units[name] = details(unit.status, cmd.includeData);
      }
      return { value: { 'application-status': { ...details(app.status, cmd.includeData), units } } };
    }
    // The unit form answers from the hook's cached first read; the application form (above) asks the
    // controller every time, so it sees this hook's status-set calls.
    const unitStatus = ctx.unitStatus();
    if (wordOnly) return { value: unitStatus.status };
    return { value: details(unitStatus, cmd.includeData) };
  },
});

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
