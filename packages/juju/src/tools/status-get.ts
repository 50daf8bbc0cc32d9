/** `status-get`. */
import { boolFlag, checkEmpty, stringFlag } from '../argv.js';
import { RunError } from '../errors.js';
import type { OutputValue } from '../format.js';
import type { StatusRecord } from '../state.js';
import { defineTool } from '../tool.js';

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
