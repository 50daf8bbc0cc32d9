/**
 * `ops-ts juju <verb> ...`: the simulator answering juju 3.6's command line (juju/juju
 * cmd/juju/commands/main.go registers the verbs; juju/cmd supercommand.go and cmd.go run them). Errors
 * are `ERROR <message>` on stderr; usage errors (bad flags, wrong arguments, unknown verbs) exit 2,
 * failures exit 1 (juju/cmd cmd.go Main).
 */
import { SimError, simHome } from '@ops-ts/sim';
import { actionVerbs } from './actions.js';
import type { JujuIO, Verb } from './context.js';
import { deployVerbs } from './deploy.js';
import { envVerbs } from './env.js';
import { Flags, goQuote, parseFlags, UsageError } from './flags.js';
import { logVerbs } from './logs.js';
import { modelVerbs, readAllStdin, readStdinLine } from './models.js';
import { relationVerbs } from './relations.js';
import { secretVerbs } from './secrets.js';
import { statusVerbs } from './status.js';
import { waitVerbs } from './wait-for.js';

/** Every verb `ops-ts juju` answers. */
export const VERBS: readonly Verb[] = [
  ...modelVerbs,
  ...statusVerbs,
  ...deployVerbs,
  ...relationVerbs,
  ...actionVerbs,
  ...secretVerbs,
  ...logVerbs,
  ...waitVerbs,
  ...envVerbs,
];

/** Flags juju's supercommand takes before the verb (juju/cmd supercommand.go, logging flags). */
const GLOBAL_BOOL = new Set([
  '--debug',
  '--verbose',
  '-v',
  '--quiet',
  '-q',
  '--show-log',
  '--no-browser-login',
  '-B',
]);

function findVerb(name: string): Verb | undefined {
  return VERBS.find((v) => v.name === name || v.aliases?.includes(name));
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  return (d[a.length] as number[])[b.length] ?? 0;
}

function help(io: JujuIO): void {
  const width = Math.max(...VERBS.map((v) => v.name.length));
  io.stdout(
    `Usage: juju [options] <command> ...\n\nThe ops-ts simulator's juju: these commands act on the local simulated models.\n\n${VERBS.map((v) => `${v.name.padEnd(width)}  ${v.summary}`).join('\n')}\n`,
  );
}

function verbHelp(io: JujuIO, verb: Verb): void {
  const flags = [...verb.flags, ...(verb.modelFlag ? [{ names: ['m', 'model'] }] : [])]
    .map((f) => f.names.map((n) => (n.length === 1 ? `-${n}` : `--${n}`)).join(', '))
    .join('\n  ');
  io.stdout(`Usage: juju ${verb.name} ${verb.usage}\n\nSummary:\n${verb.summary}\n\nOptions:\n  ${flags}\n`);
}

/** The real process' IO. */
export function processIO(): JujuIO {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    readStdin: readAllStdin,
    readLine: readStdinLine,
  };
}

/** Runs one juju command line; returns its exit code. */
export async function runJuju(argv: readonly string[], io: JujuIO = processIO()): Promise<number> {
  let i = 0;
  while (i < argv.length && GLOBAL_BOOL.has(argv[i] ?? '')) i++;
  const [name, ...rest] = argv.slice(i);
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const verb = name === 'help' && rest[0] !== undefined ? findVerb(rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !verb) return unknown(io, rest[0]);
    if (verb) verbHelp(io, verb);
    else help(io);
    return 0;
  }
  if (name === '--version') return runJuju(['version'], io);
  const verb = findVerb(name);
  if (!verb) return unknown(io, name);
  if (rest.includes('--help') || rest.includes('-h')) {
    verbHelp(io, verb);
    return 0;
  }
  try {
    const specs = verb.modelFlag
      ? [...verb.flags, { names: ['m', 'model'], kind: 'string' as const }]
      : verb.flags;
    const flags = new Flags(parseFlags(rest, specs));
    const code = await verb.run({ io, flags, home: simHome(io.env, io.cwd) });
    return code ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`ERROR ${error.message}\n`);
      return 2;
    }
    // Every other failure is juju's exit 1 with one ERROR line (SimError is the simulator's refusal).
    io.stderr(
      `ERROR ${error instanceof SimError || error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
}

/** juju/juju cmd/juju/commands/plugin.go: an unknown verb, with the nearest one suggested. */
function unknown(io: JujuIO, name: string): number {
  const near = VERBS.map((v) => ({ v: v.name, d: distance(name, v.name) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d)[0];
  io.stderr(
    `ERROR juju: ${goQuote(name)} is not a juju command. See "juju --help".${near ? `\n\nDid you mean:\n\t${near.v}` : ''}\n`,
  );
  return 2;
}
