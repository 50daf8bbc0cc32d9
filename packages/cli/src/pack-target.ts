// What a pack produces for: the `.charm` file label and the run-on bases, as charmcraft reads
// `platforms:` (charmcraft 3, with `base:`) or the legacy `bases:` (canonical/charmcraft
// `charmcraft/services/package.py` `get_manifest_bases`; file names as charmcraft writes them:
// `<name>_<platform label>.charm`, `<name>_<base>-<channel>-<arch>.charm` for `bases:`).
import { type CharmProject, ProjectError } from './project.js';

/** A Juju base the charm runs on. */
export interface RunOnBase {
  name: string;
  channel: string;
  architectures: string[];
}

/** The first build target of a project: its file label and the bases its manifest lists. */
export interface PackTarget {
  /** The part of the file name after `<name>_`. */
  label: string;
  bases: RunOnBase[];
}

/** Juju architecture names (and the `base@series:arch` form's arch part). */
const ARCHES = new Set(['amd64', 'arm64', 'armhf', 'ppc64el', 'riscv64', 's390x', 'i386']);

function parseBase(text: string, where: string): { name: string; channel: string } {
  const [name, channel] = text.split('@');
  if (!name || !channel)
    throw new ProjectError(`${where}: ${JSON.stringify(text)} is not a base (e.g. ubuntu@24.04)`);
  return { name, channel };
}

/** `amd64`, or `ubuntu@24.04:amd64` → base and arch. */
function parseBuildFor(
  text: string,
  where: string,
): { base?: { name: string; channel: string }; arch: string } {
  const colon = text.lastIndexOf(':');
  const arch = colon === -1 ? text : text.slice(colon + 1);
  if (!ARCHES.has(arch))
    throw new ProjectError(`${where}: ${JSON.stringify(arch)} is not a Juju architecture`);
  return colon === -1 ? { arch } : { base: parseBase(text.slice(0, colon), where), arch };
}

function fromPlatforms(project: CharmProject, platforms: Record<string, unknown>): PackTarget {
  const [label, spec] = Object.entries(platforms)[0] ?? [];
  if (label === undefined) throw new ProjectError(`${project.dir}: platforms is empty`);
  const where = `${project.dir}: platform ${JSON.stringify(label)}`;
  let target: { base?: { name: string; channel: string }; arch: string };
  if (spec === null || spec === undefined) {
    target = parseBuildFor(label, where); // `amd64:` or `ubuntu@24.04:amd64:`
  } else {
    const buildFor = (spec as { 'build-for'?: unknown })['build-for'];
    const first = Array.isArray(buildFor) ? buildFor[0] : buildFor;
    if (typeof first !== 'string') throw new ProjectError(`${where} has no build-for`);
    target = parseBuildFor(first, where);
  }
  const declared = project.charmcraft.base;
  const base =
    target.base ?? (typeof declared === 'string' ? parseBase(declared, `${project.dir}: base`) : undefined);
  if (!base)
    throw new ProjectError(`${where}: no base (set \`base:\` or name the platform base@series:arch)`);
  return { label, bases: [{ ...base, architectures: [target.arch] }] };
}

function fromBases(project: CharmProject, bases: unknown[]): PackTarget {
  const first = bases[0] as Record<string, unknown> | undefined;
  if (!first) throw new ProjectError(`${project.dir}: bases is empty`);
  // A short-form entry is both build-on and run-on; the long form lists run-on bases.
  const runOn = (Array.isArray(first['run-on']) ? first['run-on'] : [first]) as Record<string, unknown>[];
  const out = runOn.map((b) => ({
    name: String(b.name ?? 'ubuntu'),
    channel: String(b.channel ?? ''),
    architectures: Array.isArray(b.architectures) ? b.architectures.map(String) : ['amd64'],
  }));
  const label = out.map((b) => `${b.name}-${b.channel}-${b.architectures.join('-')}`).join('_');
  return { label, bases: out };
}

/** The project's (first) pack target. */
export function packTarget(project: CharmProject): PackTarget {
  const { platforms, bases } = project.charmcraft;
  if (platforms && typeof platforms === 'object')
    return fromPlatforms(project, platforms as Record<string, unknown>);
  if (Array.isArray(bases)) return fromBases(project, bases);
  return { label: 'amd64', bases: [{ name: 'ubuntu', channel: '22.04', architectures: ['amd64'] }] };
}
