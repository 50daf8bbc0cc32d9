// Flow collections (`{...}`, `[...]`): JSON, and the `{}` / `[]` that YAML emitters write for empties.
import { canStartPlain, resolvePlain, scanPlain } from './yaml-plain.js';
import { readQuoted } from './yaml-quoted.js';
import { addEntry, isBlank, isDocumentMarker, type Source } from './yaml-source.js';

// Skip blanks, comments and line breaks between flow tokens; returns the next character.
function skipSpace(src: Source, minIndent: number): string {
  for (;;) {
    const s = src.text();
    while (isBlank(s, src.col)) src.col++;
    const c = s[src.col];
    const comment = c === '#' && (src.col === 0 || isBlank(s, src.col - 1));
    if (c !== undefined && !comment) return c;
    src.line++;
    src.col = 0;
    if (src.eof) src.fail('unterminated flow collection');
    const next = src.text();
    let indent = 0;
    while (next[indent] === ' ') indent++;
    const blank = indent === next.length || isBlank(next, indent);
    if (!blank && (isDocumentMarker(next) || indent < minIndent)) {
      src.fail('flow collection continues on a line that is not indented enough');
    }
  }
}

function readScalar(src: Source, minIndent: number): { text: string; quoted: boolean } {
  const s = src.text();
  const c = s[src.col];
  if (c === '"' || c === "'") return { text: readQuoted(src, minIndent), quoted: true };
  if (!canStartPlain(s, src.col, true)) src.fail(`unexpected ${JSON.stringify(c)} in a flow collection`);
  const seg = scanPlain(s, src.col, true);
  src.col = seg.stop;
  return { text: seg.text, quoted: false };
}

function readValue(src: Source, minIndent: number): unknown {
  const c = skipSpace(src, minIndent);
  if (c === '[' || c === '{') return readFlow(src, minIndent);
  const { text, quoted } = readScalar(src, minIndent);
  return quoted ? text : resolvePlain(text);
}

function readSequence(src: Source, minIndent: number): unknown[] {
  const items: unknown[] = [];
  src.col++;
  for (;;) {
    if (skipSpace(src, minIndent) === ']') break;
    items.push(readValue(src, minIndent));
    const c = skipSpace(src, minIndent);
    if (c === ':') src.fail('single-pair mappings inside flow sequences are not supported');
    if (c === ']') break;
    if (c !== ',') src.fail(`expected "," or "]" in a flow sequence, found ${JSON.stringify(c)}`);
    src.col++;
  }
  src.col++;
  return items;
}

function readMapping(src: Source, minIndent: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  src.col++;
  for (;;) {
    const first = skipSpace(src, minIndent);
    if (first === '}') break;
    if (first === '[' || first === '{') src.fail('collections as mapping keys are not supported');
    const keyLine = src.line;
    const key = readScalar(src, minIndent).text;
    if (skipSpace(src, minIndent) !== ':') src.fail(`expected ":" after mapping key ${JSON.stringify(key)}`);
    src.col++;
    const next = skipSpace(src, minIndent);
    const value = next === ',' || next === '}' ? null : readValue(src, minIndent);
    addEntry(map, key, value, src, keyLine);
    const c = skipSpace(src, minIndent);
    if (c === '}') break;
    if (c !== ',') src.fail(`expected "," or "}" in a flow mapping, found ${JSON.stringify(c)}`);
    src.col++;
  }
  src.col++;
  return map;
}

/** Read the flow collection that starts at the cursor; leaves the cursor after its closing bracket. */
export function readFlow(src: Source, minIndent: number): unknown {
  return src.text()[src.col] === '[' ? readSequence(src, minIndent) : readMapping(src, minIndent);
}
