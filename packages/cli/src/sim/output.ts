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

let pipeHandled = false;

/**
 * Ends the process quietly when the reader of stdout goes away (`ops-ts sim config app | head -1`), as
 * command-line tools do, instead of dying with an EPIPE stack trace. Installed once.
 */
export function exitQuietlyOnClosedPipe(): void {
  if (pipeHandled) return;
  pipeHandled = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
}
