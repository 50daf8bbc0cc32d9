// ops' layer normalisation, shared by every YAML codec (client, server).
import type { Check, Layer, LogTarget, Service } from './layer-types.js';

const SERVICE_FIELDS = [
  'summary',
  'description',
  'startup',
  'override',
  'command',
  'after',
  'before',
  'requires',
  'environment',
  'user',
  'user-id',
  'group',
  'group-id',
  'working-dir',
  'on-success',
  'on-failure',
  'on-check-failure',
  'backoff-delay',
  'backoff-factor',
  'backoff-limit',
  'kill-delay',
] as const satisfies readonly (keyof Service)[];

const CHECK_FIELDS = [
  'override',
  'level',
  'startup',
  'period',
  'timeout',
  'threshold',
  'http',
  'tcp',
  'exec',
] as const satisfies readonly (keyof Check)[];

const LOG_TARGET_FIELDS = [
  'override',
  'type',
  'location',
  'services',
  'labels',
] as const satisfies readonly (keyof LogTarget)[];

// ops treats empty strings, zero, empty lists and empty maps as "not set".
function isFalsy(value: unknown): boolean {
  if (!value) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

function pickTruthy<T extends object>(entry: T, fields: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const field of fields) {
    const value = entry[field];
    if (!isFalsy(value)) out[field] = value;
  }
  return out as T;
}

function normaliseMap<T extends object>(
  map: Record<string, T> | undefined,
  fields: readonly (keyof T)[],
): Record<string, T> | undefined {
  if (!map) return undefined;
  const out: Record<string, T> = Object.create(null);
  for (const [name, entry] of Object.entries(map)) {
    const value = pickTruthy(entry ?? ({} as T), fields);
    Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
  }
  return isFalsy(out) ? undefined : out;
}

/** Keep only known fields and drop falsy ones, as ops does before sending a layer dict. */
export function normaliseLayer(layer: Layer): Layer {
  const out: Layer = {};
  if (layer.summary) out.summary = layer.summary;
  if (layer.description) out.description = layer.description;
  const services = normaliseMap(layer.services, SERVICE_FIELDS);
  if (services) out.services = services;
  const checks = normaliseMap(layer.checks, CHECK_FIELDS);
  if (checks) out.checks = checks;
  const logTargets = normaliseMap(layer['log-targets'], LOG_TARGET_FIELDS);
  if (logTargets) out['log-targets'] = logTargets;
  return out;
}
