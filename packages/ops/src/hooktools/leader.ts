import { type Invoke, parseJson } from './runner.js';

/** `is-leader --format=json` → whether this unit holds the leadership lease. */
export function isLeader(run: Invoke): boolean {
  return parseJson('is-leader', run('is-leader', ['--format=json'])) === true;
}
