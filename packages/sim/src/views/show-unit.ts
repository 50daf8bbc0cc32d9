/** `show-unit`: a unit and, per relation, the data each side has published (as `juju show-unit`). */
import type { Bag, ModelState } from '@ops-ts/juju';
import type { AgentRecords } from '../agent-records.js';
import { SimError } from '../errors.js';

/** One relation as seen from the unit. */
export interface RelationInfo {
  'relation-id': number;
  endpoint: string;
  'related-endpoint': string;
  /** The related application's app bag (own app's bag for peers). */
  'application-data': Bag;
  /** The unit's own application bag (not in Juju's output; shown because the sim can). */
  'local-application-data': Bag;
  'local-unit': { 'in-scope': boolean; data: Bag };
  'related-units': Record<string, { 'in-scope': boolean; data: Bag }>;
}

/** The `show-unit` document for one unit. */
export interface UnitInfo {
  charm: string;
  leader: boolean;
  life: string;
  address: string;
  'workload-status': { current: string; message: string };
  'juju-status': { current: string; message: string };
  'relation-info': RelationInfo[];
  /** Real workloads: each container's Pebble daemon (pid and socket). */
  'pebble-daemons'?: Record<string, { pid: number; socket: string }>;
}

/** Builds `show-unit` for a unit. */
export function showUnit(state: ModelState, sim: AgentRecords, name: string): UnitInfo {
  const unit = state.units[name];
  if (!unit) throw new SimError(`unit ${JSON.stringify(name)} not found`);
  const app = state.applications[unit.app];
  const error = sim.units[name]?.error;
  const relations: RelationInfo[] = [];
  for (const rel of Object.values(state.relations).sort((a, b) => a.id - b.id)) {
    const own = rel.endpoints.find((e) => e.app === unit.app);
    if (!own) continue;
    const other = rel.endpoints.find((e) => e !== own) ?? own;
    const related: RelationInfo['related-units'] = {};
    for (const [u, data] of Object.entries(rel.unitData).sort(([a], [b]) => a.localeCompare(b))) {
      if (u === name || !u.startsWith(`${other.app}/`) || !state.units[u]) continue;
      related[u] = { 'in-scope': rel.scope.includes(u), data: { ...data } };
    }
    relations.push({
      'relation-id': rel.id,
      endpoint: own.name,
      'related-endpoint': other.name,
      'application-data': { ...(rel.appData[other.app] ?? {}) },
      'local-application-data': { ...(rel.appData[unit.app] ?? {}) },
      'local-unit': { 'in-scope': rel.scope.includes(name), data: { ...(rel.unitData[name] ?? {}) } },
      'related-units': related,
    });
  }
  const daemons = Object.entries(sim.pebbleDaemons?.[name] ?? {});
  return {
    charm: `local:${String(app?.charm.metadata.name ?? '')}-${sim.apps[unit.app]?.revision ?? 0}`,
    leader: app?.leader === name,
    life: unit.life,
    address: unit.privateAddress,
    'workload-status': error
      ? { current: 'error', message: error.message }
      : { current: unit.status.status, message: unit.status.message },
    'juju-status': { current: error ? 'error' : 'idle', message: error ? error.message : '' },
    'relation-info': relations,
    ...(daemons.length > 0
      ? {
          'pebble-daemons': Object.fromEntries(
            daemons.map(([c, d]) => [c, { pid: d.pid, socket: d.socket }]),
          ),
        }
      : {}),
  };
}

/** One relation in juju's `show-unit` (juju/juju cmd/juju/application/showunit.go RelationData). */
export interface JujuRelationInfo {
  'relation-id': number;
  endpoint: string;
  'cross-model': boolean;
  'related-endpoint': string;
  'application-data': Bag;
  'local-unit': { 'in-scope': boolean; data: Bag };
  'related-units'?: Record<string, { 'in-scope': boolean; data: Bag }>;
}

/** A unit in juju 3.6's `show-unit` (the keys jubilant's UnitInfo reads). */
export interface JujuUnitInfo {
  'workload-version'?: string;
  machine?: string;
  'opened-ports': string[];
  'public-address'?: string;
  address: string;
  'provider-id'?: string;
  charm: string;
  leader: boolean;
  life: string;
  'relation-info'?: JujuRelationInfo[];
}

/** `juju show-unit` for a unit, keyed and shaped as juju 3.6 prints it. */
export function jujuShowUnit(state: ModelState, sim: AgentRecords, name: string): JujuUnitInfo {
  const base = showUnit(state, sim, name);
  const unit = state.units[name];
  const app = unit ? state.applications[unit.app] : undefined;
  const k8s = state.model.type === 'kubernetes';
  const machine = sim.units[name]?.machine;
  const relations = base['relation-info'].map((r) => ({
    'relation-id': r['relation-id'],
    endpoint: r.endpoint,
    'cross-model': false,
    'related-endpoint': r['related-endpoint'],
    'application-data': r['application-data'],
    'local-unit': r['local-unit'],
    ...(Object.keys(r['related-units']).length > 0 ? { 'related-units': r['related-units'] } : {}),
  }));
  return {
    ...(app?.workloadVersion ? { 'workload-version': app.workloadVersion } : {}),
    ...(machine !== undefined ? { machine } : {}),
    'opened-ports': (unit?.openedPorts ?? []).map((p) =>
      p.protocol === 'icmp'
        ? 'icmp'
        : `${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}/${p.protocol}`,
    ),
    ...(k8s ? {} : { 'public-address': base.address }),
    address: base.address,
    ...(k8s ? { 'provider-id': name.replace('/', '-') } : {}),
    charm: base.charm,
    leader: base.leader,
    life: base.life,
    ...(relations.length > 0 ? { 'relation-info': relations } : {}),
  };
}
