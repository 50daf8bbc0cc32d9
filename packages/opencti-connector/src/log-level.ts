import type { Logger } from '@ops-ts/ops';

/** The log levels OpenCTI connectors accept. */
export const CONNECTOR_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/**
 * `CONNECTOR_LOG_LEVEL` kept when it is one of the accepted levels (case-sensitive), else `info` with a
 * warning, as canonical/opencti-operator `connectors/nti/src/charm.py` does; always written back.
 */
export function withValidLogLevel(env: Record<string, string>, logger: Logger): Record<string, string> {
  const level = env.CONNECTOR_LOG_LEVEL ?? 'info';
  if ((CONNECTOR_LOG_LEVELS as readonly string[]).includes(level))
    return { ...env, CONNECTOR_LOG_LEVEL: level };
  logger.warning(`CONNECTOR_LOG_LEVEL '${level}' is invalid, using 'info' instead.`);
  return { ...env, CONNECTOR_LOG_LEVEL: 'info' };
}
