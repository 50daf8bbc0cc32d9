import { type Invoke, parseJson } from './runner.js';

/** `state-get --format=json` → the unit's whole charm-state map (Juju prints `null` when empty). */
export function stateGetAll(run: Invoke): Record<string, string> {
  const out = parseJson('state-get', run('state-get', ['--format=json']));
  return out && typeof out === 'object' ? (out as Record<string, string>) : {};
}

/** `state-set --file -` with a JSON map of key → string value on stdin. */
export function stateSet(run: Invoke, entries: Readonly<Record<string, string>>): void {
  run('state-set', ['--file', '-'], JSON.stringify(entries));
}

/** `state-delete <key>`. */
export function stateDelete(run: Invoke, key: string): void {
  run('state-delete', [key]);
}
