import { type Invoke, parseJson } from './runner.js';

/** A config option value as Juju hands it over (`secret` options arrive as id strings). */
export type ConfigValue = string | number | boolean;

/** `config-get --format=json` → options that are set or have a default. */
export function configGet(run: Invoke): Record<string, ConfigValue> {
  const out = parseJson('config-get', run('config-get', ['--format=json']));
  return out && typeof out === 'object' ? (out as Record<string, ConfigValue>) : {};
}
