// Plain (unquoted) scalars: where they end on a line, and what value they stand for.
import { isBlank, isBlankOrEnd } from './yaml-source.js';

/** One line's worth of a plain scalar. */
export interface PlainSegment {
  /** The scalar text on this line, without trailing blanks. */
  text: string;
  /** Index where scanning stopped (a `:` indicator, a comment, a flow indicator or the line end). */
  stop: number;
  /** Stopped at a `:` value indicator: the text is a mapping key. */
  colon: boolean;
  /** Stopped at a comment: the scalar cannot continue on the next line. */
  comment: boolean;
}

const FLOW_INDICATORS = ',[]{}';

/** Whether a plain scalar may start at `s[i]` (YAML 1.2 ns-plain-first). */
export function canStartPlain(s: string, i: number, flow: boolean): boolean {
  const c = s[i];
  if (c === undefined || isBlank(s, i)) return false;
  if ('-?:'.includes(c)) {
    const next = s[i + 1];
    return !isBlankOrEnd(s, i + 1) && !(flow && next !== undefined && FLOW_INDICATORS.includes(next));
  }
  return !',[]{}#&*!|>\'"%@`'.includes(c);
}

/** Scan a plain scalar from `col` to the end of its text on this line. */
export function scanPlain(s: string, col: number, flow: boolean): PlainSegment {
  let end = col;
  let i = col;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === ':') {
      const next = s[i + 1];
      if (isBlankOrEnd(s, i + 1) || (flow && next !== undefined && FLOW_INDICATORS.includes(next))) {
        return { text: s.slice(col, end), stop: i, colon: true, comment: false };
      }
    } else if (isBlank(s, i)) {
      if (s[i + 1] === '#') return { text: s.slice(col, end), stop: i + 1, colon: false, comment: true };
      i++;
      continue;
    } else if (flow && FLOW_INDICATORS.includes(c)) {
      break;
    }
    i++;
    end = i;
  }
  return { text: s.slice(col, end), stop: i, colon: false, comment: false };
}

const NULL = /^(?:~|null|Null|NULL|)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const OCT = /^0o[0-7]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const INF = /^[-+]?\.(?:inf|Inf|INF)$/;
const NAN = /^\.(?:nan|NaN|NAN)$/;

/** The value of a plain scalar under YAML 1.2's core schema (what the `yaml` package used to give us). */
export function resolvePlain(text: string): unknown {
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === 't' || text[0] === 'T';
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  if (OCT.test(text)) return Number.parseInt(text.slice(2), 8);
  if (HEX.test(text)) return Number.parseInt(text.slice(2), 16);
  if (INF.test(text)) return text[0] === '-' ? -Infinity : Infinity;
  if (NAN.test(text)) return Number.NaN;
  return text;
}
