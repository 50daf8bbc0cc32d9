/** The charm directory of one run: a temp dir with the charm's YAML files and its framework state. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject } from '@ops-ts/ops';
import { FileStore, type StoreData } from '@ops-ts/ops/runtime';
import type { CharmSpec } from './spec.js';
import type { State } from './state.js';
import { storedStatePath } from './stored-state.js';

const COUNTER_PATH = 'StoredStateData[_stored]';

/** The framework store a state starts from: stored states, and deferred events with their notices. */
export function seedStore(s: State, charmPath: string): StoreData {
  const snapshots: Record<string, JsonObject> = {};
  for (const entry of s.storedStates)
    snapshots[storedStatePath(entry, charmPath)] = structuredClone(entry.content);
  let maxKey = 0;
  const notices = s.deferred.map((d, i) => {
    snapshots[d.handlePath] = structuredClone(d.snapshot);
    maxKey = Math.max(maxKey, Number(/\[(\d+)\]$/.exec(d.handlePath)?.[1] ?? 0));
    return { sequence: i + 1, eventPath: d.handlePath, observerPath: d.observer, methodName: d.method };
  });
  // New events must not reuse the keys of queued ones.
  const counter = snapshots[COUNTER_PATH]?.event_count;
  const count = Math.max(typeof counter === 'number' ? counter : 0, maxKey);
  if (count > 0) snapshots[COUNTER_PATH] = { event_count: count };
  return { snapshots, notices };
}

/** A temp charm dir holding metadata.yaml, config.yaml, actions.yaml and the seeded state file. */
export function makeCharmDir(spec: CharmSpec, store: StoreData): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-testing-'));
  // JSON is YAML: no serialiser needed.
  writeFileSync(join(dir, 'metadata.yaml'), JSON.stringify(spec.metadata));
  if (spec.config) writeFileSync(join(dir, 'config.yaml'), JSON.stringify(spec.config));
  if (spec.actions) writeFileSync(join(dir, 'actions.yaml'), JSON.stringify(spec.actions));
  new FileStore(dir).save(store);
  return dir;
}

/** The framework store as the run left it (unchanged when the dispatch did not commit). */
export function readStore(dir: string): StoreData {
  return new FileStore(dir).load();
}

/** Removes a run's temp dir. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
