import { type Invoke, parseJson } from './runner.js';

/** A status as `status-get --include-data` reports it. */
export interface StatusReading {
  status: string;
  message: string;
}

/** `status-set --application=False|True <status> -- <message>` (message always passed, may be ''). */
export function statusSet(run: Invoke, isApp: boolean, status: string, message: string): void {
  run('status-set', [`--application=${isApp ? 'True' : 'False'}`, status, '--', message]);
}

/** `status-get --include-data --format=json --application=false|true`. */
export function statusGet(run: Invoke, isApp: boolean): StatusReading {
  const out = parseJson(
    'status-get',
    run('status-get', ['--include-data', '--format=json', `--application=${isApp ? 'true' : 'false'}`]),
  ) as Record<string, unknown> | null;
  const source = (isApp ? (out?.['application-status'] as Record<string, unknown> | undefined) : out) ?? {};
  return { status: String(source.status ?? 'unknown'), message: String(source.message ?? '') };
}
