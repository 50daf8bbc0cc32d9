import type { Invoke } from './runner.js';

/** `juju-reboot [--now]`: reboot after this hook, or now (Juju then kills the hook and re-runs it). */
export function jujuReboot(run: Invoke, now: boolean): void {
  run('juju-reboot', now ? ['--now'] : []);
}
