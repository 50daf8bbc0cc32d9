// Literal (`|`) and folded (`>`) block scalars, with chomping (`-`, `+`) and indentation indicators.
import { isDocumentMarker, type Source } from './yaml-source.js';

type Chomping = 'clip' | 'strip' | 'keep';

interface Header {
  folded: boolean;
  chomping: Chomping;
  /** Explicit indentation indicator (1-9), 0 when the indentation is detected. */
  increment: number;
}

function readHeader(src: Source): Header {
  const s = src.text();
  let i = src.col + 1;
  let chomping: Chomping = 'clip';
  let increment = 0;
  for (let n = 0; n < 2; n++) {
    const c = s[i];
    if (chomping === 'clip' && (c === '-' || c === '+')) chomping = c === '-' ? 'strip' : 'keep';
    else if (increment === 0 && c !== undefined && c >= '1' && c <= '9') increment = Number(c);
    else break;
    i++;
  }
  src.expectLineEnd(i);
  return { folded: s[src.col] === '>', chomping, increment };
}

function spaces(s: string): number {
  let n = 0;
  while (s[n] === ' ') n++;
  return n;
}

// Content indentation: explicit (relative to the parent, as libyaml counts it) or that of the first
// non-empty line. Leading empty lines may not be more indented than that line (spec 8.1.1.1).
function contentIndent(src: Source, header: Header, parentIndent: number): number {
  const least = Math.max(parentIndent + 1, 1);
  if (header.increment) return Math.max(parentIndent, 0) + header.increment;
  let widestEmpty = 0;
  for (let line = src.line + 1; line < src.lines.length; line++) {
    const s = src.text(line);
    const n = spaces(s);
    if (n < s.length) {
      if (n < least) return least;
      if (widestEmpty > n)
        src.fail('leading empty lines of a block scalar are more indented than its text', line);
      return n;
    }
    widestEmpty = Math.max(widestEmpty, n);
  }
  return least;
}

// Folding of `>` content (spec 8.1.3): breaks between two unindented text lines become spaces (or
// are kept, less one, when empty lines separate them); breaks around more-indented lines are kept.
function fold(lines: readonly string[]): string {
  let out = '';
  let prev: 'none' | 'text' | 'spaced' = 'none';
  let empty = 0;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    const kind = line[0] === ' ' || line[0] === '\t' ? 'spaced' : 'text';
    if (prev === 'none') out += '\n'.repeat(empty);
    else if (prev === 'text' && kind === 'text') out += empty === 0 ? ' ' : '\n'.repeat(empty);
    else out += '\n'.repeat(empty + 1);
    out += line;
    prev = kind;
    empty = 0;
  }
  return out;
}

/** Read the block scalar whose indicator is at the cursor; leaves the cursor at the next content line. */
export function readBlockScalar(src: Source, parentIndent: number): string {
  const header = readHeader(src);
  const indent = contentIndent(src, header, parentIndent);
  const content: string[] = [];
  let line = src.line + 1;
  for (; line < src.lines.length; line++) {
    const s = src.text(line);
    const n = spaces(s);
    if (n === s.length && n <= indent) content.push('');
    else if (n < indent || (indent === 0 && isDocumentMarker(s))) break;
    else content.push(s.slice(indent));
  }
  // A line "has" its break unless it is the text's last line and the text does not end with one.
  const breakAt = (i: number): number => (src.line + 1 + i < src.lines.length - 1 || src.finalBreak ? 1 : 0);
  let last = content.length - 1;
  while (last >= 0 && content[last] === '') last--;
  const body = content.slice(0, last + 1);
  let text = header.folded ? fold(body) : body.join('\n');
  if (header.chomping !== 'strip' && last >= 0) text += '\n'.repeat(breakAt(last));
  if (header.chomping === 'keep') {
    for (let i = last + 1; i < content.length; i++) text += '\n'.repeat(breakAt(i));
  }
  src.line = line - 1;
  src.nextContent();
  return text;
}
