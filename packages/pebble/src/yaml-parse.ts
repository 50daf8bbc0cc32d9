// A reader for the YAML that Pebble (Go yaml.v3), ops (PyYAML) and our test server (`yaml`) write:
// block mappings and sequences, plain/quoted/block scalars, flow collections (so JSON too), comments.
// Anchors, aliases, tags, complex keys and multiple documents are refused, never misread.
import { readBlockScalar } from './yaml-block-scalar.js';
import { readFlow } from './yaml-flow.js';
import { canStartPlain, resolvePlain, scanPlain } from './yaml-plain.js';
import { readQuoted } from './yaml-quoted.js';
import { addEntry, isBlankOrEnd, isDocumentMarker, Source, skipBlanks } from './yaml-source.js';

export { YamlSyntaxError } from './yaml-source.js';

// Where a node starts: at the start of its own line, after `key:`, or after `- `.
type Context = 'line' | 'key' | 'dash';

const UNSUPPORTED: Readonly<Record<string, string>> = {
  '&': 'anchors',
  '*': 'aliases',
  '!': 'tags',
  '%': 'directives',
  '@': 'reserved indicator "@"',
  '`': 'reserved indicator "`"',
};

function isDash(s: string, i: number): boolean {
  return s[i] === '-' && isBlankOrEnd(s, i + 1);
}

// A `key:` at the cursor (single-line, plain or quoted): its text and the column after the colon.
function readKey(src: Source): { key: string; after: number } | undefined {
  const s = src.text();
  const { line, col } = src;
  if (s[col] === '"' || s[col] === "'") {
    const key = readQuoted(src, 0);
    const i = skipBlanks(s, src.col);
    const sameLine = src.line === line;
    src.line = line;
    src.col = col;
    return sameLine && s[i] === ':' && isBlankOrEnd(s, i + 1) ? { key, after: i + 1 } : undefined;
  }
  if (!canStartPlain(s, col, false)) return undefined;
  const seg = scanPlain(s, col, false);
  return seg.colon ? { key: seg.text, after: seg.stop + 1 } : undefined;
}

function readMapping(src: Source, col: number): Record<string, unknown> {
  const map: Record<string, unknown> = {};
  for (;;) {
    const line = src.line;
    const entry = readKey(src);
    if (!entry) src.fail('expected a mapping entry "key: value"');
    addEntry(map, entry.key, readValueAfter(src, entry.after, col, 'key'), src, line);
    if (src.indent < col) return map;
    if (src.indent > col) src.fail('bad indentation of a mapping entry');
  }
}

function readSequence(src: Source, col: number): unknown[] {
  const items: unknown[] = [];
  for (;;) {
    items.push(readValueAfter(src, col + 1, col, 'dash'));
    if (src.indent < col) return items;
    if (src.indent > col) src.fail('bad indentation of a sequence entry');
    if (!isDash(src.text(), col)) return items;
  }
}

// A plain scalar from the cursor, folded over the continuation lines indented at least `minIndent`.
function readPlain(src: Source, minIndent: number): string {
  let seg = scanPlain(src.text(), src.col, false);
  let text = seg.text;
  let breaks = 0;
  for (let line = src.line + 1; !seg.comment && line < src.lines.length; line++) {
    const s = src.text(line);
    const i = skipBlanks(s, 0);
    if (i === s.length) {
      breaks++;
      continue;
    }
    let indent = 0;
    while (s[indent] === ' ') indent++;
    // A comment line or a less indented line ends the scalar.
    if (indent < minIndent || s[i] === '#' || isDocumentMarker(s)) break;
    if (i !== indent) src.fail('tab characters must not be used for indentation', line);
    seg = scanPlain(s, i, false);
    if (seg.colon) src.fail('a mapping entry cannot continue a multi-line plain scalar', line);
    text += breaks === 0 ? ' ' : '\n'.repeat(breaks);
    text += seg.text;
    breaks = 0;
    src.line = line;
  }
  src.nextContent();
  return text;
}

// The node at column `col` of the current line; afterwards the cursor is at the next content line.
function readNode(src: Source, col: number, parentIndent: number, context: Context): unknown {
  src.col = col;
  const s = src.text();
  const c = s[col] as string;
  if (isDash(s, col)) {
    if (context === 'key') src.fail('a block sequence cannot start on the line of its key');
    return readSequence(src, col);
  }
  if (c === '|' || c === '>') return readBlockScalar(src, parentIndent);
  if (c === '[' || c === '{') {
    const value = readFlow(src, parentIndent + 1);
    src.expectLineEnd();
    src.nextContent();
    return value;
  }
  const feature = UNSUPPORTED[c];
  if (feature) src.fail(`${feature} are not supported`);
  if (c === '?' && isBlankOrEnd(s, col + 1)) src.fail('complex mapping keys are not supported');
  if (readKey(src)) {
    if (context === 'key')
      src.fail('a mapping cannot start on the line of its key (quote a value that contains ": ")');
    return readMapping(src, col);
  }
  if (c === '"' || c === "'") {
    const text = readQuoted(src, parentIndent + 1);
    src.expectLineEnd();
    src.nextContent();
    return text;
  }
  if (!canStartPlain(s, col, false)) src.fail(`unexpected ${JSON.stringify(c)}`);
  return resolvePlain(readPlain(src, parentIndent + 1));
}

// The value after `key:` or `-` (the indicator ends before `col`): inline, on the lines below, or null.
function readValueAfter(src: Source, col: number, parentIndent: number, context: Context): unknown {
  const s = src.text();
  const i = skipBlanks(s, col);
  if (i < s.length && s[i] !== '#') return readNode(src, i, parentIndent, context);
  src.nextContent();
  if (src.indent > parentIndent) return readNode(src, src.indent, parentIndent, 'line');
  // PyYAML writes a mapping's sequence values at the key's own indentation.
  if (context === 'key' && src.indent === parentIndent && isDash(src.text(), src.indent)) {
    return readSequence(src, src.indent);
  }
  return null;
}

/** Parse one YAML document in the subset described above; throws YamlSyntaxError naming the line. */
export function parseYaml(text: string): unknown {
  const src = new Source(text);
  src.nextContent();
  let value: unknown = null;
  const first = src.text();
  if (first.startsWith('---') && isBlankOrEnd(first, 3) && src.col === 0) {
    const i = skipBlanks(first, 3);
    if (i < first.length && first[i] !== '#') value = readNode(src, i, -1, 'key');
    else {
      src.nextContent();
      if (src.indent >= 0) value = readNode(src, src.col, -1, 'line');
    }
  } else if (!src.eof) {
    value = readNode(src, src.col, -1, 'line');
  }
  if (!src.eof && src.indent === -1 && src.text().startsWith('...')) {
    src.expectLineEnd(3);
    src.nextContent();
  }
  if (!src.eof) {
    src.fail(
      src.indent === -1 ? 'only one YAML document is supported' : 'unexpected content (bad indentation?)',
    );
  }
  return value;
}
