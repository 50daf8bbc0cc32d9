/** Rejects impossible input: states and events that real Juju could never present to this charm. */
import { parseSecretUri } from '@ops-ts/juju';
import type { CharmMeta } from '@ops-ts/ops';
import { InconsistentStateError } from './errors.js';
import type { CharmEvent, UnitRef } from './events.js';
import type { Relation } from './relations.js';
import { remoteAppOf, remoteUnitIds } from './relations.js';
import { secretXid } from './secrets.js';
import type { State } from './state.js';

/** Who runs the event: the charm's metadata, names and class. */
export interface CheckTarget {
  /** Parsed metadata. */
  readonly meta: CharmMeta;
  /** This application's name. */
  readonly appName: string;
  /** This unit's number. */
  readonly unitId: number;
  /** The charm's handle path (its class name). */
  readonly charmPath: string;
}

const CONFIG_TYPES: Readonly<Record<string, (v: unknown) => boolean>> = Object.freeze({
  string: (v) => typeof v === 'string',
  int: (v) => typeof v === 'number' && Number.isInteger(v),
  float: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  secret: (v) => typeof v === 'string' && v.startsWith('secret:'),
});

function checkConfig(s: State, t: CheckTarget, out: string[]): void {
  for (const [key, value] of Object.entries(s.config)) {
    const option = t.meta.config[key];
    if (!option) {
      out.push(`config option ${JSON.stringify(key)} is not declared in config.yaml`);
      continue;
    }
    const ok = CONFIG_TYPES[option.type];
    if (ok && !ok(value)) {
      out.push(
        `config option ${JSON.stringify(key)} is declared as ${option.type} but the state gives ${JSON.stringify(value)} (${typeof value})`,
      );
    }
  }
}

function checkRelations(s: State, t: CheckTarget, out: string[]): void {
  const seen = new Map<number, Relation>();
  for (const rel of s.relations) {
    const other = seen.get(rel.id);
    if (other) {
      out.push(
        `relations ${other.endpoint} and ${rel.endpoint} share id ${rel.id}: give one of them an explicit id`,
      );
    }
    seen.set(rel.id, rel);
    const meta = t.meta.relations[rel.endpoint];
    if (!meta) {
      out.push(
        `relation endpoint ${JSON.stringify(rel.endpoint)} is not in the metadata (it has: ${Object.keys(t.meta.relations).join(', ') || 'none'})`,
      );
      continue;
    }
    if ((meta.role === 'peer') !== (rel.kind === 'peer')) {
      out.push(
        `endpoint ${rel.endpoint} is a ${meta.role === 'peer' ? 'peer' : meta.role} endpoint: use ${meta.role === 'peer' ? 'peerRelation' : 'relation or subordinateRelation'} for it`,
      );
    }
    if (rel.kind === 'subordinate' && meta.scope !== 'container') {
      out.push(
        `endpoint ${rel.endpoint} is not container-scoped: a subordinateRelation needs scope: container`,
      );
    }
    if (rel.kind === 'peer' && String(t.unitId) in rel.peersData) {
      out.push(`peer relation ${rel.endpoint}:${rel.id} lists this unit (${t.unitId}) among its peers`);
    }
    if (rel.kind !== 'peer' && rel.remoteAppName === t.appName) {
      out.push(`relation ${rel.endpoint}:${rel.id} has this application as its remote application`);
    }
    if (rel.interface !== undefined && rel.interface !== meta.interface) {
      out.push(
        `relation ${rel.endpoint}:${rel.id} has interface ${rel.interface}, the metadata says ${meta.interface}`,
      );
    }
  }
}

function checkWorkloadAndResources(s: State, t: CheckTarget, out: string[]): void {
  const names = new Set<string>();
  for (const c of s.containers) {
    if (names.has(c.name)) out.push(`container ${c.name} appears twice`);
    names.add(c.name);
    if (!t.meta.containers[c.name]) out.push(`container ${JSON.stringify(c.name)} is not in the metadata`);
  }
  const storages = new Set<string>();
  for (const st of s.storages) {
    const id = `${st.name}/${st.index}`;
    if (storages.has(id)) out.push(`storage ${id} appears twice`);
    storages.add(id);
    if (!t.meta.storages[st.name]) out.push(`storage ${JSON.stringify(st.name)} is not in the metadata`);
  }
  for (const r of s.resources) {
    if (!t.meta.resources[r.name]) out.push(`resource ${JSON.stringify(r.name)} is not in the metadata`);
  }
  const bindings = new Set(['juju-info', ...Object.keys(t.meta.relations), ...t.meta.extraBindings]);
  for (const n of s.networks) {
    if (!bindings.has(n.binding))
      out.push(`network binding ${JSON.stringify(n.binding)} is not an endpoint or extra-binding`);
  }
  if (!Number.isInteger(s.plannedUnits) || s.plannedUnits < 0) {
    out.push(`plannedUnits must be a whole number ≥ 0, got ${s.plannedUnits}`);
  }
}

function checkSecrets(s: State, out: string[]): void {
  const relationIds = new Set(s.relations.map((r) => r.id));
  const ids = new Set<string>();
  for (const sec of s.secrets) {
    const xid = secretXid(sec.id);
    if (ids.has(xid)) out.push(`secret ${sec.id} appears twice`);
    ids.add(xid);
    if (parseSecretUri(sec.id) === undefined)
      out.push(`secret id ${sec.id} is not secret:<20 base32hex characters>`);
    if (sec.latestRevision < sec.trackedRevision) {
      out.push(
        `secret ${sec.id}: latest revision ${sec.latestRevision} is older than the tracked one ${sec.trackedRevision}`,
      );
    }
    for (const rid of Object.keys(sec.remoteGrants).map(Number)) {
      if (sec.owner === null)
        out.push(`secret ${sec.id} is not owned by this charm, so it cannot have grants`);
      else if (!relationIds.has(rid))
        out.push(`secret ${sec.id} is granted on relation ${rid}, which is not in the state`);
    }
  }
}

