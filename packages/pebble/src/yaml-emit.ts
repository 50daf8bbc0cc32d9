// A block-YAML writer for layers, laid out as ops writes them (PyYAML `safe_dump(sort_keys=True)`):
// sorted keys, 2-space mappings, sequences at their key's indentation. Pebble reads it with yaml.v3.

// Words that YAML 1.1 (PyYAML, yaml.v3 into typed fields) or 1.2 read as booleans or null.
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
// Plain only when no YAML reader could take the text for anything but that string: a letter, `_` or
// `/` first (never a number, `.inf` or an indicator), then no `:`, `#`, quotes, brackets or escapes.
const SAFE_PLAIN = /^[A-Za-z_/][\w./+=@%-]*(?: +[\w./+=@%-]+)*$/;
// Characters JSON leaves raw but YAML forbids or (YAML 1.1) reads as line breaks.
const YAML_UNSAFE = /[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]/g;

/** The YAML scalar for a string: plain when unambiguous, else double-quoted with JSON escapes. */
export function quoteString(s: string): string {
  if (SAFE_PLAIN.test(s) && !RESERVED.test(s)) return s;
  return JSON.stringify(s).replace(YAML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '.nan';
    if (!Number.isFinite(value)) return value > 0 ? '.inf' : '-.inf';
    return String(value);
  }
  throw new TypeError(`cannot write a ${typeof value} as YAML`);
}

// Python's sort_keys order: by code point (JS's default sort compares UTF-16 code units).
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNonEmptyCollection(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isMapping(value) && Object.values(value).some((v) => v !== undefined);
}

function emptyCollection(value: unknown): string | undefined {
  if (Array.isArray(value)) return '[]';
  if (isMapping(value)) return '{}';
  return undefined;
}

function writeMapping(map: Record<string, unknown>, indent: string, out: string[]): void {
  const keys = Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort(byCodePoint);
  for (const key of keys) {
    const value = map[key];
    const head = `${indent}${quoteString(key)}:`;
    if (Array.isArray(value) && value.length > 0) {
      out.push(head);
      writeSequence(value, indent, out);
    } else if (isMapping(value) && isNonEmptyCollection(value)) {
      out.push(head);
      writeMapping(value, `${indent}  `, out);
    } else {
      out.push(`${head} ${emptyCollection(value) ?? scalar(value)}`);
    }
  }
}

function writeSequence(items: readonly unknown[], indent: string, out: string[]): void {
  for (const item of items) {
    if (!isNonEmptyCollection(item)) {
      out.push(`${indent}- ${emptyCollection(item) ?? scalar(item)}`);
      continue;
    }
    // A nested collection starts on the dash's line: `- key: value` or `- - item`.
    const nested: string[] = [];
    if (Array.isArray(item)) writeSequence(item, `${indent}  `, nested);
    else writeMapping(item as Record<string, unknown>, `${indent}  `, nested);
    out.push(`${indent}- ${(nested[0] ?? '').slice(indent.length + 2)}`, ...nested.slice(1));
  }
}

/** Write a JSON-like value as block YAML (a trailing newline included); an empty mapping is `{}`. */
export function emitYaml(value: unknown): string {
  if (!isNonEmptyCollection(value)) return `${emptyCollection(value) ?? scalar(value)}\n`;
  const out: string[] = [];
  if (Array.isArray(value)) writeSequence(value, '', out);
  else writeMapping(value as Record<string, unknown>, '', out);
  return `${out.join('\n')}\n`;
}
