/** `key=value` arguments (juju/utils keyvalues) and YAML settings files (`--file`). */
import { isMap, isScalar, type Node, parseDocument } from 'yaml';
import { goQuote } from './argv.js';
import { RunError, UsageError } from './errors.js';
import type { Bag } from './state.js';
import { typeErrorLine, typeErrorText } from './yaml/type-error.js';

/** keyvalues.Parse with empty values allowed; errors are Init errors (exit 2). */
export function parseKeyValues(args: readonly string[]): Bag {
  // No prototype: `constructor`, `__proto__` and `toString` are keys like any other.
  const out: Bag = Object.create(null);
  for (const kv of args) {
    const eq = kv.indexOf('=');
    const key = eq < 0 ? '' : kv.slice(0, eq).trim();
    if (eq < 0 || key === '') throw new UsageError(`expected "key=value", got ${goQuote(kv)}`);
    if (Object.hasOwn(out, key)) throw new UsageError(`key ${goQuote(key)} specified more than once`);
    out[key] = kv.slice(eq + 1);
  }
  return out;
}

/**
 * Decodes a YAML (or JSON) map into strings the way yaml.v2 fills a map[string]string
 * (relation-set.go readSettings): plain scalars keep their source text (`42` → "42"), null-like values
 * become "", other shapes are type errors, all reported together. Only the first document is read.
 */
export function parseSettingsYaml(text: string): Bag {
  const doc = parseDocument(text, { version: '1.1' });
  const root = doc.contents;
  // yaml.v2 stops after the first document's root node: what follows it is never parsed.
  const end = root?.range?.[1] ?? 0;
  const err = doc.errors.find((e) => e.pos[0] < end || root === null);
  if (err) throw new RunError(`yaml: ${err.message.split('\n')[0]}`);
  const out: Bag = Object.create(null);
  if (root === null || (isScalar(root) && root.value === null && root.type === 'PLAIN')) return out;
  const lines = new LineCounter(text);
  if (!isMap(root)) {
    throw new RunError(typeErrorText([typeErrorLine(root, lines.of(root), 'map[string]string')]));
  }
  const errors: string[] = [];
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : '';
    const value = pair.value;
    if (
      value === null ||
      value === undefined ||
      (isScalar(value) && value.value === null && value.type === 'PLAIN')
    ) {
      out[key] = '';
    } else if (isScalar(value)) {
      out[key] = value.type === 'PLAIN' ? String(value.source ?? value.value) : String(value.value);
    } else {
      errors.push(typeErrorLine(value as Node, lines.of(value as Node), 'string'));
    }
  }
  if (errors.length > 0) throw new RunError(typeErrorText(errors));
  return out;
}

/** 1-based line numbers of nodes (yaml.v2 reports a node's start mark). */
class LineCounter {
  constructor(private readonly text: string) {}

  of(node: Node): number {
    const offset = node.range?.[0] ?? 0;
    return this.text.slice(0, offset).split('\n').length;
  }
}
