import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipDirectory } from '@ops-ts/archive';
import { buildCharm } from './build.js';
import { downloadNode, isNodeVersion } from './node-download.js';
import { checkPackable } from './pack-checks.js';
import { packTarget } from './pack-target.js';
import { type CharmProject, ProjectError } from './project.js';

/** The `.charm` file name charmcraft uses: `<name>_<platform>.charm` (`<name>_<base>-<channel>-<arch>.charm` for `bases:`). */
export function charmFileName(project: CharmProject): string {
  return `${project.name}_${packTarget(project).label}.charm`;
}

/** How to pack. */
export interface PackOptions {
  /**
   * The Node runtime to ship as `bin/node` (what `dispatch` runs first): the path of a node executable,
   * or a version (`22`, `22.12.0`) fetched from the npm registry for the charm's architecture.
   * Without it the charm runs only where `node` is on the unit's PATH, which Juju's bases are not.
   */
  node?: string;
}

/** What a shipped runtime is: its real path and `--version`. */
export interface NodeRuntime {
  path: string;
  version: string;
}

/**
 * Checks that `path` is a real Node executable (not, say, the snap launcher a `node` snap's command links
 * to) by running it: its `--version` must look like Node's.
 */
export function checkNodeRuntime(path: string): NodeRuntime {
  if (isNodeVersion(path)) {
    throw new ProjectError(`checkNodeRuntime takes the path of a node executable, not a version (${path})`);
  }
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw new ProjectError(`--node ${path}: no such file`);
  }
  if (!statSync(real).isFile()) throw new ProjectError(`--node ${path}: not a file`);
  const run = spawnSync(real, ['--version'], { encoding: 'utf8', timeout: 10_000, env: {} });
  const version = run.stdout?.trim() ?? '';
  if (run.status !== 0 || !/^v\d+\.\d+\.\d+/.test(version)) {
    throw new ProjectError(
      `--node ${path} (${real}) is not a Node executable: \`--version\` printed ${JSON.stringify(version)}`,
    );
  }
  return { path: real, version };
}

/**
 * Builds a charm and zips its `dist/` tree (mode bits kept) into `<outDir>/<name>_<platform>.charm`; with
 * `node`, the runtime goes in as `bin/node` (0755), as a charmcraft build that stages one does.
 */
export async function packCharm(
  project: CharmProject,
  outDir = project.dir,
  options: PackOptions = {},
): Promise<string> {
  // Before anything is built or written: the name and platform become a path.
  checkPackable(project);
  const node = options.node;
  // A version is fetched for the charm's architecture; a path is used as it is. Either way it must run.
  const runtime =
    node === undefined
      ? undefined
      : checkNodeRuntime(
          isNodeVersion(node)
            ? downloadNode(node, packTarget(project).bases[0]?.architectures[0] ?? 'amd64')
            : node,
        );
  const { dist } = await buildCharm(project);
  if (runtime) {
    mkdirSync(join(dist, 'bin'), { recursive: true });
    copyFileSync(runtime.path, join(dist, 'bin', 'node'));
    chmodSync(join(dist, 'bin', 'node'), 0o755);
  }
  const out = join(outDir, charmFileName(project));
  writeFileSync(out, zipDirectory(dist));
  return out;
}
