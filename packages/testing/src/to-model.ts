/** Turns a kit State into the model state of packages/juju, the one implementation of Juju's rules. */
import {
  addAction,
  addApplication,
  type ConfigOption,
  type HookOptions,
  type JsonObject,
  type Bag as JujuBag,
  type Relation as JujuRelation,
  type Secret as JujuSecret,
  type ModelState,
  makeNetwork,
  makeStatus,
  newModel,
  setCloud,
  type Unit,
} from '@ops-ts/juju';
import type { CharmEvent, UnitRef } from './events.js';
import { type Relation, remoteAppOf, remoteUnitData, remoteUnitIds } from './relations.js';
import { type Secret, secretXid } from './secrets.js';
import type { CharmSpec } from './spec.js';
import type { State } from './state.js';

/** Who runs: this application's name and unit number, and the charm spec. */
export interface UnitIdentity {
  /** Application name. */
  readonly appName: string;
  /** Unit number. */
  readonly unitId: number;
  /** The charm's declarations. */
  readonly spec: CharmSpec;
  /** Whether the application is trusted (`credential-get`). */
  readonly trusted: boolean;
}

/** The model state plus the hook context the event runs in. */
export interface Translated {
  /** The model (mutated by the run: commit applies the hook's changes to it). */
  readonly model: ModelState;
  /** The context for beginHook. */
  readonly hook: HookOptions;
}

function putUnit(model: ModelState, name: string, app: string): Unit {
  const existing = model.units[name];
  if (existing) return existing;
  const unit: Unit = {
    name,
    app,
    life: 'alive',
    status: makeStatus(),
    goalStatus: null,
    openedPorts: [],
    charmState: {},
    storage: [],
    privateAddress: '192.0.2.0',
    publicAddress: '192.0.2.0',
    networks: {},
    machineId: model.model.type === 'machine' ? name.slice(name.indexOf('/') + 1) : '',
    principal: '',
    rebootRequested: null,
  };
  model.units[name] = unit;
  model.applications[app]?.units.push(name);
  return unit;
}

function ensureRemoteApp(model: ModelState, app: string): void {
  if (!model.applications[app]) addApplication(model, app, { units: 0, leader: null });
}

function addOwnApplication(s: State, id: UnitIdentity, model: ModelState): Unit {
  const { spec, appName } = id;
  const options = (spec.config?.options ?? {}) as Record<string, ConfigOption>;
  const app = addApplication(model, appName, {
    metadata: spec.metadata as JsonObject,
    configOptions: options,
    actions: (spec.actions ?? {}) as JsonObject,
    config: { ...s.config },
    trust: id.trusted,
    units: 0,
    leader: null,
    resources: Object.fromEntries(s.resources.map((r) => [r.name, r.path])),
  });
  const own = putUnit(model, `${appName}/${id.unitId}`, appName);
  const peers = s.relations.filter((r) => r.kind === 'peer').flatMap((r) => remoteUnitIds(r));
  for (const n of [...new Set(peers)].sort((a, b) => a - b)) putUnit(model, `${appName}/${n}`, appName);
  for (let n = 0; app.units.length < s.plannedUnits; n++) putUnit(model, `${appName}/${n}`, appName);
  // Units beyond the planned count are going away: goal-state reports them dying.
  app.units.forEach((name, i) => {
    const unit = model.units[name];
    if (unit && i >= s.plannedUnits) unit.goalStatus = 'dying';
  });
  app.leader = s.leader ? own.name : null;
  app.status = makeStatus(s.appStatus.name, s.appStatus.message);
  app.workloadVersion = s.workloadVersion;
  own.status = makeStatus(s.unitStatus.name, s.unitStatus.message);
  own.openedPorts = s.openedPorts.map((p) =>
    p.protocol === 'icmp'
      ? { protocol: 'icmp', fromPort: -1, toPort: -1, endpoint: '*' }
      : { protocol: p.protocol, fromPort: p.port, toPort: p.port, endpoint: '*' },
  );
  for (const n of s.networks) {
    const info = makeNetwork(n.bindAddress, n.cidr);
    info.bindAddresses[0]!.interfaceName = n.interfaceName;
    info.ingressAddresses = [...n.ingressAddresses];
    info.egressSubnets = [...n.egressSubnets];
    own.networks[n.binding] = info;
  }
  for (const st of s.storages) {
    const meta = spec.meta.storages[st.name];
    const base = meta?.location ?? `/var/lib/juju/storage/${st.name}`;
    const storageId = `${st.name}/${st.index}`;
    model.storage[storageId] = {
      id: storageId,
      name: st.name,
      kind: meta?.type === 'block' ? 'block' : 'filesystem',
      location: st.location ?? `${base}/${st.index}`,
      unit: own.name,
      life: 'alive',
    };
    own.storage.push(storageId);
    model.counters.storage[st.name] = Math.max(model.counters.storage[st.name] ?? 0, st.index + 1);
  }
  return own;
}

