/**
 * A `juju` executable for the simulator: `ops-ts juju env` writes `<home>/bin/juju`, a shell script that
 * runs `ops-ts juju "$@"` against this home, and prints the shell lines that put it first on PATH
 * (`eval "$(ops-ts juju env)"`). Also `version` (juju/juju cmd/juju/commands/version.go).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SIM_JUJU_VERSION } from '@ops-ts/sim';
import type { Verb } from './context.js';
import { checkEmpty } from './flags.js';
import { FORMAT_FLAG, formatDocument, formatOf } from './output.js';

/** A string quoted for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The argv that runs this CLI: the node running it and its script. */
export function selfCommand(): string[] {
  return [process.execPath, resolve(process.argv[1] ?? '')];
}

/** Writes the `juju` shim into `<home>/bin` and returns that directory. */
export function writeShim(home: string, self: readonly string[] = selfCommand()): string {
  const dir = join(home, 'bin');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, 'juju');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      '# juju for the ops-ts simulator (written by `ops-ts juju env`): every juju command goes to `ops-ts juju`.',
      `OPS_TS_SIM_HOME="\${OPS_TS_SIM_HOME:-${home.replace(/["\\$`]/g, '\\$&')}}"`,
      'export OPS_TS_SIM_HOME',
      `exec ${self.map(shellQuote).join(' ')} juju "$@"`,
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  chmodSync(path, 0o700);
  return dir;
}

/** The shell lines `env` prints. */
export function envLines(home: string, binDir: string): string {
  return `export OPS_TS_SIM_HOME=${shellQuote(home)}\nexport PATH=${shellQuote(binDir)}:"$PATH"\n`;
}

const env: Verb = {
  name: 'env',
  summary: '(ops-ts) Write the juju shim and print the shell lines that put it on PATH.',
  usage: '',
  modelFlag: false,
  flags: [],
  run(ctx) {
    checkEmpty(ctx.flags.args);
    ctx.io.stdout(envLines(ctx.home, writeShim(ctx.home)));
    return 0;
  },
};

/** The version string `juju version` prints. */
export const VERSION_STRING = `${SIM_JUJU_VERSION}-genericlinux-${process.arch === 'arm64' ? 'arm64' : 'amd64'}`;

const version: Verb = {
  name: 'version',
  summary: 'Print the Juju CLI client version.',
  usage: '[--all] [--format smart|json|yaml]',
  modelFlag: false,
  flags: [FORMAT_FLAG, { names: ['all'], kind: 'bool' }],
  run(ctx) {
    const format = formatOf(ctx.flags, 'smart', ['smart', 'json', 'yaml']);
    const doc = ctx.flags.bool('all')
      ? {
          version: VERSION_STRING,
          'git-commit': 'ops-ts-simulator',
          'git-tree-state': 'clean',
          compiler: 'node',
        }
      : VERSION_STRING;
    if (format === 'smart' && typeof doc === 'string') ctx.io.stdout(`${doc}\n`);
    else ctx.io.stdout(formatDocument(doc, format === 'smart' ? 'yaml' : format));
    return 0;
  },
};

/** The shim and version verbs. */
export const envVerbs: readonly Verb[] = [env, version];
