/**
 * juju/cmd output formatters: `smart`, `yaml` (gopkg.in/yaml.v2 style) and `json` (encoding/json).
 * Values are Go-like: `null`/`undefined` is nil; objects are Go maps (keys sorted on output)
 * unless marked with {@link struct}, which keeps declaration order like a Go struct.
 */
import { Document, type Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** An output format name accepted by `--format`. */
export type OutputFormat = 'smart' | 'yaml' | 'json';

/** A value a tool can print (Go-like: maps, structs, slices, scalars, nil). */
export type OutputValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | readonly OutputValue[]
  | { readonly [key: string]: OutputValue };

const STRUCT_MARK: unique symbol = Symbol('go-struct');

/** Marks an object as a Go struct: its keys print in insertion order instead of sorted. */
export function struct<T extends object>(value: T): T {
  Object.defineProperty(value, STRUCT_MARK, { value: true, enumerable: false });
  return value;
}

function isStruct(value: object): boolean {
  return STRUCT_MARK in value;
}

/** Formats `value` as juju/cmd would write it to stdout for the given format. */
export function formatOutput(value: OutputValue, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return `${toGoJson(value)}\n`;
    case 'yaml':
      return toGoYaml(value);
    case 'smart':
      return toSmart(value);
  }
}

function toSmart(value: OutputValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value === '' ? '' : `${value}\n`;
  if (typeof value === 'boolean') return value ? 'True\n' : 'False\n';
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
    return value.map((v) => `${v}\n`).join('');
  }
  return toGoYaml(value);
}

/** yaml.v2 Marshal, trailing newlines trimmed to exactly one; nil prints nothing. */
export function toGoYaml(value: OutputValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && value.includes('\n')) {
    // yaml.v2 indents a top-level block scalar; render it as a map value and drop the key.
    return toGoYaml({ k: value }).slice(3);
  }
  const doc = new Document(null, { version: '1.1' });
  doc.contents = toYamlNode(value);
  let text = doc.toString({
    lineWidth: 0,
    indentSeq: false,
    singleQuote: false,
    blockQuote: 'literal',
    defaultStringType: 'PLAIN',
    defaultKeyType: 'PLAIN',
    flowCollectionPadding: false,
  });
  text = text.replace(/\n+$/, '');
  return text === '' ? '' : `${text}\n`;
}

function toYamlNode(value: OutputValue): Node {
  if (value === null || value === undefined) return new Scalar(null);
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const item of value as readonly OutputValue[]) seq.items.push(toYamlNode(item));
    if (seq.items.length === 0) seq.flow = true;
    return seq;
  }
  if (typeof value === 'object') {
    const map = new YAMLMap();
    const obj = value as { readonly [key: string]: OutputValue };
    const keys = Object.keys(obj);
    if (!isStruct(obj)) keys.sort(goYamlKeyLess);
    for (const key of keys) {
      const v = obj[key];
      if (v === undefined && isStruct(obj)) continue; // omitempty fields
      map.items.push(new Pair(new Scalar(key), toYamlNode(v)));
    }
    if (map.items.length === 0) map.flow = true;
    return map;
  }
  const scalar = new Scalar(value);
  if (typeof value === 'string' && value.includes('\n')) scalar.type = 'BLOCK_LITERAL';
  return scalar;
}

/** yaml.v2's key order: letters before digits, digit runs compared numerically. */
export function goYamlKeyLess(a: string, b: string): number {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i]!;
    const bc = br[i]!;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc ? -1 : 1;
    if (al || bl) return bl ? -1 : 1;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    if (ai !== bi) return ai < bi ? -1 : 1;
    return ac < bc ? -1 : 1;
  }
  return ar.length - br.length;
}

function isLetter(c: string): boolean {
  return /\p{L}/u.test(c);
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** encoding/json Marshal: map keys sorted bytewise, HTML-unsafe characters escaped. */
export function toGoJson(value: OutputValue): string {
  return encodeJson(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

// Hand-rolled rather than JSON.stringify, which would move integer-like keys to the front.
function encodeJson(value: OutputValue): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${(value as readonly OutputValue[]).map(encodeJson).join(',')}]`;
  if (typeof value !== 'object') return JSON.stringify(value);
  const obj = value as { readonly [key: string]: OutputValue };
  let keys = Object.keys(obj);
  if (isStruct(obj)) keys = keys.filter((k) => obj[k] !== undefined);
  else keys.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encodeJson(obj[k])}`).join(',')}}`;
}
