/**
 * yaml.v2's Marshal for the values hook tools print (gopkg.in/yaml.v2 encode.go): maps with sorted keys,
 * struct-like objects in field order, lists, strings, numbers, booleans, nil and times.
 */
import { GoTime } from '../go-time.js';
import { emitDocument, type YamlNode } from './emitter.js';
import { goYamlKeyLess } from './key-order.js';
import { isBase60Float, resolvePlain } from './resolve.js';

/** A value yaml.v2 can print (structural copy of format.ts's OutputValue, to keep this module leaf). */
export type YamlValue =
  | null
  | undefined
  | string
  | number
  | boolean
  | GoTime
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue };

/** Options for one marshal: which objects are Go structs (keys kept in order, undefined fields omitted). */
export interface MarshalOptions {
  /** Whether an object is a Go struct. */
  readonly isStruct: (value: object) => boolean;
}

/** encoder.stringv: plain unless it would read back as another type, literal block when multi-line. */
function stringNode(s: string): YamlNode {
  if (s.includes('\n')) return { kind: 'scalar', value: s, style: 'literal' };
  const plain = resolvePlain(s) === '!!str' && !isBase60Float(s);
  return { kind: 'scalar', value: s, style: plain ? 'plain' : 'double' };
}

/** strconv.FormatFloat(f, 'g', -1, 64) with yaml.v2's spellings of the specials. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  const [mantissa = '0', expText = '0'] = f.toExponential().split('e');
  const exp = Number(expText);
  // Shortest 'g' switches to %e when the exponent is below -4 or at least 6 (ftoa.go: eprec = 6).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(f);
}

function numberNode(n: number): YamlNode {
  // JavaScript has one number type: integral values print as Go ints, others as float64.
  const text = Number.isInteger(n) ? BigInt(n).toString() : goFloat(n);
  return { kind: 'scalar', value: text, style: 'plain' };
}

function toNode(value: YamlValue, options: MarshalOptions): YamlNode {
  if (value === null || value === undefined) return { kind: 'scalar', value: 'null', style: 'plain' };
  if (typeof value === 'string') return stringNode(value);
  if (typeof value === 'number') return numberNode(value);
  if (typeof value === 'boolean') return { kind: 'scalar', value: String(value), style: 'plain' };
  if (value instanceof GoTime) return { kind: 'scalar', value: value.text, style: 'plain' };
  if (Array.isArray(value)) {
    return { kind: 'seq', items: (value as readonly YamlValue[]).map((v) => toNode(v, options)) };
  }
  const obj = value as { readonly [key: string]: YamlValue };
  const struct = options.isStruct(obj);
  let keys = Object.keys(obj);
  if (struct) keys = keys.filter((k) => obj[k] !== undefined);
  else keys.sort(goYamlKeyLess);
  return { kind: 'map', pairs: keys.map((k) => [stringNode(k), toNode(obj[k], options)] as const) };
}

/** yaml.v2 Marshal of `value` (nil included: `null`). */
export function marshalYaml(value: YamlValue, options: MarshalOptions): string {
  return emitDocument(toNode(value, options));
}
