import { DispatchAbort } from '../backend/abort.js';
import type { ConfigValue } from '../hooktools/config.js';
import type { Model } from '../model/model.js';
import type { Secret } from '../model/secret.js';
import { BlockedStatus } from '../model/status.js';
import { isStandardSchema, type StandardSchemaV1, validateWith } from '../standard-schema.js';

/** Config as `loadConfig` hands it to the parser: camelCase keys, `secret` options as Secret objects. */
export type ConfigInput = Readonly<Record<string, ConfigValue | Secret>>;

/** How `loadConfig` reacts to a parser error: rethrow it, or block the unit and end the hook cleanly. */
export interface LoadConfigOptions {
  errors?: 'raise' | 'blocked';
}

/** `log-level` → `logLevel`: config keys as TypeScript property names (ops maps `-` to `_`). */
export function configKeyToProperty(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * ops's `CharmBase.load_config`: gives the charm's config to `parse` (a function, a class taking the
 * config, or any Standard Schema validator such as a zod object) with camelCase keys and `secret`-typed options as lazy Secret objects (no tool runs until
 * read). With `errors: 'blocked'`, an error from `parse` sets `BlockedStatus('Invalid config: <message>')`
 * and ends the dispatch with exit 0 without committing, as ops does (canonical/operator#1741).
 */
export function loadConfig<T>(
  model: Model,
  parse: ((config: ConfigInput) => T) | (new (config: ConfigInput) => T) | StandardSchemaV1<unknown, T>,
  options: LoadConfigOptions = {},
): T {
  const input: Record<string, ConfigValue | Secret> = {};
  for (const [key, value] of Object.entries(model.config)) {
    const isSecret = model.meta.config[key]?.type === 'secret' && typeof value === 'string';
    input[configKeyToProperty(key)] = isSecret ? model.secretHandle({ id: value }) : value;
  }
  try {
    // Any Standard Schema validator (zod, valibot, ...): its issues name the failing fields in one line.
    if (isStandardSchema(parse)) return validateWith(parse as StandardSchemaV1<unknown, T>, input);
    // A class is called with `new`; a plain function (or arrow) is called directly.
    const isClass =
      typeof parse === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(parse));
    return isClass
      ? new (parse as new (config: ConfigInput) => T)(input)
      : (parse as (config: ConfigInput) => T)(input);
  } catch (error) {
    if (options.errors !== 'blocked' || !(error instanceof Error)) throw error;
    model.unit.status = new BlockedStatus(`Invalid config: ${error.message}`);
    throw new DispatchAbort(0);
  }
}
