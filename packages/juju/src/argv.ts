/**
 * The juju/gnuflag command-line grammar as Juju's hook tools use it: GNU-style long flags,
 * interspersed positionals, `--` ends flags, and booleans take a value only through `=`.
 * Juju names flags "option" in its messages (cmd.Info.FlagKnownAs).
 */
import { HelpRequested, UsageError } from './errors.js';
import { goQuote, goQuoteList } from './go-quote.js';

/** Declaration of one flag (all its aliases share one value, like gnuflag's shared Value). */
export interface FlagDef {
  /** Aliases without dashes; the first one is the key in {@link ParsedArgs.flags}. */
  readonly names: readonly string[];
  /** `bool` flags take no argument (only `--x=value`); `string` flags take one. */
  readonly kind: 'bool' | 'string';
  /** Default shown in help; string flags start out with it. */
  readonly default?: string;
  /** One-line help text. */
  readonly usage?: string;
  /** Whether help shows the default unquoted (custom gnuflag Values print themselves bare). */
  readonly customValue?: boolean;
  /** Validates a value at parse time; returns a reason (for `invalid value ...`) or undefined. */
  readonly validate?: (value: string) => string | undefined;
}

/** Result of parsing: flag values by canonical name, and the positional arguments. */
export interface ParsedArgs {
  /** String flags hold their (last) value; bool flags hold a boolean. Unset flags are absent. */
  readonly flags: Readonly<Record<string, string | boolean>>;
  /** Positional arguments in order. */
  readonly positionals: readonly string[];
}

// strconv.ParseBool accepts exactly these spellings.
const TRUE_WORDS: readonly string[] = Object.freeze(['1', 't', 'T', 'TRUE', 'true', 'True']);
const FALSE_WORDS: readonly string[] = Object.freeze(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** Formats a flag name with its dashes as gnuflag does (`-r`, `--relation`). */
export function flagWithMinus(name: string): string {
  return name.length > 1 ? `--${name}` : `-${name}`;
}

/** Parses `args` against `defs`, throwing {@link UsageError} (exit 2) or {@link HelpRequested}. */
export function parseArgs(args: readonly string[], defs: readonly FlagDef[]): ParsedArgs {
  const byName = new Map<string, FlagDef>();
  for (const def of defs) for (const name of def.names) byName.set(name, def);
  const flags: Record<string, string | boolean> = {};
  for (const def of defs) {
    if (def.kind === 'string' && def.default !== undefined) flags[def.names[0]!] = def.default;
  }
  const positionals: string[] = [];
  const rest = [...args];
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '-' || arg === '' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    if (arg === '--') {
      positionals.push(...rest);
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (eq >= 0 && name === '') throw new UsageError(`empty option in argument ${goQuote(arg)}`);
      setFlag(name, eq < 0 ? undefined : arg.slice(eq + 1), rest, byName, flags);
      continue;
    }
    // A run of single-letter flags: `-ab`, or `-r3` where the tail is the value.
    let tail = arg.slice(1);
    while (tail.length > 0) {
      const name = String.fromCodePoint(tail.codePointAt(0)!);
      tail = tail.slice(name.length);
      const def = byName.get(name);
      if (def?.kind === 'string' || (def?.kind === 'bool' && tail.startsWith('='))) {
        setFlag(name, tail === '' ? undefined : tail, rest, byName, flags);
        tail = '';
      } else {
        setFlag(name, undefined, rest, byName, flags);
      }
    }
  }
  return { flags, positionals };
}

function setFlag(
  name: string,
  inline: string | undefined,
  rest: string[],
  byName: ReadonlyMap<string, FlagDef>,
  flags: Record<string, string | boolean>,
): void {
  const def = byName.get(name);
  if (!def) {
    if (name === 'help' || name === 'h') throw new HelpRequested();
    throw new UsageError(`option provided but not defined: ${flagWithMinus(name)}`);
  }
  const key = def.names[0]!;
  if (def.kind === 'bool' && inline === undefined) {
    flags[key] = true;
    return;
  }
  let value = inline;
  if (value === undefined) {
    if (rest.length === 0) throw new UsageError(`option needs an argument: ${flagWithMinus(name)}`);
    value = rest.shift()!;
  }
  if (def.kind === 'bool') {
    // For short flags the inline value keeps its '=' (`-a=true` → "=true"), as in gnuflag.
    if (TRUE_WORDS.includes(value)) flags[key] = true;
    else if (FALSE_WORDS.includes(value)) flags[key] = false;
    else {
      const reason = `strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax`;
      throw new UsageError(`invalid value ${goQuote(value)} for option ${flagWithMinus(name)}: ${reason}`);
    }
    return;
  }
  const reason = def.validate?.(value);
  if (reason !== undefined) {
    throw new UsageError(`invalid value ${goQuote(value)} for option ${flagWithMinus(name)}: ${reason}`);
  }
  flags[key] = value;
}

export { goQuote, goQuoteList } from './go-quote.js';

/** cmd.CheckEmpty: leftover positionals → `unrecognized args: [...]` (exit 2). */
export function checkEmpty(args: readonly string[]): void {
  if (args.length > 0) throw new UsageError(`unrecognized args: ${goQuoteList(args)}`);
}

/** Reads a bool flag (absent → false). */
export function boolFlag(parsed: ParsedArgs, name: string): boolean {
  return parsed.flags[name] === true;
}

/** Reads a string flag (absent → ''). */
export function stringFlag(parsed: ParsedArgs, name: string): string {
  const v = parsed.flags[name];
  return typeof v === 'string' ? v : '';
}

/** Renders gnuflag-style option help lines (`-r, --relation  (= db:1)` + indented usage). */
export function renderOptions(defs: readonly FlagDef[]): string {
  const lines: string[] = [];
  const sorted = [...defs].sort((a, b) => a.names[0]!.localeCompare(b.names[0]!));
  for (const def of sorted) {
    const names = [...def.names]
      .sort((a, b) => a.length - b.length)
      .map(flagWithMinus)
      .join(', ');
    const dflt =
      def.kind === 'bool' ? 'false' : def.customValue ? (def.default ?? '') : goQuote(def.default ?? '');
    lines.push(`${names}  (= ${dflt})`);
    if (def.usage) lines.push(`    ${def.usage}`);
  }
  return lines.join('\n');
}
