/** `sim run-script <file.yaml>`: plays a list of `sim` steps against one model. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseUserYaml, SimError } from '@ops-ts/sim';
import type { Command } from 'commander';

/**
 * Splits a step written as one line into argv: whitespace separates, single and double quotes group,
 * as a shell would (no expansion).
 */
export function splitArgs(line: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      else current += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (/\s/.test(ch)) {
      if (has || current !== '') out.push(current);
      current = '';
      has = false;
    } else {
      current += ch;
    }
  }
  if (quote) throw new SimError(`unterminated quote in ${JSON.stringify(line)}`);
  if (has || current !== '') out.push(current);
  return out;
}

/** Reads a script: a YAML list whose items are a command line or an argv list. */
export function readScript(file: string): { steps: string[][]; baseDir: string } {
  let doc: unknown;
  try {
    doc = parseUserYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SimError(`cannot read script ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && 'steps' in doc
      ? doc.steps
      : undefined;
  if (!Array.isArray(list)) throw new SimError(`script ${file} must be a YAML list of steps`);
  const steps = list.map((item, i) => {
    if (typeof item === 'string') return splitArgs(item);
    if (Array.isArray(item) && item.every((a) => typeof a === 'string' || typeof a === 'number'))
      return item.map(String);
    throw new SimError(`script ${file}: step ${i + 1} must be a command line or a list of arguments`);
  });
  return { steps, baseDir: dirname(resolve(file)) };
}

/** Runs each step with a fresh command tree (commander keeps option values between parses). */
export async function playScript(
  steps: readonly string[][],
  makeGroup: () => Command,
  echo: (line: string) => void,
): Promise<void> {
  for (const [i, argv] of steps.entries()) {
    if (argv[0] === 'run-script') throw new SimError(`step ${i + 1}: run-script cannot be nested`);
    // The script's steps share one open model: deleting it under them would leave nothing to run on.
    if (argv[0] === 'destroy-model')
      throw new SimError(`step ${i + 1}: destroy-model cannot run in a script`);
    echo(`==> ${argv.join(' ')}`);
    const group = makeGroup();
    group.exitOverride();
    for (const cmd of group.commands) cmd.exitOverride();
    await group.parseAsync([...argv], { from: 'user' });
  }
}
