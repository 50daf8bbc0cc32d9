// Parsed `juju show-unit <unit> --format json` (keyed by unit), as jubilant's unit types
// (canonical/jubilant jubilant/unittypes.py): the unit's charm, leadership, ports, addresses and, for each
// relation, the remote application's data and each unit's data.
import { bool, isObject, type JsonObject, num, obj, str, strs } from './json.js';

/** One unit's side of a relation: whether it is in scope, and its data bag. */
export interface UnitRelationData {
  readonly inScope: boolean;
  readonly data: Readonly<Record<string, string>>;
}

/** A relation as one unit sees it. */
export interface RelationData {
  readonly relationId: number;
  readonly endpoint: string;
  readonly relatedEndpoint: string;
  /** The remote application's data bag. */
  readonly appData: Readonly<Record<string, string>>;
  readonly crossModel: boolean;
  /** This unit's own data bag, when juju shows it. */
  readonly localUnit: UnitRelationData | undefined;
  /** Remote unit name → its data bag. */
  readonly relatedUnits: Readonly<Record<string, UnitRelationData>>;
}

/** `juju show-unit` of one unit. */
export interface UnitInfo {
  /** The unit name juju answered for (`app/N`, also when asked for `app/leader`). */
  readonly name: string;
  readonly charm: string;
  readonly leader: boolean;
  readonly openedPorts: readonly string[];
  readonly workloadVersion: string;
  readonly machine: string;
  readonly publicAddress: string;
  readonly address: string;
  readonly providerId: string;
  readonly life: string;
  readonly relationInfo: readonly RelationData[];
}

const bag = (d: JsonObject): Record<string, string> =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));

const unitData = (d: JsonObject): UnitRelationData => ({
  inScope: bool(d, 'in-scope'),
  data: bag(obj(d, 'data')),
});

/** Parses `juju show-unit <unit> --format json`; fails in one line naming the unit when it is empty. */
export function parseUnitInfo(output: unknown, unit: string): UnitInfo {
  const first = isObject(output) ? Object.entries(output)[0] : undefined;
  if (!first || !isObject(first[1])) throw new Error(`juju show-unit ${unit}: no unit in the output`);
  const [name, d] = first;
  return {
    name,
    charm: str(d, 'charm'),
    leader: bool(d, 'leader'),
    openedPorts: strs(d, 'opened-ports'),
    workloadVersion: str(d, 'workload-version'),
    machine: str(d, 'machine'),
    publicAddress: str(d, 'public-address'),
    address: str(d, 'address'),
    providerId: str(d, 'provider-id'),
    life: str(d, 'life'),
    relationInfo: (Array.isArray(d['relation-info']) ? d['relation-info'] : []).filter(isObject).map((r) => ({
      relationId: num(r, 'relation-id'),
      endpoint: str(r, 'endpoint'),
      relatedEndpoint: str(r, 'related-endpoint'),
      appData: bag(obj(r, 'application-data')),
      crossModel: bool(r, 'cross-model'),
      localUnit: isObject(r['local-unit']) ? unitData(r['local-unit']) : undefined,
      relatedUnits: Object.fromEntries(
        Object.entries(obj(r, 'related-units')).map(([k, v]) => [k, unitData(isObject(v) ? v : {})]),
      ),
    })),
  };
}