function addRelation(model: ModelState, rel: Relation, id: UnitIdentity, own: string, dying: boolean): void {
  const meta = id.spec.meta.relations[rel.endpoint];
  const remoteApp = remoteAppOf(rel, id.appName);
  if (rel.kind !== 'peer') ensureRemoteApp(model, remoteApp);
  const remoteUnits = remoteUnitIds(rel).map((n) => `${remoteApp}/${n}`);
  for (const name of remoteUnits) putUnit(model, name, remoteApp);
  const unitData: Record<string, JujuBag> = { [own]: { ...rel.localUnitData } };
  for (const n of remoteUnitIds(rel)) unitData[`${remoteApp}/${n}`] = { ...remoteUnitData(rel, n) };
  const appData: Record<string, JujuBag> = { [id.appName]: { ...rel.localAppData } };
  if (rel.kind !== 'peer') appData[remoteApp] = { ...rel.remoteAppData };
  const role = meta?.role === 'provides' ? 'provider' : meta?.role === 'peer' ? 'peer' : 'requirer';
  const relation: JujuRelation = {
    id: rel.id,
    interface: rel.interface ?? meta?.interface ?? rel.endpoint,
    kind: rel.kind,
    endpoints:
      rel.kind === 'peer'
        ? [{ app: id.appName, name: rel.endpoint, role: 'peer' }]
        : [
            { app: id.appName, name: rel.endpoint, role },
            { app: remoteApp, name: rel.endpoint, role: role === 'provider' ? 'requirer' : 'provider' },
          ],
    appData,
    unitData,
    scope: [own, ...remoteUnits],
    life: dying ? 'dying' : 'alive',
    remoteModelUuid: rel.kind === 'regular' ? (rel.remoteModelUuid ?? null) : null,
  };
  model.relations[String(rel.id)] = relation;
  model.counters.relation = Math.max(model.counters.relation, rel.id + 1);
}

function encode(content: Readonly<Record<string, string>>): JujuBag {
  const out: JujuBag = {};
  for (const [k, v] of Object.entries(content)) out[k] = Buffer.from(v, 'utf8').toString('base64');
  return out;
}

