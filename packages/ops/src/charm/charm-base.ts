import type { Framework } from '../framework/framework.js';
import { FrameworkObject } from '../framework/object.js';
import type { Application, Unit } from '../model/entities.js';
import type { StandardSchemaV1 } from '../standard-schema.js';
import { CharmEvents } from './charm-events.js';
import type { CharmTypes, UntypedCharm } from './charm-types.js';
import { type ConfigInput, type LoadConfigOptions, loadConfig } from './load-config.js';
import type { CharmMeta } from './metadata.js';

/**
 * The base class of a charm. Subclass it, observe events in the constructor, and pass the class to
 * `main()`:
 *
 *     class MyCharm extends CharmBase {
 *       constructor(framework: Framework) {
 *         super(framework);
 *         this.observe(this.on.configChanged, this.onConfigChanged);
 *       }
 *       onConfigChanged(event: ConfigChangedEvent) { ... }
 *     }
 */
export class CharmBase<T extends CharmTypes = UntypedCharm> extends FrameworkObject {
  /** The charm's events. */
  readonly on: CharmEvents<T>;

  constructor(framework: Framework) {
    super(framework, null);
    this.on = new CharmEvents<T>(this, framework.model.meta);
  }

  /** This application. */
  get app(): Application {
    return this.framework.model.app;
  }
  /** This unit. */
  get unit(): Unit {
    return this.framework.model.unit;
  }
  /** The charm's metadata. */
  get meta(): CharmMeta {
    return this.framework.model.meta;
  }
  /** The charm's config (typed from charmcraft.yaml when the class declares its generated types). */
  get config(): Readonly<T['config']> {
    return this.framework.model.config as Readonly<T['config']>;
  }
  /** The directory the charm runs from. */
  get charmDir(): string {
    return this.framework.charmDir;
  }

  /**
   * The config parsed into a typed object (ops's `load_config`): `parse` gets the config with camelCase
   * keys and secret options as Secret objects. With `{ errors: 'blocked' }` a parse error blocks the unit
   * with `Invalid config: <message>` and ends the hook with exit 0 (nothing else is committed).
   */
  loadConfig<T>(
    parse: ((config: ConfigInput) => T) | (new (config: ConfigInput) => T) | StandardSchemaV1<unknown, T>,
    options: LoadConfigOptions = {},
  ): T {
    return loadConfig(this.framework.model, parse, options);
  }
}

/** A charm class as `main()` takes it. */
export type CharmClass = new (framework: Framework) => CharmBase<CharmTypes>;
