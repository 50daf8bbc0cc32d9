import { resolve } from 'node:path';
import { Command } from 'commander';
import { buildCharm } from './build.js';
import { initCharm } from './init.js';
import { runJuju } from './juju/command.js';
import { packCharm } from './pack.js';
import { loadProject } from './project.js';
import { simCommand } from './sim/command.js';
import { exitQuietlyOnClosedPipe } from './sim/output.js';
import { writeCharmTypes } from './typegen.js';
import { findCharmProjects, findRoot } from './workspace.js';

/** The charm folders a build/pack command acts on. */
function targets(dir: string | undefined, all: boolean | undefined): string[] {
  if (all) return findCharmProjects(findRoot());
  return [resolve(dir ?? '.')];
}

const program = new Command('ops-ts').description(
  'Build, pack and simulate Juju charms written in TypeScript',
);

program
  .command('build')
  .description("bundle a charm's src/charm.ts into dist/ (one file, no node_modules at run time)")
  .argument('[dir]', 'the charm project folder', '.')
  .option('--all', 'every charm under charms/ and examples/')
  .action(async (dir: string, opts: { all?: boolean }) => {
    const projects = targets(dir, opts.all);
    if (projects.length === 0)
      throw new Error(`no charm projects under ${findRoot()} (charms/, examples/, stand-ins/)`);
    for (const target of projects) {
      const result = await buildCharm(loadProject(target));
      console.log(`built ${result.bundle} (${(result.bundleBytes / 1024).toFixed(0)} KiB)`);
    }
  });

program
  .command('pack')
  .description('build and pack a charm into <name>_<platform>.charm, laid out as charmcraft pack lays it out')
  .argument('[dir]', 'the charm project folder', '.')
  .option('--all', 'every charm under charms/ and examples/')
  .option('-o, --out <dir>', 'where to write the .charm (default: the charm folder)')
  .option(
    '--node <path|version>',
    'ship a Node runtime as bin/node: a node executable, or a version such as 22 (Juju bases have no node)',
  )
  .action(async (dir: string, opts: { all?: boolean; out?: string; node?: string }) => {
    const projects = targets(dir, opts.all);
    if (projects.length === 0)
      throw new Error(`no charm projects under ${findRoot()} (charms/, examples/, stand-ins/)`);
    for (const target of projects) {
      const project = loadProject(target);
      const out = await packCharm(project, opts.out ? resolve(opts.out) : undefined, {
        ...(opts.node ? { node: opts.node } : {}),
      });
      console.log(`packed ${out}`);
      if (!opts.node) {
        console.error(
          `note: ${project.name} ships no Node runtime: it runs only where \`node\` is on the unit's PATH (Juju's bases have none); pack with --node <path|version> to include one`,
        );
      }
    }
  });

program
  .command('typegen')
  .description("write the charm's config, action-params and name types to src/generated/charm-types.ts")
  .argument('[dir]', 'the charm project folder', '.')
  .option('--all', 'every charm under charms/, examples/ and stand-ins/')
  .action((dir: string, opts: { all?: boolean }) => {
    for (const target of targets(dir, opts.all)) console.log(`wrote ${writeCharmTypes(loadProject(target))}`);
  });

program
  .command('init')
  .description('make a new charm project (charmcraft.yaml, src/, a unit test) that passes its own tests')
  .argument('[dir]', 'the folder to create (its name is the charm name)', '.')
  .option('--kubernetes', 'a Kubernetes charm with a workload container')
  .option('--name <name>', 'the charm name (default: the folder name)')
  .option('--force', 'write into a folder that is not empty')
  .action((dir: string, opts: { kubernetes?: boolean; name?: string; force?: boolean }) => {
    const files = initCharm(dir, opts);
    console.log(`created ${files.length} files in ${resolve(dir)}: ${files.join(', ')}`);
  });

program.addCommand(simCommand());
program.addHelpText(
  'after',
  '\n`ops-ts juju <verb> ...` answers the juju CLI (3.6) against the simulator; `ops-ts juju env` puts a `juju` on PATH.',
);

// `juju` argv is juju's grammar (gnuflag), not commander's: it gets its own parser.
if (process.argv[2] === 'juju') {
  exitQuietlyOnClosedPipe();
  runJuju(process.argv.slice(3)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
} else {
  program.parseAsync().catch((error: unknown) => {
    console.error(`ERROR ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
