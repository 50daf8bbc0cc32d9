// What `ops-ts pack` refuses before it builds: a charm name Juju would refuse (and that could write
// outside the output folder: `name: ../../evil`), a platform that is not a plain word, config options of
// types Juju does not know, and `actions` that are not a mapping of action names.
import { packTarget } from './pack-target.js';
import { type CharmProject, ProjectError } from './project.js';

/** Juju's charm name rule (charm/url.go validName): lowercase words of letters and digits joined by hyphens, each word after the first holding a letter, starting with a letter. */
const CHARM_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]*[a-z][a-z0-9]*)*$/;

/** The platform label becomes part of the file name: a plain word (`amd64`, `ubuntu@22.04:arm64`, `ubuntu-22.04-amd64`). */
const PLATFORM_NAME = /^[a-z0-9][a-z0-9.@:_-]*$/;

/** Config option types Juju knows. */
const OPTION_TYPES = ['string', 'int', 'float', 'boolean', 'secret'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether `name` is a valid charm name for Juju. */
export function isValidCharmName(name: string): boolean {
  return CHARM_NAME.test(name);
}

/** Throws ProjectError naming the first thing in the project that `charmcraft pack` or Juju would refuse. */
export function checkPackable(project: CharmProject): void {
  if (!isValidCharmName(project.name)) {
    throw new ProjectError(
      `invalid charm name ${JSON.stringify(project.name)}: use lowercase letters, digits and hyphens, starting with a letter (each part after a hyphen needs a letter)`,
    );
  }
  const platform = packTarget(project).label;
  if (!PLATFORM_NAME.test(platform))
    throw new ProjectError(`invalid platform name ${JSON.stringify(platform)}`);
  const config = project.charmcraft.config;
  const options = isRecord(config) ? config.options : undefined;
  if (config !== undefined && (!isRecord(config) || (options !== undefined && !isRecord(options)))) {
    throw new ProjectError('charmcraft.yaml: config must be a mapping with an options mapping');
  }
  for (const [key, option] of Object.entries(isRecord(options) ? options : {})) {
    const type = isRecord(option) ? (option.type ?? 'string') : undefined;
    if (typeof type !== 'string' || !OPTION_TYPES.includes(type)) {
      throw new ProjectError(
        `charmcraft.yaml: config option ${JSON.stringify(key)} has unknown type ${JSON.stringify(type)} (expected ${OPTION_TYPES.join(', ')})`,
      );
    }
  }
  const actions = project.charmcraft.actions;
  if (actions !== undefined && actions !== null && !isRecord(actions)) {
    throw new ProjectError('charmcraft.yaml: actions must be a mapping of action names');
  }
  for (const [name, spec] of Object.entries(isRecord(actions) ? actions : {})) {
    if (spec !== null && !isRecord(spec)) {
      throw new ProjectError(`charmcraft.yaml: action ${JSON.stringify(name)} must be a mapping`);
    }
  }
}
