import { type Invoke, parseJson } from './runner.js';

/** A relation as the tools address it: `<endpoint>:<id>` (ops ≥ 3.4 form, canonical/operator#2499). */
export function relationRef(endpoint: string, id: number): string {
  return `${endpoint}:${id}`;
}

/** `relation-ids <name> --format=json` → relation ids, parsed from `endpoint:id`. */
export function relationIds(run: Invoke, endpoint: string): number[] {
  const out = parseJson('relation-ids', run('relation-ids', [endpoint, '--format=json']));
  if (!Array.isArray(out)) return [];
  return out.map((ref) => {
    // `<endpoint>:<id>`; anything else is not Juju's answer, and must not become a NaN relation id.
    const match = typeof ref === 'string' ? /:(\d+)$/.exec(ref) : null;
    if (!match)
      throw new Error(`relation-ids printed an entry that is not a relation id: ${JSON.stringify(ref)}`);
    return Number(match[1]);
  });
}

/** `relation-list --format=json -r REL` → remote unit names in scope. */
export function relationList(run: Invoke, endpoint: string, id: number): string[] {
  const out = parseJson(
    'relation-list',
    run('relation-list', ['--format=json', '-r', relationRef(endpoint, id)]),
  );
  return Array.isArray(out) ? out.map(String) : [];
}

/** `relation-list --format=json --app -r REL` → the remote application name. */
export function relationRemoteApp(run: Invoke, endpoint: string, id: number): string | undefined {
  const out = parseJson(
    'relation-list',
    run('relation-list', ['--format=json', '--app', '-r', relationRef(endpoint, id)]),
  );
  return typeof out === 'string' && out !== '' ? out : undefined;
}

/** `relation-get --format=json -r REL [--app] - <member>` → the whole bag. */
export function relationGet(
  run: Invoke,
  endpoint: string,
  id: number,
  member: string,
  isApp: boolean,
): Record<string, string> {
  const args = ['--format=json', '-r', relationRef(endpoint, id)];
  if (isApp) args.push('--app');
  args.push('-', member);
  const out = parseJson('relation-get', run('relation-get', args));
  const bag: Record<string, string> = {};
  if (out && typeof out === 'object') {
    for (const [k, v] of Object.entries(out)) bag[k] = String(v);
  }
  return bag;
}

/** `relation-set -r REL [--app] --file -` with the changed keys as JSON on stdin ('' deletes a key). */
export function relationSet(
  run: Invoke,
  endpoint: string,
  id: number,
  changes: Readonly<Record<string, string>>,
  isApp: boolean,
): void {
  if (Object.keys(changes).length === 0) throw new Error('relation-set needs at least one key to change');
  const args = ['-r', relationRef(endpoint, id)];
  if (isApp) args.push('--app');
  args.push('--file', '-');
  run('relation-set', args, JSON.stringify(changes));
}

/** `relation-model-get --format=json -r REL` → the remote model's uuid. */
export function relationModelGet(run: Invoke, endpoint: string, id: number): { uuid: string } {
  const out = parseJson(
    'relation-model-get',
    run('relation-model-get', ['--format=json', '-r', relationRef(endpoint, id)]),
  ) as { uuid?: unknown } | null;
  return { uuid: String(out?.uuid ?? '') };
}