function checkStoredAndDeferred(s: State, t: CheckTarget, out: string[]): void {
  const stored = new Set<string>();
  for (const st of s.storedStates) {
    const path = `${st.ownerPath ?? t.charmPath}/${st.name}`;
    if (stored.has(path)) out.push(`stored state ${path} appears twice`);
    stored.add(path);
  }
  for (const d of s.deferred) {
    if (!/\/on\/[A-Za-z_][A-Za-z0-9_]*\[\d+\]$/.test(d.handlePath)) {
      out.push(
        `deferred event ${JSON.stringify(d.handlePath)} is not an event handle path (<owner>/on/<kind>[<n>])`,
      );
    }
  }
}

function unitName(ref: UnitRef, app: string): string {
  return typeof ref === 'number' ? `${app}/${ref}` : ref;
}

function checkRelationEvent(e: CharmEvent, s: State, t: CheckTarget, out: string[]): void {
  if (!e.relation) return;
  const rel = s.relations.find((r) => r.id === e.relation?.id);
  if (!rel) {
    out.push(
      `the event is about relation ${e.relation.endpoint}:${e.relation.id}, which is not in the state`,
    );
    return;
  }
  const app = remoteAppOf(rel, t.appName);
  const members = remoteUnitIds(rel).map((id) => `${app}/${id}`);
  for (const [what, ref] of [
    ['remote unit', e.remoteUnit],
    ['departing unit', e.departingUnit],
  ] as const) {
    if (ref === undefined || ref === null) continue;
    const name = unitName(ref, app);
    const own = `${t.appName}/${t.unitId}`;
    if (!members.includes(name) && !(what === 'departing unit' && name === own)) {
      out.push(
        `${what} ${name} is not in relation ${rel.endpoint}:${rel.id} (its units: ${members.join(', ') || 'none'})`,
      );
    }
  }
}

function checkEvent(e: CharmEvent, s: State, t: CheckTarget, out: string[]): void {
  checkRelationEvent(e, s, t, out);
  if (e.container !== undefined) {
    const c = s.containers.find((x) => x.name === e.container);
    if (!t.meta.containers[e.container])
      out.push(`the event is about container ${e.container}, which is not in the metadata`);
    else if (!c) out.push(`the event is about container ${e.container}, which is not in the state`);
    else if (!c.canConnect)
      out.push(`container ${e.container} cannot connect: Juju fires ${e.hook} only when Pebble is up`);
    else if (
      e.notice &&
      !c.notices.some((n) => n.key === e.notice?.key && (n.type ?? 'custom') === e.notice?.type)
    ) {
      out.push(`container ${e.container} has no ${e.notice.type} notice with key ${e.notice.key}`);
    } else if (e.check !== undefined && !Object.values(c.layers).some((l) => l.checks?.[e.check ?? ''])) {
      out.push(`container ${e.container} has no check ${e.check} in its layers`);
    }
  }
  if (e.secret) {
    const xid = secretXid(e.secret.id);
    const sec = s.secrets.find((x) => secretXid(x.id) === xid);
    if (!sec) out.push(`the event is about secret ${e.secret.id}, which is not in the state`);
    else if (e.hook === 'secret-changed' && sec.owner !== null) {
      out.push(`secret-changed goes to observers, but secret ${sec.id} is owned by this ${sec.owner}`);
    } else if (e.hook !== 'secret-changed' && sec.owner === null) {
      out.push(`${e.hook} goes to the owner, but secret ${sec.id} is not owned by this charm`);
    }
  }
  if (e.storage) {
    const { name, index } = e.storage;
    if (!t.meta.storages[name]) out.push(`the event is about storage ${name}, which is not in the metadata`);
    else if (!s.storages.some((x) => x.name === name && x.index === index)) {
      out.push(`the event is about storage ${name}/${index}, which is not in the state`);
    }
  }
  if (e.action && !t.meta.actions[e.action.name]) {
    out.push(
      `action ${JSON.stringify(e.action.name)} is not in actions.yaml (it has: ${Object.keys(t.meta.actions).join(', ') || 'none'})`,
    );
  }
}

/** Every problem with running `event` on `state` for this charm (empty when consistent). */
export function consistencyProblems(state: State, event: CharmEvent, target: CheckTarget): string[] {
  const out: string[] = [];
  checkConfig(state, target, out);
  checkRelations(state, target, out);
  checkWorkloadAndResources(state, target, out);
  checkSecrets(state, out);
  checkStoredAndDeferred(state, target, out);
  checkEvent(event, state, target, out);
  // Scenario's check too: Juju answers credential-get only on machine models.
  if (state.model.cloudSpec && state.model.type === 'kubernetes') {
    out.push(
      "a cloud spec is only available to machine charms: use model: { type: 'machine', cloudSpec: ... }",
    );
  }
  return out;
}

/** Throws {@link InconsistentStateError} listing every problem, if any. */
export function assertConsistent(state: State, event: CharmEvent, target: CheckTarget): void {
  const problems = consistencyProblems(state, event, target);
  if (problems.length > 0) throw new InconsistentStateError(problems);
}
