// woap's own config checks, after the base missing-options check (canonical/opencti-operator
// `connectors/woap/src/charm.py`, `_check_config`); each applies only to a truthy value, as upstream.

import { CONNECTOR_LOG_LEVELS } from '@ops-ts/opencti-connector';
import type { ConfigValue } from '@ops-ts/ops';

/** ISO 8601 durations as upstream accepts them: `P` with days/weeks, then an optional `T` part; not bare `P`. */
export const ISO8601_DURATION = /^P(?!$)(?:\d+D)?(?:\d+W)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/;

/** The first problem with woap's config, as upstream words it, or undefined. */
export function woapConfigProblem(config: Readonly<Record<string, ConfigValue>>): string | undefined {
  const level = config['connector-log-level'];
  if (level && !(CONNECTOR_LOG_LEVELS as readonly unknown[]).includes(level)) {
    return `invalid connector-log-level value: ${String(level)}`;
  }
  const duration = config['connector-duration-period'];
  if (duration && !ISO8601_DURATION.test(String(duration))) {
    return `invalid connector-duration-period value format: ${String(duration)}`;
  }
  const severity = config['wazuh-min-severity'];
  if (severity && !(Number(severity) >= 0 && Number(severity) <= 15)) {
    return `invalid wazuh-min-severity: ${String(severity)} (must be between 0 and 15)`;
  }
  return undefined;
}
