/**
 * juju/cmd output formatters: `smart`, `yaml` (gopkg.in/yaml.v2) and `json` (encoding/json).
 * Values are Go-like: `null`/`undefined` is nil; objects are Go maps (keys sorted on output)
 * unless marked with {@link struct}, which keeps declaration order like a Go struct.
 */
import { GoTime } from './go-time.js';
import { marshalYaml } from './yaml/encode.js';

/** An output format name accepted by `--format`. */
export type OutputFormat = 'smart' | 'yaml' | 'json';

/** A value a tool can print (Go-like: maps, structs, slices, scalars, times, nil). */
export type OutputValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | GoTime
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

/** juju/cmd FormatYaml: yaml.v2 Marshal with trailing newlines trimmed to exactly one; nil prints nothing. */
export function toGoYaml(value: OutputValue): string {
  if (value === null || value === undefined) return '';
  const text = marshalYaml(value, { isStruct }).replace(/\n+$/, '');
  return text === '' ? '' : `${text}\n`;
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
  if (value instanceof GoTime) return JSON.stringify(value.text);
  if (Array.isArray(value)) return `[${(value as readonly OutputValue[]).map(encodeJson).join(',')}]`;
  if (typeof value !== 'object') return JSON.stringify(value);
  const obj = value as { readonly [key: string]: OutputValue };
  let keys = Object.keys(obj);
  if (isStruct(obj)) keys = keys.filter((k) => obj[k] !== undefined);
  else keys.sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
  return `{${keys.map((k) => `${JSON.stringify(k)}:${encodeJson(obj[k])}`).join(',')}}`;
}
