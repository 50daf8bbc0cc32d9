/** juju's output formats: `--format yaml|json` (juju/cmd output.go FormatYaml, FormatJson) and tables. */
import { stringify } from 'yaml';
import { type FlagSpec, type Flags, goQuote, UsageError } from './flags.js';

/** The `--format` flag (`-o/--output` is juju's file flag, not offered). */
export const FORMAT_FLAG: FlagSpec = { names: ['format'], kind: 'string' };

/**
 * Reads `--format`, checking it is one of `allowed`. juju/cmd output.go formatterValue.Set refuses others
 * with `unknown format %q`, which gnuflag reports as a bad option value: a usage error, exit 2.
 */
export function formatOf(flags: Flags, fallback: string, allowed: readonly string[]): string {
  const format = flags.string('format', fallback);
  if (!allowed.includes(format))
    throw new UsageError(
      `invalid value ${goQuote(format)} for option --format: unknown format ${goQuote(format)}`,
    );
  return format;
}

/** A document as juju prints it: JSON on one line, or YAML. */
export function formatDocument(doc: unknown, format: string): string {
  return format === 'json' ? `${JSON.stringify(doc)}\n` : stringify(doc, { lineWidth: 0 });
}

/** A time as Go's time.String() prints it in UTC: `2025-03-01 03:23:26 +0000 UTC`. */
export function goTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = d.toISOString().replace('T', ' ').replace('Z', '');
  return `${text.replace(/\.?0+$/, '')} +0000 UTC`;
}
