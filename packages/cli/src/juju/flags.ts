/**
 * Parsing a `juju <verb>` command line as juju's gnuflag does (github.com/juju/gnuflag, used by every
 * juju command through juju/juju cmd/supercommand.go): long flags `--name value` or `--name=value`, short
 * ones `-n value` or `-n=value`, booleans without a value (or `--flag=false`), flags anywhere among the
 * arguments, `--` ends them. A bad flag is a usage error: exit code 2 (juju/cmd cmd.go Main).
 */

/** How a flag takes its value. */
export type FlagKind = 'bool' | 'string' | 'int' | 'list';

/** One flag a verb accepts. */
export interface FlagSpec {
  /** Names without dashes: one-letter names are short (`-n`), others long (`--num-units`); values are kept under the first long name. */
  names: readonly string[];
  /** Value kind (`list`: repeatable, every value kept). */
  kind: FlagKind;
}

/** A command-line error juju reports with exit code 2 (bad flags, wrong arguments). */
export class UsageError extends Error {}

/** A parsed command line: flag values by their first name, and the positional arguments. */
export interface ParsedArgs {
  flags: Map<string, string | boolean | number | string[]>;
  args: string[];
}

function dashed(name: string): string {
  return name.length === 1 ? `-${name}` : `--${name}`;
}

/** Parses `argv` against `specs`; unknown flags and missing values throw {@link UsageError}. */
export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  for (const spec of specs) for (const name of spec.names) byName.set(name, spec);
  const flags: ParsedArgs['flags'] = new Map();
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      args.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    const spec = byName.get(name);
    // gnuflag: one dash for one-letter names, two for the others.
    if (!spec || (arg.startsWith('--') ? name.length === 1 : name.length !== 1)) {
      throw new UsageError(
        `option provided but not defined: ${arg.startsWith('--') ? `--${name}` : `-${name}`}`,
      );
    }
    const key = spec.names.find((n) => n.length > 1) ?? spec.names[0] ?? name;
    if (spec.kind === 'bool') {
      const text = eq >= 0 ? body.slice(eq + 1) : 'true';
      if (!['true', 'false', '1', '0'].includes(text))
        throw new UsageError(`invalid value ${JSON.stringify(text)} for option ${dashed(name)}: parse error`);
      flags.set(key, text === 'true' || text === '1');
      continue;
    }
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`option needs an argument: ${dashed(name)}`);
      value = next;
      i++;
    }
    if (spec.kind === 'int') {
      if (!/^-?\d+$/.test(value))
        throw new UsageError(
          `invalid value ${JSON.stringify(value)} for option ${dashed(name)}: strconv.ParseInt: parsing ${JSON.stringify(value)}: invalid syntax`,
        );
      flags.set(key, Number(value));
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

/** Checks a `--wait`/`--timeout` value is a Go duration (`60s`, `1m30s`, `500ms`); returns milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (units[m[2] ?? 's'] ?? 0);
    matched = re.lastIndex;
  }
  if (text === '0') return 0;
  if (matched === 0 || matched !== text.length)
    throw new UsageError(
      `invalid value ${JSON.stringify(text)} for option --${flag}: time: invalid duration ${JSON.stringify(text)}`,
    );
  return total;
}
