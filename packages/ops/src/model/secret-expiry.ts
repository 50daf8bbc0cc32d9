/** A span of time, as ops takes a `timedelta` for a secret's expiry. */
export interface Duration {
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

/** When a secret (revision) expires: a point in time, or a duration from now. */
export type SecretExpiry = Date | Duration;

function durationMs(d: Duration): number {
  return (
    (d.days ?? 0) * 86_400_000 +
    (d.hours ?? 0) * 3_600_000 +
    (d.minutes ?? 0) * 60_000 +
    (d.seconds ?? 0) * 1000 +
    (d.milliseconds ?? 0)
  );
}

/**
 * RFC 3339 text for `--expire`, UTC with a `Z` as ops sends it (`2022-12-09T16:17:00Z`); fractions of a
 * second only when there are some. A duration counts from `now`.
 */
export function formatExpiry(expire: SecretExpiry, now: () => number = Date.now): string {
  const at = expire instanceof Date ? expire : new Date(now() + durationMs(expire));
  if (Number.isNaN(at.getTime())) throw new RangeError('secret expiry is not a valid date');
  return at.toISOString().replace('.000Z', 'Z');
}
