import { type Invoke, parseJson } from './runner.js';

/** What `storage-get` reports about one storage instance. */
export interface StorageDetails {
  kind: 'block' | 'filesystem';
  location: string;
}

/** `storage-list --format=json <name>` → the indexes of the attached instances (`data/0` → 0). */
export function storageList(run: Invoke, name: string): number[] {
  const out = parseJson('storage-list', run('storage-list', ['--format=json', name]));
  if (!Array.isArray(out)) return [];
  return out.map((id) => Number(String(id).slice(String(id).lastIndexOf('/') + 1)));
}

/** `storage-get --format=json -s <name>/<index>` → kind and location. */
export function storageGet(run: Invoke, storageId: string): StorageDetails {
  const out = (parseJson('storage-get', run('storage-get', ['--format=json', '-s', storageId])) ??
    {}) as Record<string, unknown>;
  return { kind: out.kind === 'block' ? 'block' : 'filesystem', location: String(out.location ?? '') };
}

/** `storage-add <name>=<count>` (committed at the end of the hook). */
export function storageAdd(run: Invoke, name: string, count: number): void {
  run('storage-add', [`${name}=${count}`]);
}

/**
 * The storage id of the current storage hook read from `storage-get --help` (`-s  (= data/0)`): how ops
 * finds it when `JUJU_STORAGE_ID` is not set.
 */
export function storageHookId(run: Invoke): string | undefined {
  const m = /^\s*-s\s+\(= (.*)\)/m.exec(run('storage-get', ['--help']));
  return m?.[1]?.trim() || undefined;
}
