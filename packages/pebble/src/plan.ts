import type { Check, Layer, LogTarget, Service } from './layer-types.js';
import { layerToYaml, parseLayerYaml } from './layer-yaml.js';

/** The effective Pebble configuration, as returned by `getPlan()`. */
export class Plan {
  /** Services by name. */
  readonly services: Readonly<Record<string, Service>>;
  /** Checks by name. */
  readonly checks: Readonly<Record<string, Check>>;
  /** Log targets by name. */
  readonly logTargets: Readonly<Record<string, LogTarget>>;

  constructor(
    /** The YAML text Pebble sent. */
    readonly raw: string,
  ) {
    const layer = parseLayerYaml(raw, 'plan');
    this.services = layer.services ?? {};
    this.checks = layer.checks ?? {};
    this.logTargets = layer['log-targets'] ?? {};
  }

  /** The plan as a layer-shaped object. */
  toLayer(): Layer {
    return {
      services: { ...this.services },
      checks: { ...this.checks },
      'log-targets': { ...this.logTargets },
    };
  }

  /** The plan rendered as YAML with sorted keys. */
  toYaml(): string {
    return layerToYaml(this.toLayer());
  }
}
