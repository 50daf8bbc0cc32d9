/**
 * yaml.v2's unmarshal type errors (gopkg.in/yaml.v2 decode.go `terror`, yaml.go `TypeError.Error`):
 * `yaml: unmarshal errors:\n  line N: cannot unmarshal !!tag `value` into type`, one line per error.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { resolvePlain } from './resolve.js';

const LONG_TAG_PREFIX = 'tag:yaml.org,2002:';

/** The tag yaml.v2 reports for a node: its explicit tag, or what a plain scalar resolves to. */
function nodeTag(node: Node): string {
  if (node.tag)
    return node.tag.startsWith(LONG_TAG_PREFIX) ? `!!${node.tag.slice(LONG_TAG_PREFIX.length)}` : node.tag;
  if (isMap(node)) return '!!map';
  if (isSeq(node)) return '!!seq';
  if (isScalar(node) && node.type === 'PLAIN') return resolvePlain(String(node.source ?? node.value));
  return '!!str';
}

/** The scalar's text as yaml.v2 holds it (plain: as written; quoted or block: the decoded string). */
function nodeText(node: Node): string {
  if (!isScalar(node)) return '';
  return node.type === 'PLAIN' ? String(node.source ?? node.value) : String(node.value);
}

/** One `line N: cannot unmarshal ...` entry; values over 10 bytes are cut to 7 and `...`. */
export function typeErrorLine(node: Node, line: number, into: string): string {
  const tag = nodeTag(node);
  let value = '';
  if (tag !== '!!seq' && tag !== '!!map') {
    const bytes = Buffer.from(nodeText(node), 'utf8');
    value =
      bytes.length > 10
        ? ` \`${bytes.subarray(0, 7).toString('utf8')}...\``
        : ` \`${bytes.toString('utf8')}\``;
  }
  return `line ${line}: cannot unmarshal ${tag}${value} into ${into}`;
}

/** The whole error text for a list of entries. */
export function typeErrorText(lines: readonly string[]): string {
  return `yaml: unmarshal errors:\n  ${lines.join('\n  ')}`;
}
