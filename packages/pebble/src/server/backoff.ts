/**
 * Restart backoff of a service, as canonical/pebble computes it: defaults from internals/plan/plan.go
 * (defaultBackoffDelay 500ms, defaultBackoffFactor 2, defaultBackoffLimit 30s), the next delay from
 * internals/overlord/servstate/handlers.go calculateNextBackoff, jitter from getJitter (0-10%).
 */
import { parseDuration } from '../duration.js';
import type { Service, ServiceAction } from '../layer-types.js';

/** plan.go defaultBackoffDelay. */
export const DEFAULT_BACKOFF_DELAY_MS = 500;
/** plan.go defaultBackoffFactor. */
export const DEFAULT_BACKOFF_FACTOR = 2;
/** plan.go defaultBackoffLimit. */
export const DEFAULT_BACKOFF_LIMIT_MS = 30_000;

function durationMs(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  try {
    return parseDuration(text) * 1000;
  } catch {
    return fallback;
  }
}

/** A service's backoff settings with the plan's defaults filled in (plan.go CombineLayers). */
export function backoffConfig(service: Service): { delayMs: number; factor: number; limitMs: number } {
  return {
    delayMs: durationMs(service['backoff-delay'], DEFAULT_BACKOFF_DELAY_MS),
    factor: service['backoff-factor'] ?? DEFAULT_BACKOFF_FACTOR,
    limitMs: durationMs(service['backoff-limit'], DEFAULT_BACKOFF_LIMIT_MS),
  };
}

/** handlers.go calculateNextBackoff: the delay first, then times the factor, clamped to the limit. */
export function nextBackoffMs(service: Service, currentMs: number): number {
  const { delayMs, factor, limitMs } = backoffConfig(service);
  if (currentMs === 0) return delayMs;
  if (currentMs >= limitMs) return limitMs;
  return Math.min(currentMs * factor, limitMs);
}

/** handlers.go getJitter: a random 0-10% of the delay. */
export function jitterMs(delayMs: number, random: () => number): number {
  return random() * delayMs * 0.1;
}

/** handlers.go getAction: the on-success/on-failure action, `restart` when unset. */
export function exitAction(
  service: Service,
  success: boolean,
): { action: ServiceAction; onType: 'on-success' | 'on-failure' } {
  const action = success ? service['on-success'] : service['on-failure'];
  return { action: action ?? 'restart', onType: success ? 'on-success' : 'on-failure' };
}
