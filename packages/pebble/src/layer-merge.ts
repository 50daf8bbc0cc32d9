import { serviceArgv } from './command-split.js';
import { LayerError } from './errors.js';
import type { Check, ExecCheck, HttpCheck, Layer, LogTarget, Service, TcpCheck } from './layer-types.js';

/** A layer together with its label, the unit `mergeLayers` works on. */
export interface LabelledLayer {
  label: string;
  layer: Layer;
}

type Entry = object;

// Pebble's merge semantics per field kind: lists are appended, maps updated key by key,
// scalars replaced only when the upper layer sets them.
function mergeFields<T extends Entry>(base: T, upper: T, lists: (keyof T)[], maps: (keyof T)[]): T {
  const out: T = { ...base };
  for (const key of Object.keys(upper) as (keyof T)[]) {
    const value = upper[key];
    if (value === undefined || value === null) continue;
    if (lists.includes(key)) {
      const before = (base[key] ?? []) as unknown[];
      out[key] = [...before, ...(value as unknown[])] as T[keyof T];
    } else if (maps.includes(key)) {
      out[key] = { ...(base[key] ?? {}), ...(value as object) } as T[keyof T];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** Merge one service definition onto another following `override: merge` rules. */
export function mergeService(base: Service, upper: Service): Service {
  return mergeFields(base, upper, ['after', 'before', 'requires'], ['environment', 'on-check-failure']);
}

/** Merge one check definition onto another following `override: merge` rules. */
export function mergeCheck(base: Check, upper: Check): Check {
  const out = mergeFields(base, upper, [], []);
  if (upper.http) out.http = mergeFields<HttpCheck>(base.http ?? {}, upper.http, [], ['headers']);
  if (upper.tcp) out.tcp = mergeFields<TcpCheck>(base.tcp ?? {}, upper.tcp, [], []);
  if (upper.exec) out.exec = mergeFields<ExecCheck>(base.exec ?? {}, upper.exec, [], ['environment']);
  return out;
}

/** Merge one log target onto another following `override: merge` rules. */
export function mergeLogTarget(base: LogTarget, upper: LogTarget): LogTarget {
  return mergeFields(base, upper, ['services'], ['labels']);
}

interface SectionRules<T extends { override?: string }> {
  merge: (base: T, upper: T) => T;
}

function combineSection<T extends { override?: string }>(
  base: Record<string, T> | undefined,
  upper: Record<string, T> | undefined,
  rules: SectionRules<T>,
): Record<string, T> | undefined {
  if (!upper) return base;
  // No prototype, entries defined: a service named `__proto__` or `constructor` is a service.
  const out: Record<string, T> = Object.assign(Object.create(null), base ?? {});
  for (const [name, entry] of Object.entries(upper)) {
    // Overrides were validated by checkOverrides, so anything but replace means merge.
    const existing = Object.hasOwn(out, name) ? out[name] : undefined;
    const value =
      entry.override === 'replace' || existing === undefined ? { ...entry } : rules.merge(existing, entry);
    Object.defineProperty(out, name, { value, writable: true, enumerable: true, configurable: true });
  }
  return out;
}

// Validate override values even when there is nothing below to merge with.
function checkOverrides(label: string, layer: Layer): void {
  const sections = [
    ['service', layer.services],
    ['check', layer.checks],
    ['log target', layer['log-targets']],
  ] as const;
  for (const [noun, section] of sections) {
    for (const [name, entry] of Object.entries(section ?? {})) {
      if (entry.override === undefined || (entry.override as string) === '') {
        throw new LayerError(`layer ${q(label)} must define "override" for ${noun} ${q(name)}`);
      }
      if (entry.override !== 'merge' && entry.override !== 'replace') {
        throw new LayerError(`layer ${q(label)} has invalid "override" value for ${noun} ${q(name)}`);
      }
    }
  }
}

/** Combine `upper` (labelled `label`) onto `base` using each entry's `override`; returns a new layer. */
export function combineLayer(base: Layer, upper: Layer, label: string): Layer {
  checkOverrides(label, upper);
  const out: Layer = { ...base };
  if (upper.summary) out.summary = upper.summary;
  if (upper.description) out.description = upper.description;
  const services = combineSection(base.services, upper.services, { merge: mergeService });
  const checks = combineSection(base.checks, upper.checks, { merge: mergeCheck });
  const logTargets = combineSection(base['log-targets'], upper['log-targets'], { merge: mergeLogTarget });
  if (services) out.services = services;
  if (checks) out.checks = checks;
  if (logTargets) out['log-targets'] = logTargets;
  return out;
}

/** Combine layers bottom to top into the effective plan and validate it as Pebble does. */
export function mergeLayers(layers: readonly LabelledLayer[]): Layer {
  let combined: Layer = {};
  for (const { label, layer } of layers) combined = combineLayer(combined, layer, label);
  validatePlan(combined);
  const { summary: _summary, description: _description, ...plan } = combined;
  return plan;
}

/** Throw LayerError for a combined plan Pebble would refuse (service without command, bad references). */
export function validatePlan(plan: Layer): void {
  const services = plan.services ?? {};
  for (const [name, service] of Object.entries(services)) {
    if (!service.command) throw new LayerError(`plan must define "command" for service ${q(name)}`);
    // plan.go validate: the command must parse (ParseCommand).
    try {
      serviceArgv(name, service.command);
    } catch (error) {
      throw new LayerError(`plan service ${q(name)} command invalid: ${(error as Error).message}`);
    }
    for (const field of ['after', 'before', 'requires'] as const) {
      for (const other of service[field] ?? []) {
        if (!Object.hasOwn(services, other)) {
          throw new LayerError(`plan service ${q(name)} ${field} missing service ${q(other)}`);
        }
      }
    }
  }
  for (const [name, check] of Object.entries(plan.checks ?? {})) {
    if (!check.http && !check.tcp && !check.exec) {
      throw new LayerError(`plan must specify one of "http", "tcp", or "exec" for check ${q(name)}`);
    }
  }
}

function q(text: string): string {
  return JSON.stringify(text);
}
