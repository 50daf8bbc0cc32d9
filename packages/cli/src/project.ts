import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** A charm project on disk: its folder and its parsed `charmcraft.yaml`. */
export interface CharmProject {
  dir: string;
  name: string;
  charmcraft: Record<string, unknown>;
  /** The charm's entry point (`src/charm.ts`). */
  entry: string;
}

/** A charm project that cannot be built, with what is wrong. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}

/** charmcraft.yaml keys that end up in the packed `metadata.yaml` (charmcraft's own list). */
const METADATA_KEYS = [
  'name',
  'summary',
  'description',
  'assumes',
  'charm-user',
  'containers',
  'devices',
  'extra-bindings',
  'peers',
  'provides',
  'requires',
  'resources',
  'storage',
  'subordinate',
  'terms',
];

/** Reads a charm project's `charmcraft.yaml`. */
export function loadProject(dir: string): CharmProject {
  const path = join(dir, 'charmcraft.yaml');
  if (!existsSync(path)) throw new ProjectError(`${dir} has no charmcraft.yaml`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== 'object') throw new ProjectError(`${path} is not a mapping`);
  const charmcraft = doc as Record<string, unknown>;
  if (typeof charmcraft.name !== 'string') throw new ProjectError(`${path} has no name`);
  const entry = join(dir, 'src', 'charm.ts');
  if (!existsSync(entry)) throw new ProjectError(`${dir} has no src/charm.ts`);
  return { dir, name: charmcraft.name, charmcraft, entry };
}

/** The `metadata.yaml` document charmcraft generates from charmcraft.yaml. */
export function metadataDoc(project: CharmProject): Record<string, unknown> {
  const c = project.charmcraft;
  const md: Record<string, unknown> = {};
  for (const key of METADATA_KEYS) if (c[key] !== undefined) md[key] = c[key];
  if (c.title !== undefined) md['display-name'] = c.title;
  const links = (c.links ?? {}) as Record<string, unknown>;
  if (links.contact !== undefined) md.maintainers = [links.contact].flat();
  for (const [from, to] of [
    ['documentation', 'docs'],
    ['issues', 'issues'],
    ['source', 'source'],
    ['website', 'website'],
  ] as const) {
    if (links[from] !== undefined) md[to] = links[from];
  }
  return md;
}

/** The `config.yaml` document, or undefined when the charm has no config. */
export function configDoc(project: CharmProject): Record<string, unknown> | undefined {
  const config = project.charmcraft.config as Record<string, unknown> | undefined;
  return config ? { options: config.options ?? {} } : undefined;
}

/** The `actions.yaml` document, or undefined when the charm has no actions. */
export function actionsDoc(project: CharmProject): Record<string, unknown> | undefined {
  return project.charmcraft.actions as Record<string, unknown> | undefined;
}

/** The platform part of the `.charm` name (`amd64`), from `platforms:` or the legacy `bases:`. */
export function platformOf(project: CharmProject): string {
  const platforms = project.charmcraft.platforms as Record<string, unknown> | undefined;
  const first = platforms ? Object.keys(platforms)[0] : undefined;
  return first ?? 'amd64';
}

/** The base (`ubuntu`, `22.04`) for manifest.yaml, from `base: ubuntu@22.04` or legacy `bases:`. */
export function baseOf(project: CharmProject): { name: string; channel: string } {
  const base = project.charmcraft.base;
  if (typeof base === 'string' && base.includes('@')) {
    const [name, channel] = base.split('@') as [string, string];
    return { name, channel };
  }
  const bases = project.charmcraft.bases as { name?: string; channel?: string }[] | undefined;
  const b = bases?.[0];
  return { name: b?.name ?? 'ubuntu', channel: String(b?.channel ?? '22.04') };
}
