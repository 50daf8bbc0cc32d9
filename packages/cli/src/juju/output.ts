/** juju's output formats: `--format yaml|json` (juju/cmd output.go FormatYaml, FormatJson) and tables. */
import { SimError } from '@ops-ts/sim';
import { stringify } from 'yaml';
import type { FlagSpec, Flags } from './flags.js';

/** The `--format` flag (`-o/--output` is juju's file flag, not offered). */
export const FORMAT_FLAG: FlagSpec = { names: ['format'], kind: 'string' };

/** Reads `--format`, checking it is one of `allowed` (juju: `invalid value "x" for option --format`). */
export function formatOf(flags: Flags, fallback: string, allowed: readonly string[]): string {
  const format = flags.string('format', fallback);
  if (!allowed.includes(format))
    throw new SimError(
      `invalid value ${JSON.stringify(format)} for option --format: unknown format ${JSON.stringify(format)}`,
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
