// Parsers of the smaller juju outputs the client reads: `config --format json` and `version --format json`.
import type { ConfigValue } from './argv.js';
import { isObject, obj, str } from './json.js';

/**
 * The values of `juju config --format json <app>`: `settings` (charm config) or, with `appConfig`,
 * `application-config`; options without a value are left out (jubilant's `Juju.config`).
 */
export function parseConfig(output: unknown, appConfig = false): Record<string, ConfigValue> {
  const section = isObject(output) ? obj(output, appConfig ? 'application-config' : 'settings') : {};
  const values: Record<string, ConfigValue> = {};
  for (const [key, entry] of Object.entries(section)) {
    if (!isObject(entry) || !('value' in entry)) continue;
    const v = entry.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[key] = v;
  }
  return values;
}

/** `juju version --format json --all`. */
export interface Version {
  /** For example `3.6.11-genericlinux-amd64`. */
  readonly version: string;
  readonly gitCommit: string;
  /** `3.6.11` → `[3, 6, 11]`. */
  readonly number: readonly [number, number, number];
}

/** Parses `juju version --format json --all` (or the plain string of `--format json`). */
export function parseVersion(output: unknown): Version {
  const version = typeof output === 'string' ? output : isObject(output) ? str(output, 'version') : '';
  const m = /^(\d+)\.(\d+)(?:[.-](\d+))?/.exec(version);
  if (!m) throw new Error(`juju version: cannot read a version from ${JSON.stringify(output)}`);
  return {
    version,
    gitCommit: isObject(output) ? str(output, 'git-commit') : '',
    number: [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)],
  };
}
