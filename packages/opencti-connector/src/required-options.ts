import type { ConfigOptionMeta, ConfigValue } from '@ops-ts/ops';

/** A config option as connector charms declare it: with the non-standard `optional` key. */
export type ConnectorOptionMeta = ConfigOptionMeta & { readonly optional?: boolean };

/**
 * The required options that have no value, in metadata order. An option is required when its
 * `optional:` key is exactly `false` (a missing key means optional), and missing when it has no value,
 * so an option with a default is never missing and `""` counts as set, as in the Python original.
 */
export function missingOptions(
  options: Readonly<Record<string, ConnectorOptionMeta>>,
  config: Readonly<Record<string, ConfigValue>>,
): string[] {
  return Object.entries(options)
    .filter(([name, meta]) => meta.optional === false && config[name] === undefined)
    .map(([name]) => name);
}
