import { type Invoke, parseJson } from './runner.js';

// Legacy leader settings (deprecated, removed in Juju 4; ops never calls them). Kept at this layer only,
// for charms migrating from old frameworks; new charms use a peer relation's app bag.

/** `leader-get --format=json` → every leader setting. */
export function leaderGet(run: Invoke): Record<string, string> {
  const out = parseJson('leader-get', run('leader-get', ['--format=json']));
  const map: Record<string, string> = {};
  if (out && typeof out === 'object') for (const [k, v] of Object.entries(out)) map[k] = String(v);
  return map;
}

/** `leader-set k=v …` (leader only, written immediately; an empty value deletes the key). */
export function leaderSet(run: Invoke, settings: Readonly<Record<string, string>>): void {
  const args = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
  if (args.length > 0) run('leader-set', args);
}
