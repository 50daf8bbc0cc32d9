/**
 * Parsing a `juju <verb>` command line as juju's gnuflag does (github.com/juju/gnuflag, used by every
 * juju command through juju/juju cmd/supercommand.go): long flags `--name value` or `--name=value`, short
 * ones `-n value` or `-n=value`, booleans without a value (or `--flag=false`), flags anywhere among the
 * arguments, `--` ends them. A bad flag is a usage error: exit code 2 (juju/cmd cmd.go Main).
 */
import { goQuote, goQuoteList } from '@ops-ts/sim';

/** Go's `%q`, as juju quotes values in its errors (one implementation, in @ops-ts/juju). */
export { goQuote, goQuoteList } from '@ops-ts/sim';

/** How a flag takes its value. */
export type FlagKind = 'bool' | 'string' | 'int' | 'list';

/** One flag a verb accepts. */
export interface FlagSpec {
  /** Names without dashes: one-letter names are short (`-n`), others long (`--num-units`); values are kept under the first long name. */
  names: readonly string[];
  /** Value kind (`list`: repeatable, every value kept). */
  kind: FlagKind;
}

/**
 * A command-line error juju reports with exit code 2: juju/cmd cmd.go Main exits 2 when flag parsing or a
 * command's Init fails (handleCommandError) and 1 when Run fails.
 */
export class UsageError extends Error {}

/** juju/cmd cmd.go CheckEmpty: arguments left over are a usage error. */
export function checkEmpty(extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`unrecognized args: ${goQuoteList(extra)}`);
}

/** A parsed command line: flag values by their first name, and the positional arguments. */
export interface ParsedArgs {
  flags: Map<string, string | boolean | number | string[]>;
  args: string[];
}

function dashed(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Go's strconv.ParseBool, which gnuflag's bool flags use. */
function parseBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** Go's strconv.ParseInt(text, 0, 64), which gnuflag's int flags use: sign, `0x`/`0o`/`0b`/`0` prefixes, `_`. */
function parseInt0(text: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(text);
  if (!m) return undefined;
  const [, sign = '', digits = ''] = m;
  // Underscores only between digits or after a base prefix (strconv underscoreOK).
  if (digits.includes('_') && !/^(?:0[xXoObB]_?)?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*$/.test(digits))
    return undefined;
  const clean = digits.replace(/_/g, '');
  const value = /^0[0-7]+$/.test(clean) ? Number.parseInt(clean, 8) : Number(clean.replace(/^0([oO])/, '0o'));
  return Number.isNaN(value) ? undefined : sign === '-' ? -value : value;
}

/** Parses `argv` against `specs`; unknown flags and missing values throw {@link UsageError}. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const flags: ParsedArgs['flags'] = new Map();
  const args: string[] = [];
  const queue = [...argv];
  for (let i = 0; i < queue.length; i++) {
    const arg = queue[i] ?? '';
    if (arg === '--') {
      args.push(...queue.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.push(arg);
      continue;
    }
    // gnuflag parseOne: `--name[=value]` is one flag; after a single dash the first letter is the flag
    // and the rest its value (`-n3`, `-n=3`). Either form finds short and long names alike.
    const long = arg.startsWith('--');
    const body = arg.slice(long ? 2 : 1);
    const eqAt = body.indexOf('=');
    const name = long ? (eqAt >= 0 ? body.slice(0, eqAt) : body) : (Array.from(body)[0] ?? '');
    const rest = long ? (eqAt >= 0 ? body.slice(eqAt) : '') : body.slice(name.length);
    if (long && name === '') throw new UsageError(`empty option in argument ${goQuote(arg)}`);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`option provided but not defined: ${dashed(name)}`);
    const key = spec.names.find((n) => n.length > 1) ?? spec.names[0] ?? name;
    if (spec.kind === 'bool' && !rest.startsWith('=')) {
      flags.set(key, true);
      // `-ab`: the letters after a boolean are more one-letter flags.
      if (rest !== '') queue.splice(i + 1, 0, `-${rest}`);
      continue;
    }
    let value: string;
    if (rest !== '') value = rest.startsWith('=') ? rest.slice(1) : rest;
    else {
      const next = queue[i + 1];
      if (next === undefined) throw new UsageError(`option needs an argument: ${dashed(name)}`);
      value = next;
      i++;
    }
    const invalid = (why: string) =>
      new UsageError(`invalid value ${goQuote(value)} for option ${dashed(name)}: ${why}`);
    if (spec.kind === 'bool') {
      const parsed = parseBool(value);
      if (parsed === undefined) throw invalid(`strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`);
      flags.set(key, parsed);
    } else if (spec.kind === 'int') {
      const parsed = parseInt0(value);
      if (parsed === undefined) throw invalid(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
      flags.set(key, parsed);
    } else if (spec.kind === 'list') {
      const previous = flags.get(key);
      flags.set(key, [...(Array.isArray(previous) ? previous : []), value]);
    } else flags.set(key, value);
  }
  return { flags, args };
}

/** Typed reads of {@link ParsedArgs}. */
export class Flags {
  constructor(private readonly parsed: ParsedArgs) {}

  /** The positional arguments. */
  get args(): string[] {
    return this.parsed.args;
  }

  /** A boolean flag (false when absent). */
  bool(name: string): boolean {
    return this.parsed.flags.get(name) === true;
  }

  /** A string flag, or `fallback`. */
  string(name: string): string | undefined;
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined {
    const v = this.parsed.flags.get(name);
    return typeof v === 'string' ? v : fallback;
  }

  /** An int flag, or `fallback`. */
  int(name: string, fallback: number): number {
    const v = this.parsed.flags.get(name);
    return typeof v === 'number' ? v : fallback;
  }

  /** A repeatable flag's values. */
  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : [];
  }

  /** Whether the flag was given. */
  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }
}

/**
 * Reads a `--wait`/`--timeout` value as Go's time.ParseDuration does (gnuflag DurationVar): `60s`, `1m30s`,
 * `.5h`, `-2m`, `0`; returns milliseconds. Errors are gnuflag's `invalid value` with time's own reason.
 */
export function parseDuration(text: string, flag: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    μs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const fail = (why: string) =>
    new UsageError(`invalid value ${goQuote(text)} for option --${flag}: time: ${why}`);
  let rest = text;
  const negative = rest.startsWith('-');
  if (negative || rest.startsWith('+')) rest = rest.slice(1);
  if (rest === '0') return 0;
  if (rest === '') throw fail(`invalid duration ${goQuote(text)}`);
  let total = 0;
  while (rest !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(rest);
    const whole = number?.[1] ?? '';
    const fraction = number?.[2] ?? '';
    if (whole === '' && fraction === '') throw fail(`invalid duration ${goQuote(text)}`);
    rest = rest.slice(number?.[0].length ?? 0);
    const unit = /^[^0-9.]*/.exec(rest)?.[0] ?? '';
    if (unit === '') throw fail(`missing unit in duration ${goQuote(text)}`);
    const scale = units[unit];
    if (scale === undefined) throw fail(`unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`);
    total += Number(`${whole || '0'}.${fraction || '0'}`) * scale;
    rest = rest.slice(unit.length);
  }
  return negative ? -total : total;
}
