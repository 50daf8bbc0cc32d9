/** `key=value` arguments (juju/utils keyvalues) and YAML settings files (`--file`). */
import { isMap, isScalar, parseDocument } from 'yaml';
import { goQuote } from './argv.js';
import { RunError, UsageError } from './errors.js';
import type { Bag } from './state.js';

/** keyvalues.Parse with empty values allowed; errors are Init errors (exit 2). */
export function parseKeyValues(args: readonly string[]): Bag {
  const out: Bag = {};
  for (const kv of args) {
    const eq = kv.indexOf('=');
    const key = eq < 0 ? '' : kv.slice(0, eq).trim();
    if (eq < 0 || key === '') throw new UsageError(`expected "key=value", got ${goQuote(kv)}`);
    if (key in out) throw new UsageError(`key ${goQuote(key)} specified more than once`);
    out[key] = kv.slice(eq + 1);
  }
  return out;
}

/**
 * Decodes a YAML (or JSON) map into strings the way yaml.v2 fills a map[string]string:
 * plain scalars keep their source text (`42` → "42"), null-like values become "".
 */
export function parseSettingsYaml(text: string): Bag {
  const doc = parseDocument(text, { version: '1.1' });
  const err = doc.errors[0];
  if (err) throw new RunError(`yaml: ${err.message.split('\n')[0]}`);
  const out: Bag = {};
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return out;
  if (!isMap(root)) {
    throw new RunError(
      `yaml: unmarshal errors:\n  line 1: cannot unmarshal !!${nodeTag(root)} into map[string]string`,
    );
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.source ?? pair.key.value) : '';
    const value = pair.value;
    if (value === null || value === undefined) {
      out[key] = '';
      continue;
    }
    if (!isScalar(value)) {
      const line = lineOf(text, (value as { range?: [number, number, number] }).range?.[0] ?? 0);
      throw new RunError(
        `yaml: unmarshal errors:\n  line ${line}: cannot unmarshal !!${nodeTag(value)} into string`,
      );
    }
    if (value.type === 'PLAIN' && value.value === null) out[key] = '';
    else out[key] = String(value.source ?? value.value);
  }
  return out;
}

function nodeTag(node: unknown): string {
  if (isMap(node)) return 'map';
  if (isScalar(node)) return typeof node.value === 'string' ? 'str' : typeof node.value;
  return 'seq';
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
