/** Reads the output State back from the model state and the framework store after a run. */
import type { Secret as JujuSecret, ModelState } from '@ops-ts/juju';
import type { JsonObject } from '@ops-ts/ops';
import type { StoreData } from '@ops-ts/ops/runtime';
import type { Container } from './containers.js';
import type { DeferredEvent } from './deferred.js';
import type { Port } from './ports.js';
import type { Relation } from './relations.js';
import type { Secret } from './secrets.js';
import { secretXid } from './secrets.js';
import { type State, state } from './state.js';
import { statusFromRecord } from './status.js';
import type { StoredStateEntry } from './stored-state.js';

/** What the output is read from. */
export interface RunOutcome {
  /** The state the run started from. */
  readonly input: State;
  /** The model after the hook committed or was discarded. */
  readonly model: ModelState;
  /** This application and unit. */
  readonly appName: string;
  /** This unit's name. */
  readonly unitName: string;
  /** The framework store after the run. */
  readonly store: StoreData;
  /** Containers read back from their Pebble servers. */
  readonly containers: readonly Container[];
}

// The framework's own entry (`StoredStateData[_stored]`, the event counter) has an empty owner path.
const STORED_RE = /^(?:(.*)\/)?StoredStateData\[([^\]]+)\]$/;

function decode(content: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(content)) out[k] = Buffer.from(v, 'base64').toString('utf8');
  return out;
}

function readRelation(rel: Relation, o: RunOutcome): Relation {
  const after = o.model.relations[String(rel.id)];
  if (!after) return rel;
  return {
    ...rel,
    localAppData: { ...after.appData[o.appName] },
    localUnitData: { ...after.unitData[o.unitName] },
  };
}

function readSecret(sec: JujuSecret, o: RunOutcome): Secret {
  const before = o.input.secrets.find((s) => secretXid(s.id) === sec.id);
  const owner =
    sec.owner.kind === 'unit' && sec.owner.name === o.unitName
      ? 'unit'
      : sec.owner.kind === 'application' && sec.owner.name === o.appName
        ? 'app'
        : null;
  const latest = sec.revisions.find((r) => r.revision === sec.latestRevision) ?? sec.revisions.at(-1);
  const trackedRevision = sec.consumers[o.unitName]?.revision || sec.latestRevision;
  const tracked = sec.revisions.find((r) => r.revision === trackedRevision) ?? latest;
  const label = owner !== null ? sec.label : (sec.consumers[o.unitName]?.label ?? null);
  const grants: Record<number, string[]> = {};
  if (owner !== null) {
    for (const g of sec.grants) grants[g.relationId] = [...(grants[g.relationId] ?? []), g.target];
  }
  return {
    id: before?.id ?? `secret:${sec.id}`,
    owner,
    trackedContent: decode(tracked?.content ?? {}),
    latestContent: decode(latest?.content ?? {}),
    trackedRevision,
    latestRevision: sec.latestRevision,
    ...(label !== null ? { label } : {}),
    ...(sec.description !== null ? { description: sec.description } : {}),
    ...(latest?.expireTime ? { expire: latest.expireTime } : {}),
    ...(sec.rotatePolicy !== null ? { rotate: sec.rotatePolicy } : {}),
    remoteGrants: grants,
    ...(before?.ownerApp !== undefined ? { ownerApp: before.ownerApp } : {}),
  };
}

function readPorts(o: RunOutcome): Port[] {
  return (o.model.units[o.unitName]?.openedPorts ?? []).map((p) =>
    p.protocol === 'icmp' ? { protocol: 'icmp' } : { protocol: p.protocol, port: p.fromPort },
  );
}

function readStored(store: StoreData): StoredStateEntry[] {
  const out: StoredStateEntry[] = [];
  for (const [path, content] of Object.entries(store.snapshots)) {
    const m = STORED_RE.exec(path);
    if (m) out.push({ ownerPath: m[1] ?? '', name: m[2] ?? '', content: content as JsonObject });
  }
  return out.sort((a, b) => `${a.ownerPath}/${a.name}`.localeCompare(`${b.ownerPath}/${b.name}`));
}

function readDeferred(store: StoreData): DeferredEvent[] {
  return [...store.notices]
    .sort((a, b) => a.sequence - b.sequence)
    .map((n) => ({
      handlePath: n.eventPath,
      observer: n.observerPath,
      method: n.methodName,
      snapshot: structuredClone(store.snapshots[n.eventPath] ?? {}),
    }));
}

/** The output state: the input with everything Juju, Pebble and the framework store now hold. */
export function fromModelState(o: RunOutcome): State {
  const app = o.model.applications[o.appName];
  const unit = o.model.units[o.unitName];
  return state({
    ...o.input,
    relations: o.input.relations.map((r) => readRelation(r, o)),
    secrets: Object.values(o.model.secrets).map((s) => readSecret(s, o)),
    openedPorts: readPorts(o),
    storages: (unit?.storage ?? []).flatMap((id) => {
      const st = o.model.storage[id];
      if (!st || st.life === 'dead') return [];
      return [{ name: st.name, index: Number(id.slice(id.lastIndexOf('/') + 1)), location: st.location }];
    }),
    storedStates: readStored(o.store),
    deferred: readDeferred(o.store),
    containers: o.containers,
    unitStatus: unit ? statusFromRecord(unit.status) : o.input.unitStatus,
    appStatus: app ? statusFromRecord(app.status) : o.input.appStatus,
    workloadVersion: app?.workloadVersion ?? o.input.workloadVersion,
  });
}
