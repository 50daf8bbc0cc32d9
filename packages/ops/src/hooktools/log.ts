import type { Invoke } from './runner.js';

/** Juju's limit on one juju-log message that ops splits at. */
const MAX_LOG_CHARS = 131071;

/** `juju-log --log-level <LEVEL> -- <message>`, split as ops splits over-long messages. */
export function jujuLog(run: Invoke, level: string, message: string): void {
  if (message.length <= MAX_LOG_CHARS) {
    run('juju-log', ['--log-level', level, '--', message]);
    return;
  }
  const parts = Math.ceil(message.length / MAX_LOG_CHARS);
  run('juju-log', ['--log-level', level, '--', `Splitting the following message into ${parts} parts.`]);
  for (let i = 0; i < message.length; i += MAX_LOG_CHARS) {
    run('juju-log', ['--log-level', level, '--', message.slice(i, i + MAX_LOG_CHARS)]);
  }
}
