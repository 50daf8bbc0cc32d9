// Single- and double-quoted scalars, including the multi-line folding both styles share (spec 7.3).
import { isBlank, isDocumentMarker, type Source, skipBlanks } from './yaml-source.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

const HEX_ESCAPES: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

// Decode the escape whose letter is at s[i]; returns the text and the index after the escape.
function decodeEscape(src: Source, s: string, i: number): [string, number] {
  const letter = s[i] as string;
  const simple = SIMPLE_ESCAPES[letter];
  if (simple !== undefined) return [simple, i + 1];
  const width = HEX_ESCAPES[letter];
  const hex = s.slice(i + 1, i + 1 + (width ?? 0));
  if (width === undefined || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) {
    src.fail(`invalid escape "\\${s.slice(i, i + 1 + (width ?? 0))}" in a double-quoted scalar`);
  }
  const code = Number.parseInt(hex, 16);
  if (code > 0x10ffff) src.fail(`invalid escape "\\${letter}${hex}" in a double-quoted scalar`);
  // \u keeps JSON's surrogate-pair escapes working: two \u code units make one character.
  return [width === 4 ? String.fromCharCode(code) : String.fromCodePoint(code), i + 1 + width];
}

/** Read the quoted scalar at the cursor (continuation lines indented >= `minIndent`); ends after its quote. */
export function readQuoted(src: Source, minIndent: number): string {
  const quote = src.text()[src.col];
  const startLine = src.line;
  let i = src.col + 1;
  let out = '';
  for (;;) {
    const s = src.text();
    // Blanks before a line break are folded away, but not escaped ones nor those before a `\` break.
    let kept = out.length;
    let escapedBreak = false;
    while (i < s.length) {
      const c = s[i] as string;
      if (c === quote) {
        if (quote === "'" && s[i + 1] === "'") {
          out += "'";
          i += 2;
          kept = out.length;
          continue;
        }
        src.col = i + 1;
        return out;
      }
      if (quote === '"' && c === '\\') {
        if (i + 1 === s.length) {
          escapedBreak = true;
          kept = out.length;
          break;
        }
        const [text, next] = decodeEscape(src, s, i + 1);
        out += text;
        i = next;
        kept = out.length;
        continue;
      }
      out += c;
      i++;
      if (!isBlank(s, i - 1)) kept = out.length;
    }
    out = out.slice(0, kept);
    let breaks = 0;
    for (;;) {
      src.line++;
      if (src.eof) src.fail('unterminated quoted scalar', startLine);
      const next = src.text();
      if (skipBlanks(next, 0) < next.length) break;
      breaks++;
    }
    const next = src.text();
    let indent = 0;
    while (next[indent] === ' ') indent++;
    if (isDocumentMarker(next) || indent < minIndent) {
      src.fail('quoted scalar continues on a line that is not indented enough');
    }
    // One break folds to a space, n breaks keep n-1 of them; an escaped break adds nothing itself.
    if (escapedBreak) out += '\n'.repeat(breaks);
    else out += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    i = skipBlanks(next, 0);
  }
}
