// Line-oriented cursor over a YAML text, shared by the block, flow and scalar readers of yaml-parse.ts.

/** A YAML text outside the subset we read; `line` is 1-based. */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError';

  constructor(
    /** 1-based line of the offending text. */
    readonly line: number,
    /** What is wrong, without the line prefix. */
    readonly detail: string,
  ) {
    super(`line ${line}: ${detail}`);
  }
}

// C0 controls other than tab are never text. NEL, LS and PS are refused too: YAML 1.1 (Go's yaml.v3)
// reads them as line breaks and YAML 1.2 as text, so a raw one could be misread. Lone surrogates cannot
// be UTF-8. (YAML 1.2 lets JSON-style quoted scalars hold DEL and C1 characters, so those pass.)
function disallowedCharacter(s: string): number | undefined {
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if ((c < 0x20 && c !== 0x09) || c === 0x85 || c === 0x2028 || c === 0x2029) return c;
    if (c >= 0xd800 && c <= 0xdfff) return c;
  }
  return undefined;
}

/** Whether `s[i]` is a space or tab. */
export function isBlank(s: string, i: number): boolean {
  return s[i] === ' ' || s[i] === '\t';
}

/** Whether `s[i]` is a space, a tab or the end of the line. */
export function isBlankOrEnd(s: string, i: number): boolean {
  return i >= s.length || isBlank(s, i);
}

/** Index of the first non-blank character at or after `i`. */
export function skipBlanks(s: string, i: number): number {
  let j = i;
  while (isBlank(s, j)) j++;
  return j;
}

/** Whether the line `s` is a `---` or `...` document marker. */
export function isDocumentMarker(s: string): boolean {
  return (s.startsWith('---') || s.startsWith('...')) && isBlankOrEnd(s, 3);
}

/** The lines of a YAML text and a cursor (line, column) into them. */
export class Source {
  /** The text split at line breaks (the break after the last line is not an empty line). */
  readonly lines: readonly string[];
  /** Whether the text ends with a line break (block scalars keep or clip it). */
  readonly finalBreak: boolean;
  /** 0-based current line. */
  line = -1;
  /** 0-based current column. */
  col = 0;
  /** Indentation of the current content line; -1 at the end or at a document marker. */
  indent = -1;

  constructor(text: string) {
    let t = text.replace(/\r\n?/g, '\n');
    if (t.startsWith('\ufeff')) t = t.slice(1);
    const lines = t.split('\n');
    this.finalBreak = t.endsWith('\n');
    if (this.finalBreak || t === '') lines.pop();
    this.lines = lines;
    lines.forEach((s, i) => {
      const bad = disallowedCharacter(s);
      if (bad !== undefined) this.fail(`unsupported character U+${hex4(bad)}`, i);
    });
  }

  /** Whether the cursor is past the last line. */
  get eof(): boolean {
    return this.line >= this.lines.length;
  }

  /** The current line's text ('' past the end). */
  text(line = this.line): string {
    return this.lines[line] ?? '';
  }

  /** Throw a YamlSyntaxError for `line` (default: the current line). */
  fail(detail: string, line = this.line): never {
    const last = Math.max(this.lines.length - 1, 0);
    throw new YamlSyntaxError(Math.min(Math.max(line, 0), last) + 1, detail);
  }

  /** Move to the next line that is not blank or a comment, with `col` at its first character. */
  nextContent(): void {
    for (this.line++; this.line < this.lines.length; this.line++) {
      const s = this.text();
      let i = 0;
      while (s[i] === ' ') i++;
      const j = skipBlanks(s, i);
      if (j === s.length || s[j] === '#') continue;
      // Block structure is defined by spaces only; a tab before content is a YAML error.
      if (j !== i) this.fail('tab characters must not be used for indentation');
      this.col = i;
      this.indent = isDocumentMarker(s) ? -1 : i;
      return;
    }
    this.col = 0;
    this.indent = -1;
  }

  /** Require that only blanks or a comment follow `col` on the current line. */
  expectLineEnd(col = this.col): void {
    const s = this.text();
    const i = skipBlanks(s, col);
    if (i === s.length) return;
    if (s[i] === '#' && i > col) return;
    this.fail(`unexpected text ${JSON.stringify(s.slice(i, i + 20))}`);
  }
}

function hex4(code: number): string {
  return code.toString(16).toUpperCase().padStart(4, '0');
}

/** Set `key` on a parsed mapping, refusing duplicates as Go's yaml.v3 does. */
export function addEntry(
  map: Record<string, unknown>,
  key: string,
  value: unknown,
  src: Source,
  line: number,
): void {
  if (Object.hasOwn(map, key)) src.fail(`mapping key ${JSON.stringify(key)} already defined`, line);
  // A plain assignment to "__proto__" would set the prototype instead of adding a key.
  Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true });
}
