/** Reading a packed `.charm`: check it is a charm, parse its metadata, config and actions. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { ArchiveError, assertExtractable, readZip } from '@ops-ts/archive';
import type { CharmInfo, ConfigOption, JsonObject } from '@ops-ts/juju';

import { SimError } from './errors.js';
import { parseUserYaml } from './user-yaml.js';

/** A charm file read and checked. */
export interface CharmFile {
  /** The archive bytes. */
  bytes: Buffer;
  /** Parsed metadata, config and actions. */
  info: CharmInfo;
  /** The charm's name (metadata `name`). */
  name: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseYaml(text: string, what: string, file: string): unknown {
  try {
    return parseUserYaml(text);
  } catch (error) {
    throw new SimError(`${basename(file)}: invalid ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Config option types Juju knows (charm/config.go). */
const OPTION_TYPES = ['string', 'int', 'float', 'boolean', 'secret'];

/**
 * Largest unpacked size of a charm (`$OPS_TS_SIM_MAX_CHARM_BYTES`, default 512 MiB): a charm with a Node
 * runtime inside is ~100 MiB; more is a zip bomb, refused before it is inflated.
 */
export function maxCharmBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.OPS_TS_SIM_MAX_CHARM_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : 512 * 1024 ** 2;
}

/** Reads the archive and checks every entry (CRC, size, type, path) and the total size, naming the problem. */
function readEntries(path: string, bytes: Buffer): ReturnType<typeof readZip> {
  try {
    const entries = readZip(bytes, { maxUnpackedBytes: maxCharmBytes() });
    assertExtractable(entries);
    return entries;
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    const reason = error.message.startsWith('not a zip archive') ? 'not a zip archive' : error.message;
    throw new SimError(`${basename(path)} is not a charm: ${reason}`);
  }
}

/**
 * Reads a `.charm` and checks what Juju checks: a zip with `metadata.yaml` naming the charm and a
 * `dispatch`, whose every entry unpacks safely (so nothing is changed for an archive that would fail later).
 */
export function readCharmFile(path: string): CharmFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw new SimError(`charm file ${path} is a directory`);
    throw new SimError(`charm file ${path} not found`);
  }
  const entries = readEntries(path, bytes);
  const file = (name: string) => entries.find((e) => e.path === name)?.data.toString('utf8');
  const metadataText = file('metadata.yaml');
  if (metadataText === undefined) throw new SimError(`${basename(path)} is not a charm: no metadata.yaml`);
  const metadata = parseYaml(metadataText, 'metadata.yaml', path);
  if (!isObject(metadata) || typeof metadata.name !== 'string' || metadata.name === '') {
    throw new SimError(`${basename(path)} is not a charm: metadata.yaml has no name`);
  }
  if (!entries.some((e) => e.path === 'dispatch' || e.path.startsWith('hooks/'))) {
    throw new SimError(`${basename(path)} is not a charm: no dispatch script or hooks`);
  }
  const config = readConfigOptions(parseYaml(file('config.yaml') ?? '{}', 'config.yaml', path), path);
  const actionsDoc = parseYaml(file('actions.yaml') ?? '{}', 'actions.yaml', path) ?? {};
  if (!isObject(actionsDoc)) {
    throw new SimError(`${basename(path)}: invalid actions.yaml: expected a mapping of action names`);
  }
  for (const [name, spec] of Object.entries(actionsDoc)) {
    if (spec !== null && !isObject(spec)) {
      throw new SimError(
        `${basename(path)}: invalid actions.yaml: action ${JSON.stringify(name)} is not a mapping`,
      );
    }
  }
  return { bytes, info: { metadata, config, actions: actionsDoc }, name: metadata.name };
}

/** config.yaml's `options`, each with a type Juju knows (an unknown type is refused, as Juju refuses it). */
function readConfigOptions(doc: unknown, path: string): Record<string, ConfigOption> {
  const options = isObject(doc) && isObject(doc.options) ? doc.options : {};
  const config: Record<string, ConfigOption> = Object.create(null);
  for (const [key, raw] of Object.entries(options)) {
    if (!isObject(raw)) continue;
    const type = raw.type ?? 'string';
    if (typeof type !== 'string' || !OPTION_TYPES.includes(type)) {
      throw new SimError(
        `${basename(path)}: invalid config.yaml: option ${JSON.stringify(key)} has unknown type ${JSON.stringify(type)} (expected ${OPTION_TYPES.join(', ')})`,
      );
    }
    config[key] = {
      type,
      ...(raw.default !== undefined ? { default: raw.default } : {}),
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    };
  }
  return config;
}

/** The endpoint declarations of a charm (`provides`, `requires`, `peers`). */
export interface EndpointSpec {
  /** Endpoint name. */
  name: string;
  /** Role from the section it is declared in. */
  role: 'provider' | 'requirer' | 'peer';
  /** Interface name. */
  interface: string;
  /** `limit:` (max relations), if any. */
  limit: number | null;
  /** `scope: container` endpoints make subordinate relations. */
  scope: 'global' | 'container';
}

/** Every endpoint a charm declares. */
export function charmEndpoints(info: CharmInfo): EndpointSpec[] {
  const out: EndpointSpec[] = [];
  const sections = [
    ['provides', 'provider'],
    ['requires', 'requirer'],
    ['peers', 'peer'],
  ] as const;
  for (const [section, role] of sections) {
    const eps = info.metadata[section];
    if (!isObject(eps)) continue;
    for (const [name, spec] of Object.entries(eps)) {
      const s = isObject(spec) ? spec : {};
      out.push({
        name,
        role,
        interface: typeof s.interface === 'string' ? s.interface : name,
        limit: typeof s.limit === 'number' ? s.limit : null,
        scope: s.scope === 'container' ? 'container' : 'global',
      });
    }
  }
  return out;
}

/** Container names declared by the charm (`containers:`). */
export function charmContainers(info: CharmInfo): string[] {
  const containers = info.metadata.containers;
  return isObject(containers) ? Object.keys(containers) : [];
}

/** Storage names declared by the charm (`storage:`). */
export function charmStorage(info: CharmInfo): string[] {
  const storage = info.metadata.storage;
  return isObject(storage) ? Object.keys(storage) : [];
}
