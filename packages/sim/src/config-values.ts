import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
/** Operator config (`juju config app k=v`, `deploy --config`): parsing and checking against config.yaml. */
import type { ConfigOption, JsonValue } from '@ops-ts/juju';
import { parseSecretUri } from '@ops-ts/juju';

import { SimError } from './errors.js';
import { parseUserYaml } from './user-yaml.js';

/** Splits `k=v` arguments; a missing `=` is an error. */
export function parseKeyValues(args: readonly string[], what = 'setting'): Record<string, string> {
  // No prototype: `constructor` and `__proto__` are keys like any other.
  const out: Record<string, string> = Object.create(null);
  for (const arg of args) {
    const idx = arg.indexOf('=');
    if (idx < 1) throw new SimError(`expected "key=value", got ${JSON.stringify(arg)} (${what})`);
    out[arg.slice(0, idx)] = arg.slice(idx + 1);
  }
  return out;
}

/**
 * Secret content as `juju add-secret` takes it: `key=value`, or `key#file=PATH` to read the value from a
 * file (so it never appears on the command line); `key#base64=...` for an already encoded value.
 */
export function parseSecretContent(args: readonly string[], cwd: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const arg of args) {
    const idx = arg.indexOf('=');
    if (idx < 1)
      throw new SimError(`expected "key=value" or "key#file=PATH", got ${JSON.stringify(arg.split('=')[0])}`);
    const [key = '', suffix] = arg.slice(0, idx).split('#', 2);
    const raw = arg.slice(idx + 1);
    if (suffix === undefined) out[key] = raw;
    else if (suffix === 'file') {
      try {
        out[key] = readFileSync(resolve(cwd, raw), 'utf8');
      } catch (error) {
        throw new SimError(
          `cannot read the value of ${JSON.stringify(key)} from ${raw}: ${(error as Error).message}`,
        );
      }
    } else if (suffix === 'base64') out[key] = Buffer.from(raw, 'base64').toString('utf8');
    else
      throw new SimError(
        `unknown value source ${JSON.stringify(`#${suffix}`)} for ${JSON.stringify(key)} (use #file or #base64)`,
      );
  }
  return out;
}

/**
 * Secret content from a YAML mapping (`add-secret --file PATH`, or `--file -` for stdin, as
 * `juju add-secret --file` reads it): `key: value`, or `key#base64: ...` for an encoded value. The
 * values never touch argv.
 */
export function parseSecretFile(text: string, source: string): Record<string, string> {
  let doc: unknown;
  try {
    doc = parseUserYaml(text);
  } catch (error) {
    throw new SimError(
      `cannot read secret content from ${source}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new SimError(`secret content in ${source} must be a YAML mapping of keys to values`);
  }
  const out: Record<string, string> = Object.create(null);
  for (const [rawKey, value] of Object.entries(doc)) {
    if (value !== null && typeof value === 'object') {
      throw new SimError(
        `secret content in ${source}: the value of ${JSON.stringify(rawKey)} must be a string`,
      );
    }
    const text = value === null ? '' : String(value);
    const [key = '', suffix] = rawKey.split('#', 2);
    const decoded = suffix === 'base64' ? Buffer.from(text, 'base64').toString('utf8') : text;
    if (suffix !== undefined && suffix !== 'base64') {
      throw new SimError(
        `unknown value source ${JSON.stringify(`#${suffix}`)} for ${JSON.stringify(key)} in ${source}`,
      );
    }
    Object.defineProperty(out, key, { value: decoded, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

/** Juju's boolean spellings (a Map: a value such as `__proto__` or `constructor` must not find a prototype member). */
const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['yes', true],
  ['on', true],
  ['false', false],
  ['no', false],
  ['off', false],
]);

/** Converts one value to the option's type, as Juju does (`option "port" expected int, got "x"`). */
export function coerceOption(key: string, option: ConfigOption, raw: string | JsonValue | bigint): JsonValue {
  if (typeof raw === 'bigint') {
    if (option.type === 'int')
      return parseInt64(key, raw, () => new SimError(`option ${JSON.stringify(key)} expected int`));
    raw = String(raw);
  }
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const bad = () =>
    new SimError(`option ${JSON.stringify(key)} expected ${option.type}, got ${JSON.stringify(text)}`);
  switch (option.type) {
    case 'int':
      return parseInt64(key, raw, bad);
    case 'float': {
      if (typeof raw === 'number') return raw;
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) throw bad();
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const b = typeof raw === 'string' ? BOOLEANS.get(raw.toLowerCase()) : undefined;
      if (b === undefined) throw bad();
      return b;
    }
    case 'secret': {
      if (typeof raw !== 'string' || parseSecretUri(raw) === undefined) throw bad();
      return raw;
    }
    default:
      return typeof raw === 'string' ? raw : text;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * An `int` option value: Juju's int is int64, so a value beyond it is refused. The model is JSON, whose
 * numbers are exact only up to 2^53-1: a value beyond that (valid for Juju) is refused too, rather than
 * stored rounded (`12345678901234567` would become `...568`).
 */
function parseInt64(key: string, raw: string | JsonValue | bigint, bad: () => SimError): number {
  let n: bigint;
  if (typeof raw === 'bigint') n = raw;
  else if (typeof raw === 'number') {
    if (!Number.isInteger(raw)) throw bad();
    if (!Number.isSafeInteger(raw)) throw inexact(key, String(raw));
    return raw;
  } else if (typeof raw === 'string' && /^[-+]?\d+$/.test(raw.trim())) n = BigInt(raw.trim());
  else throw bad();
  if (n < INT64_MIN || n > INT64_MAX) {
    throw new SimError(`option ${JSON.stringify(key)}: ${n} is out of range for int (a 64-bit integer)`);
  }
  if (n > EXACT || n < -EXACT) throw inexact(key, String(n));
  return Number(n);
}

function inexact(key: string, text: string): SimError {
  return new SimError(
    `option ${JSON.stringify(key)}: ${text} is beyond ±${Number.MAX_SAFE_INTEGER}, the largest integer the simulator's JSON model holds exactly (Juju would accept it)`,
  );
}

/** Checks and converts settings against the charm's options; unknown keys are refused. */
export function checkConfig(
  options: Readonly<Record<string, ConfigOption>>,
  settings: Readonly<Record<string, string | JsonValue>>,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = Object.create(null);
  for (const [key, raw] of Object.entries(settings)) {
    const option = Object.hasOwn(options, key) ? options[key] : undefined;
    if (!option) throw new SimError(`unknown option ${JSON.stringify(key)}`);
    out[key] = coerceOption(key, option, raw);
  }
  return out;
}
