import type { ModelBackend } from '../backend/backend.js';
import { isStandardSchema, type StandardSchemaV1, validateWith } from '../standard-schema.js';
import type { RelationMeta } from '../types/charm-meta.js';
import { Application, type Unit } from './entities.js';
import { RelationDataContent } from './relation-data.js';

/** What a relation needs from its model. */
export interface RelationContext {
  readonly backend: ModelBackend;
  readonly unit: Unit;
  readonly app: Application;
  getUnit(name: string): Unit;
  getApp(name: string): Application;
  isLeader(): boolean;
}

/** Units and applications may share a name (`app` vs `app/0` never clash, but keep the kinds apart). */
function bagKey(entity: Unit | Application): string {
  return `${entity instanceof Application ? 'app' : 'unit'}:${entity.name}`;
}

/** The data bags of one relation, keyed by unit or application. */
export class RelationData {
  readonly #bags = new Map<string, RelationDataContent>();

  constructor(
    private readonly relation: Relation,
    private readonly ctx: RelationContext,
    members: readonly (Unit | Application)[],
  ) {
    for (const m of members) this.add(m);
  }

  private add(entity: Unit | Application): void {
    const isApp = entity instanceof Application;
    const key = bagKey(entity);
    if (this.#bags.has(key)) return;
    const own = isApp ? entity.name === this.ctx.app.name : entity.name === this.ctx.unit.name;
    this.#bags.set(
      key,
      new RelationDataContent(this.ctx.backend, this.relation.name, this.relation.id, entity, {
        local: own,
        isApp,
        isPeer: this.relation.isPeer,
        ownUnitName: this.ctx.unit.name,
        isLeader: () => this.ctx.isLeader(),
      }),
    );
  }

  /** The bag of `entity`; throws for an entity that is not part of this relation. */
  get(entity: Unit | Application): RelationDataContent {
    const bag = this.#bags.get(bagKey(entity));
    if (!bag)
      throw new Error(
        `${entity.toString()} is not part of relation ${this.relation.name}:${this.relation.id}`,
      );
    return bag;
  }

  /** Whether `entity` has a bag in this relation. */
  has(entity: Unit | Application): boolean {
    return this.#bags.has(bagKey(entity));
  }

  /** Every bag of this relation. */
  values(): IterableIterator<RelationDataContent> {
    return this.#bags.values();
  }

  /** Sends the pending writes of every bag (one `relation-set` per changed bag). */
  flush(): void {
    for (const bag of this.#bags.values()) bag.flush();
  }
}

/** One relation (integration) between this application and another (or its peers). */
export class Relation {
  /** The remote units in scope (for a peer relation: the other units of this application). */
  readonly units: ReadonlySet<Unit>;
  /** The data bags of this relation. */
  readonly data: RelationData;

  constructor(
    /** The endpoint name on this side. */
    readonly name: string,
    /** The relation id. */
    readonly id: number,
    /** The remote application (this application for a peer relation); undefined if not yet known. */
    readonly app: Application | undefined,
    units: readonly Unit[],
    private readonly meta: RelationMeta,
    ctx: RelationContext,
    /** False once the relation is being removed (relation-broken) or does not exist. */
    readonly active: boolean,
    extraMembers: readonly Unit[] = [],
  ) {
    this.units = new Set(units);
    const members: (Unit | Application)[] = [ctx.unit, ctx.app, ...units, ...extraMembers];
    if (app) members.push(app);
    this.data = new RelationData(this, ctx, members);
    this.#backend = ctx.backend;
  }

  readonly #backend: ModelBackend;

  /** Whether this is a peer relation. */
  get isPeer(): boolean {
    return this.meta.role === 'peer';
  }

  /** The interface name declared for the endpoint. */
  get interfaceName(): string {
    return this.meta.interface;
  }

  /** The uuid of the model the remote application lives in (`relation-model-get`). */
  remoteModelUuid(): string {
    return this.#backend.relationModelUuid(this.name, this.id);
  }

  /**
   * Reads a bag whose values are JSON-encoded (ops's `Relation.load`): each field decoded with JSON.parse
   * (a value that is not JSON stays the raw string). With `parse` — a function, or any Standard Schema
   * validator (zod, valibot, ...) — the decoded bag goes through it; a validator's issues become one
   * SchemaValidationError naming the failing fields. `{ decode: false }` hands over the plain strings.
   */
  load(entity: Unit | Application): Record<string, unknown>;
  load<T>(
    entity: Unit | Application,
    parse: ((bag: Record<string, unknown>) => T) | StandardSchemaV1<unknown, T>,
    options?: { decode?: boolean },
  ): T;
  load<T>(
    entity: Unit | Application,
    parse?: ((bag: Record<string, unknown>) => T) | StandardSchemaV1<unknown, T>,
    options: { decode?: boolean } = {},
  ): T | Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of this.data.get(entity)) {
      if (options.decode === false) {
        out[k] = v;
        continue;
      }
      try {
        out[k] = JSON.parse(v) as unknown;
      } catch {
        out[k] = v;
      }
    }
    if (!parse) return out;
    return isStandardSchema(parse) ? validateWith(parse as StandardSchemaV1<unknown, T>, out) : parse(out);
  }

  /** Writes an object to a bag with each field JSON-encoded (ops's `Relation.save`); undefined deletes. */
  save(value: Readonly<Record<string, unknown>>, entity: Unit | Application): void {
    const encoded: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) encoded[k] = v === undefined ? '' : JSON.stringify(v);
    this.data.get(entity).update(encoded);
  }

  toString(): string {
    return `Relation(${this.name}:${this.id})`;
  }
}
