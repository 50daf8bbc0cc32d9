/** `juju-reboot [--now]`: reboot after the hook commits, or right away. */
import { boolFlag, checkEmpty } from '../argv.js';
import { RunError } from '../errors.js';
import { defineTool } from '../tool.js';

/** The juju-reboot tool. */
export const jujuReboot = defineTool<{ now: boolean }>({
  name: 'juju-reboot',
  purpose: 'Reboot the host machine.',
  flags: () => [{ names: ['now'], kind: 'bool', usage: 'reboot immediately, killing the invoking process' }],
  init: (_ctx, parsed) => {
    checkEmpty(parsed.positionals);
    return { now: boolFlag(parsed, 'now') };
  },
  run: (ctx, cmd) => {
    if (ctx.action) throw new RunError('juju-reboot is not supported when running an action');
    if (cmd.now) {
      // Immediate: the caller kills the hook process and re-queues the hook after reboot.
      ctx.unit.rebootRequested = 'now';
      ctx.immediateChanges.push({ kind: 'reboot', unit: ctx.unit.name, now: true });
    } else {
      ctx.pending.reboot = true;
    }
    return undefined;
  },
});
