/** Relations in the state: regular, peer and subordinate, built by small helpers with defaults. */
import { deepFreeze } from './freeze.js';
import { stableId } from './ids.js';

/** A relation data bag: string keys, string values. */
export type Bag = Readonly<Record<string, string>>;

/** Juju's default unit bag (Scenario's TEST-NET-1 addresses). */
export const DEFAULT_UNIT_DATA: Bag = Object.freeze({
  'egress-subnets': '192.0.2.0/24',
  'ingress-address': '192.0.2.0',
  'private-address': '192.0.2.0',
});

interface RelationCommon {
  /** Relation id (default: derived from the endpoint and remote app; give it to keep two apart). */
  readonly id: number;
  /** This charm's endpoint name. */
  readonly endpoint: string;
  /** Interface name (default: the endpoint's interface in the metadata). */
  readonly interface?: string;
  /** This application's bag. */
  readonly localAppData: Bag;
  /** This unit's bag. */
  readonly localUnitData: Bag;
}

/** A relation with another application. */
export interface RegularRelation extends RelationCommon {
  readonly kind: 'regular';
  /** The remote application's name. */
  readonly remoteAppName: string;
  /** The remote application's bag. */
  readonly remoteAppData: Bag;
  /** Remote units in the relation: unit number → bag. */
  readonly remoteUnitsData: Readonly<Record<number, Bag>>;
  /** The remote model's uuid for a cross-model relation. */
  readonly remoteModelUuid?: string;
}

/** A peer relation: this application's other units. */
export interface PeerRelation extends RelationCommon {
  readonly kind: 'peer';
  /** The other units (not this one): unit number → bag. */
  readonly peersData: Readonly<Record<number, Bag>>;
}

/** A container-scoped relation between a subordinate and its principal. */
export interface SubordinateRelation extends RelationCommon {
  readonly kind: 'subordinate';
  /** The remote application's name. */
  readonly remoteAppName: string;
  /** The remote application's bag. */
  readonly remoteAppData: Bag;
  /** The one remote unit's number. */
  readonly remoteUnitId: number;
  /** The one remote unit's bag. */
  readonly remoteUnitData: Bag;
}

/** Any relation in the state. */
export type Relation = RegularRelation | PeerRelation | SubordinateRelation;

type Init<R extends Relation> = Partial<Omit<R, 'kind' | 'endpoint'>> & { readonly endpoint: string };

/** A relation with another application (defaults: remote app `remote` with one unit `remote/0`). */
export function relation(init: Init<RegularRelation>): RegularRelation {
  const remoteAppName = init.remoteAppName ?? 'remote';
  return deepFreeze({
    ...init,
    kind: 'regular',
    id: init.id ?? stableId(init.endpoint, remoteAppName),
    localAppData: { ...init.localAppData },
    localUnitData: { ...DEFAULT_UNIT_DATA, ...init.localUnitData },
    remoteAppName,
    remoteAppData: { ...init.remoteAppData },
    remoteUnitsData: { ...(init.remoteUnitsData ?? { 0: DEFAULT_UNIT_DATA }) },
  });
}

/** A peer relation (default: no other units). */
export function peerRelation(init: Init<PeerRelation>): PeerRelation {
  return deepFreeze({
    ...init,
    kind: 'peer',
    id: init.id ?? stableId(init.endpoint),
    localAppData: { ...init.localAppData },
    localUnitData: { ...DEFAULT_UNIT_DATA, ...init.localUnitData },
    peersData: { ...init.peersData },
  });
}

/** A subordinate relation (defaults: principal `remote/0`). */
export function subordinateRelation(init: Init<SubordinateRelation>): SubordinateRelation {
  const remoteAppName = init.remoteAppName ?? 'remote';
  return deepFreeze({
    ...init,
    kind: 'subordinate',
    id: init.id ?? stableId(init.endpoint, remoteAppName),
    localAppData: { ...init.localAppData },
    localUnitData: { ...DEFAULT_UNIT_DATA, ...init.localUnitData },
    remoteAppName,
    remoteAppData: { ...init.remoteAppData },
    remoteUnitId: init.remoteUnitId ?? 0,
    remoteUnitData: { ...DEFAULT_UNIT_DATA, ...init.remoteUnitData },
  });
}

/** The remote application's name (this application for a peer relation). */
export function remoteAppOf(rel: Relation, localApp: string): string {
  return rel.kind === 'peer' ? localApp : rel.remoteAppName;
}

/** Unit numbers of the remote side (peers for a peer relation). */
export function remoteUnitIds(rel: Relation): number[] {
  if (rel.kind === 'subordinate') return [rel.remoteUnitId];
  const data = rel.kind === 'peer' ? rel.peersData : rel.remoteUnitsData;
  return Object.keys(data)
    .map(Number)
    .sort((a, b) => a - b);
}

/** The bag of a remote unit by number. */
export function remoteUnitData(rel: Relation, id: number): Bag | undefined {
  if (rel.kind === 'subordinate') return id === rel.remoteUnitId ? rel.remoteUnitData : undefined;
  return (rel.kind === 'peer' ? rel.peersData : rel.remoteUnitsData)[id];
}
