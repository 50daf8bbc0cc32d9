import type { SourceLocation } from './ast.js';
import { GraphqlRequestError } from './errors.js';

/** One lexical token of a GraphQL document. */
export interface Token {
  kind: 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof';
  value: string;
  start: number;
}

const PUNCTUATORS = new Set(['!', '$', '&', '(', ')', ':', '=', '@', '[', ']', '{', '|', '}']);
const NAME_START = /[A-Za-z_]/;
const NAME_CONTINUE = /[A-Za-z0-9_]/;
const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;

/** 1-based line and column of `offset` in `source`. */
export function locate(source: string, offset: number): SourceLocation {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function syntaxError(source: string, offset: number, detail: string): GraphqlRequestError {
  return new GraphqlRequestError(`Syntax Error: ${detail}`, 'GRAPHQL_PARSE_FAILED', [locate(source, offset)]);
}

// Block strings ("""...""") keep their raw text; the fake never needs their common-indent removal.
function readString(source: string, start: number): [string, number] {
  if (source.startsWith('"""', start)) {
    const end = source.indexOf('"""', start + 3);
    if (end < 0) throw syntaxError(source, start, 'Unterminated string.');
    return [source.slice(start + 3, end), end + 3];
  }
  let i = start + 1;
  let out = '';
  while (i < source.length) {
    const ch = source[i];
    if (ch === '"') return [out, i + 1];
    if (ch === '\n') break;
    if (ch === '\\') {
      const esc = source[i + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (esc === 'u') {
        out += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      const mapped = esc === undefined ? undefined : simple[esc];
      if (mapped === undefined) throw syntaxError(source, i, 'Invalid character escape sequence.');
      out += mapped;
      i += 2;
      continue;
    }
    out += ch;
    i += 1;
  }
  throw syntaxError(source, start, 'Unterminated string.');
}

/** Split a document into tokens; commas, whitespace and `#` comments are insignificant, as in GraphQL. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ',' || ch === '\ufeff') {
      i += 1;
    } else if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i += 1;
    } else if (ch === '.' && source.startsWith('...', i)) {
      tokens.push({ kind: 'punct', value: '...', start: i });
      i += 3;
    } else if (PUNCTUATORS.has(ch)) {
      tokens.push({ kind: 'punct', value: ch, start: i });
      i += 1;
    } else if (NAME_START.test(ch)) {
      let end = i + 1;
      while (end < source.length && NAME_CONTINUE.test(source[end] as string)) end += 1;
      tokens.push({ kind: 'name', value: source.slice(i, end), start: i });
      i = end;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(source);
      if (!match) throw syntaxError(source, i, `Invalid number, unexpected ${JSON.stringify(ch)}.`);
      const isFloat = match[2] !== undefined || match[3] !== undefined;
      tokens.push({ kind: isFloat ? 'float' : 'int', value: match[0], start: i });
      i += match[0].length;
    } else if (ch === '"') {
      const [value, end] = readString(source, i);
      tokens.push({ kind: 'string', value, start: i });
      i = end;
    } else {
      throw syntaxError(source, i, `Unexpected character: ${JSON.stringify(ch)}.`);
    }
  }
  tokens.push({ kind: 'eof', value: '', start: source.length });
  return tokens;
}
