import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MetadataError } from '@ops-ts/ops';
import { type CharmDocuments, charmDocuments } from '@ops-ts/ops/runtime';
import { parseUserYaml } from '@ops-ts/sim';

/** A charm project on disk: its folder and its parsed `charmcraft.yaml`. */
export interface CharmProject {
  dir: string;
  name: string;
  charmcraft: Record<string, unknown>;
  /** The charm's entry point (`src/charm.ts`). */
  entry: string;
  /** The split layout's files, when the project has them. */
  split?: {
    metadata?: Record<string, unknown>;
    config?: Record<string, unknown>;
    actions?: Record<string, unknown>;
  };
}

/** A charm project that cannot be built, with what is wrong. */
export class ProjectError extends Error {
  override name = 'ProjectError';
}

/** Reads a charm project: `charmcraft.yaml`, and the split layout's `metadata.yaml`, `config.yaml`, `actions.yaml`. */
export function loadProject(dir: string): CharmProject {
  const charmcraft = readYaml(dir, 'charmcraft.yaml');
  if (!charmcraft) throw new ProjectError(`${dir} has no charmcraft.yaml`);
  const split: CharmProject['split'] = {};
  for (const name of ['metadata', 'config', 'actions'] as const) {
    const doc = readYaml(dir, `${name}.yaml`);
    if (doc) split[name] = doc;
  }
  const name = split.metadata?.name ?? charmcraft.name;
  if (typeof name !== 'string') {
    throw new ProjectError(`${join(dir, split.metadata ? 'metadata.yaml' : 'charmcraft.yaml')} has no name`);
  }
  const entry = join(dir, 'src', 'charm.ts');
  if (!existsSync(entry)) throw new ProjectError(`${dir} has no src/charm.ts`);
  const project: CharmProject = { dir, name, charmcraft, entry, split };
  documents(project); // refuse a field that cannot be placed now, not halfway through a build
  return project;
}

function readYaml(dir: string, file: string): Record<string, unknown> | undefined {
  const path = join(dir, file);
  if (!existsSync(path)) return undefined;
  let doc: unknown;
  try {
    doc = parseUserYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ProjectError(`${path} is not valid YAML: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc))
    throw new ProjectError(`${path} is not a mapping`);
  return doc as Record<string, unknown>;
}

/** The three documents of the project, as charmcraft makes them (ProjectError naming a misplaced field). */
function documents(project: CharmProject): CharmDocuments {
  try {
    return charmDocuments({ charmcraft: project.charmcraft, ...project.split });
  } catch (error) {
    if (error instanceof MetadataError) throw new ProjectError(`${project.dir}: ${error.message}`);
    throw error;
  }
}

/** The `metadata.yaml` document charmcraft generates. */
export function metadataDoc(project: CharmProject): Record<string, unknown> {
  return documents(project).metadata;
}

/** The `config.yaml` document, or undefined when the charm has no config. */
export function configDoc(project: CharmProject): Record<string, unknown> | undefined {
  return documents(project).config;
}

/** The `actions.yaml` document, or undefined when the charm has no actions. */
export function actionsDoc(project: CharmProject): Record<string, unknown> | undefined {
  return documents(project).actions;
}
