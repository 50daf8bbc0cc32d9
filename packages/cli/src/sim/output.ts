/** Printing documents as YAML or JSON, the two machine formats `juju` offers. */
import { stringify } from 'yaml';

/** Output formats of the view commands. */
export type Format = 'yaml' | 'json' | 'tabular';

/** Checks a `--format` value. */
export function parseFormat(value: string, allowed: readonly Format[]): Format {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new Error(`invalid --format ${JSON.stringify(value)} (expected ${allowed.join(', ')})`);
  }
  return value as Format;
}

/** A document as YAML or JSON text. */
export function formatDoc(doc: unknown, format: Format): string {
  return format === 'json' ? `${JSON.stringify(doc)}\n` : stringify(doc, { lineWidth: 0 });
}
