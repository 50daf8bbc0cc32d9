import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
/** Operator config (`juju config app k=v`, `deploy --config`): parsing and checking against config.yaml. */
import type { ConfigOption, JsonValue } from '@ops-ts/juju';
import { parseSecretUri } from '@ops-ts/juju';
import { SimError } from './errors.js';

/** Splits `k=v` arguments; a missing `=` is an error. */
export function parseKeyValues(args: readonly string[], what = 'setting'): Record<string, string> {
  const out: Record<string, string> = {};
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
  const out: Record<string, string> = {};
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

const BOOLEANS: Readonly<Record<string, boolean>> = Object.freeze({
  true: true,
  yes: true,
  on: true,
  false: false,
  no: false,
  off: false,
});

/** Converts one value to the option's type, as Juju does (`option "port" expected int, got "x"`). */
export function coerceOption(key: string, option: ConfigOption, raw: string | JsonValue): JsonValue {
  const text = typeof raw === 'string' ? raw : JSON.stringify(raw);
  const bad = () =>
    new SimError(`option ${JSON.stringify(key)} expected ${option.type}, got ${JSON.stringify(text)}`);
  switch (option.type) {
    case 'int': {
      if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
      if (typeof raw !== 'string' || !/^[-+]?\d+$/.test(raw.trim())) throw bad();
      return Number.parseInt(raw, 10);
    }
    case 'float': {
      if (typeof raw === 'number') return raw;
      const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
      if (!Number.isFinite(n)) throw bad();
      return n;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      const b = typeof raw === 'string' ? BOOLEANS[raw.toLowerCase()] : undefined;
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

/** Checks and converts settings against the charm's options; unknown keys are refused. */
export function checkConfig(
  options: Readonly<Record<string, ConfigOption>>,
  settings: Readonly<Record<string, string | JsonValue>>,
): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, raw] of Object.entries(settings)) {
    const option = options[key];
    if (!option) throw new SimError(`unknown option ${JSON.stringify(key)}`);
    out[key] = coerceOption(key, option, raw);
  }
  return out;
}
