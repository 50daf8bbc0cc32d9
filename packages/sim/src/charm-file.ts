/** Reading a packed `.charm`: check it is a charm, parse its metadata, config and actions. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readZip } from '@ops-ts/archive';
import type { CharmInfo, ConfigOption, JsonObject } from '@ops-ts/juju';
import { parse } from 'yaml';
import { SimError } from './errors.js';

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
    return parse(text);
  } catch (error) {
    throw new SimError(`${basename(file)}: invalid ${what}: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Reads a `.charm` and checks what Juju checks: a zip with `metadata.yaml` naming the charm and a `dispatch`. */
export function readCharmFile(path: string): CharmFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new SimError(`charm file ${path} not found`);
  }
  let entries: ReturnType<typeof readZip>;
  try {
    entries = readZip(bytes);
  } catch {
    throw new SimError(`${basename(path)} is not a charm: not a zip archive`);
  }
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
  const configDoc = parseYaml(file('config.yaml') ?? '{}', 'config.yaml', path);
  const options = isObject(configDoc) && isObject(configDoc.options) ? configDoc.options : {};
  const config: Record<string, ConfigOption> = {};
  for (const [key, raw] of Object.entries(options)) {
    if (!isObject(raw)) continue;
    config[key] = {
      type: typeof raw.type === 'string' ? raw.type : 'string',
      ...(raw.default !== undefined ? { default: raw.default } : {}),
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    };
  }
  const actionsDoc = parseYaml(file('actions.yaml') ?? '{}', 'actions.yaml', path);
  const actions = isObject(actionsDoc) ? actionsDoc : {};
  return { bytes, info: { metadata, config, actions }, name: metadata.name };
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
