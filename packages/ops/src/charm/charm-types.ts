// The shape of what a charm declares, as types: `ops-ts typegen` (and `ops-ts build`) writes one per
// charm from its charmcraft.yaml, and `class MyCharm extends CharmBase<MyCharmTypes>` then gets a typed
// `this.config`, endpoint/container/storage/action names checked at compile time, and typed action params.
import type { JsonObject } from '../framework/json.js';
import type { ConfigValue } from '../hooktools/config.js';

/** What a charm declares: config option types, endpoint, container, storage and action names, params. */
export interface CharmTypes {
  /** Option name → its value type (`| undefined` when it has no default). */
  readonly config: object;
  /** Relation endpoint names (requires, provides, peers). */
  readonly endpoints: string;
  /** Workload container names. */
  readonly containers: string;
  /** Storage names. */
  readonly storages: string;
  /** Action name → its params. */
  readonly actions: { readonly [action: string]: object };
}

/** A charm without generated types: any name, config values of any option type. */
export interface UntypedCharm extends CharmTypes {
  readonly config: Readonly<Record<string, ConfigValue>>;
  readonly endpoints: string;
  readonly containers: string;
  readonly storages: string;
  readonly actions: { readonly [action: string]: JsonObject };
}

/** The names of a charm's actions. */
export type ActionName<T extends CharmTypes> = keyof T['actions'] & string;
