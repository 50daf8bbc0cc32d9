/**
 * Checking a loaded model's shape, and giving its maps no prototype. Keys in the model are users' keys
 * (relation data, config, secret content, Pebble services): with `Object.prototype` behind them a key
 * named `__proto__` would vanish on assignment and `constructor` would seem present in every map.
 */
import type { AgentRecords } from '../agent-records.js';

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Gives every plain object in the tree a null prototype, in place (references held elsewhere stay valid). */
export function nullPrototypes<T>(value: T): T {
  const seen = new Set<object>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    if (Array.isArray(v)) {
      for (const item of v) walk(item);
      return;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return; // class instances keep theirs
    if (proto !== null) Object.setPrototypeOf(v, null);
    for (const key of Object.keys(v)) walk((v as Record<string, unknown>)[key]);
  };
  walk(value);
  return value;
}

/** Parses JSON into prototype-free maps (JSON.parse makes `__proto__` an own key, as it must be). */
export function parseModelJson(text: string): unknown {
  return nullPrototypes(JSON.parse(text) as unknown);
}

/** A deep copy with prototype-free maps (the model is plain JSON). */
export function cloneModel<T>(value: T): T {
  return parseModelJson(JSON.stringify(value)) as T;
}

/** What is wrong with a `state.json` document, or undefined when it has the shape of a ModelState. */
export function stateProblem(doc: unknown): string | undefined {
  if (!isMap(doc)) return `expected an object, got ${JSON.stringify(doc)?.slice(0, 20) ?? typeof doc}`;
  if (!isMap(doc.model) || typeof doc.model.name !== 'string' || typeof doc.model.uuid !== 'string') {
    return 'no model identity ("model": {name, uuid, type})';
  }
  for (const key of ['applications', 'units', 'relations', 'secrets', 'storage', 'actions', 'counters']) {
    if (!isMap(doc[key])) return `"${key}" is not an object`;
  }
  for (const key of ['logs', 'statusHistory']) if (!Array.isArray(doc[key])) return `"${key}" is not a list`;
  return undefined;
}

/** What is wrong with a `sim.json` document, or undefined when it has the shape of a AgentRecords. */
export function simProblem(doc: unknown): string | undefined {
  if (!isMap(doc)) return `expected an object, got ${JSON.stringify(doc)?.slice(0, 20) ?? typeof doc}`;
  if (doc.version !== 1) return `unknown format version ${JSON.stringify(doc.version)}`;
  for (const key of ['apps', 'units', 'pebble']) if (!isMap(doc[key])) return `"${key}" is not an object`;
  for (const key of ['hookSeq', 'addressSeq']) {
    if (!Number.isSafeInteger(doc[key])) return `"${key}" is not a whole number`;
  }
  for (const [unit, agent] of Object.entries(doc.units as Record<string, unknown>)) {
    if (!isMap(agent) || !Array.isArray(agent.queue))
      return `unit agent ${JSON.stringify(unit)} has no queue`;
  }
  return undefined;
}

/**
 * Queued hooks saved before the hook identity became packages/juju's `HookIdentity` name the hook
 * `hook`; it is `hookName` now. Renamed in place, so such a model keeps its queue.
 */
export function upgradeQueues(sim: AgentRecords): AgentRecords {
  for (const agent of Object.values(sim.units)) {
    for (const entry of agent.queue as unknown as Record<string, unknown>[]) {
      if (typeof entry.hook === 'string' && entry.hookName === undefined) {
        entry.hookName = entry.hook;
        delete entry.hook;
      }
    }
  }
  return sim;
}