function addSecret(model: ModelState, sec: Secret, s: State, id: UnitIdentity, own: string): void {
  const xid = secretXid(sec.id);
  const created = new Date(0).toISOString();
  const revisions = [
    {
      revision: sec.latestRevision,
      content: encode(sec.latestContent),
      createdAt: created,
      expireTime: sec.expire ?? null,
    },
  ];
  if (sec.trackedRevision !== sec.latestRevision) {
    revisions.unshift({
      revision: sec.trackedRevision,
      content: encode(sec.trackedContent),
      createdAt: created,
      expireTime: null,
    });
  }
  const ownerApp = sec.ownerApp ?? 'secret-owner';
  // An observed secret reaches this app over a relation with its owner, or as a user secret granted directly.
  const via = s.relations.find((r) => r.kind !== 'peer' && r.remoteAppName === ownerApp);
  const secret: JujuSecret = {
    id: xid,
    owner:
      sec.owner === 'unit'
        ? { kind: 'unit', name: own }
        : { kind: 'application', name: sec.owner === 'app' ? id.appName : ownerApp },
    revisions,
    latestRevision: sec.latestRevision,
    label: sec.owner !== null ? (sec.label ?? null) : null,
    description: sec.description ?? null,
    rotatePolicy: sec.rotate ?? null,
    nextRotateTime: null,
    grants:
      sec.owner === null
        ? [{ target: id.appName, relationId: via?.id ?? -1, role: 'view' }]
        : Object.entries(sec.remoteGrants).flatMap(([rid, targets]) =>
            targets.map((target) => ({ target, relationId: Number(rid), role: 'view' as const })),
          ),
    consumers: {
      [own]: { revision: sec.trackedRevision, label: sec.owner === null ? (sec.label ?? null) : null },
    },
  };
  model.secrets[xid] = secret;
}

function unitName(ref: UnitRef, app: string): string {
  return typeof ref === 'number' ? `${app}/${ref}` : ref;
}

function hookOptions(
  model: ModelState,
  event: CharmEvent,
  s: State,
  id: UnitIdentity,
  own: string,
): HookOptions {
  const hook: HookOptions = { unit: own, ...(event.isAction ? {} : { hookName: event.hook }) };
  if (event.action) {
    const record = addAction(model, own, event.action.name, structuredClone(event.action.params));
    if (event.action.id !== undefined && event.action.id !== record.id) {
      delete model.actions[record.id];
      record.id = event.action.id;
      model.actions[record.id] = record;
    }
    hook.actionId = record.id;
  }
  if (event.relation) {
    const rel = s.relations.find((r) => r.id === event.relation?.id);
    hook.relationId = event.relation.id;
    if (rel) {
      const app = remoteAppOf(rel, id.appName);
      hook.remoteApp = app;
      const suffix = event.hook.slice(event.hook.lastIndexOf('-relation-') + '-relation-'.length);
      const ref = event.remoteUnit ?? undefined;
      if (ref !== undefined) hook.remoteUnit = unitName(ref, app);
      if (suffix === 'departed') {
        const departing = event.departingUnit ?? ref;
        if (departing !== undefined) hook.departingUnit = unitName(departing, app);
      }
    }
  }
  if (event.action) hook.actionName = event.action.name;
  if (event.secret) {
    hook.secretId = event.secret.id;
    if (event.secret.label !== undefined) hook.secretLabel = event.secret.label;
  }
  if (event.secretRevision !== undefined) hook.secretRevision = event.secretRevision;
  if (event.storage) hook.storageId = `${event.storage.name}/${event.storage.index}`;
  if (event.container !== undefined) hook.workloadName = event.container;
  // The notice's id is Pebble's, known once the container's server runs (see run.ts).
  if (event.notice) {
    hook.noticeType = event.notice.type;
    hook.noticeKey = event.notice.key;
  }
  if (event.check !== undefined) hook.checkName = event.check;
  return hook;
}

/** Builds the model and the hook context for running `event` on `s`. */
export function toModelState(s: State, event: CharmEvent, id: UnitIdentity): Translated {
  const model = newModel({ name: s.model.name, uuid: s.model.uuid, type: s.model.type });
  if (s.model.cloudSpec) setCloud(model, structuredClone(s.model.cloudSpec));
  const own = addOwnApplication(s, id, model).name;
  const broken = event.hook.endsWith('-relation-broken') ? event.relation?.id : undefined;
  for (const rel of s.relations) addRelation(model, rel, id, own, rel.id === broken);
  for (const sec of s.secrets) addSecret(model, sec, s, id, own);
  return { model, hook: hookOptions(model, event, s, id, own) };
}
