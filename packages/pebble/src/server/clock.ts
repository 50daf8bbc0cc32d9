// Pebble stamps changes, notices and services with Go's time.Now(), which has nanosecond resolution, and
// encodes them as RFC 3339 the way Go's time.Time.MarshalJSON does (RFC3339Nano: trailing zeros of the
// fraction dropped). A millisecond clock would give two notices a microsecond apart the same time, and
// `after=` filtering would then lose one of them.

const startWallNs = BigInt(Date.now()) * 1_000_000n;
const startMonoNs = process.hrtime.bigint();
let lastNs = 0n;

/** Nanoseconds since the Unix epoch: wall clock at start-up plus a monotonic offset, never repeating. */
export function nowNs(): bigint {
  let ns = startWallNs + (process.hrtime.bigint() - startMonoNs);
  // Strictly increasing, so the order of events is the order of their stamps.
  if (ns <= lastNs) ns = lastNs + 1n;
  lastNs = ns;
  return ns;
}

/** Format nanoseconds since the epoch as Go's RFC3339Nano in UTC (`2024-05-01T10:00:00.123456789Z`). */
export function formatRfc3339Nano(ns: bigint): string {
  const ms = ns / 1_000_000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  const fraction = (((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n)
    .toString()
    .padStart(9, '0')
    .replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

/** Format as Go's time.RFC3339 (seconds, UTC), as Pebble writes task log lines. */
export function formatRfc3339(ns: bigint): string {
  return `${new Date(Number(ns / 1_000_000n)).toISOString().slice(0, 19)}Z`;
}

/** The current time as Go's RFC3339Nano, the format of Pebble's JSON timestamps. */
export function now(): string {
  return formatRfc3339Nano(nowNs());
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

/**
 * Parse an RFC 3339 time (as Go's `time.Parse(time.RFC3339, s)` accepts it: fraction optional, up to
 * nanoseconds) to nanoseconds since the epoch; undefined when malformed.
 */
export function parseRfc3339Ns(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall) || Number(mo) > 12 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59)
    return undefined;
  let offsetMin = 0;
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    offsetMin = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  const fractionNs = BigInt(frac.padEnd(9, '0') || '0');
  return (BigInt(wall) - BigInt(offsetMin) * 60_000n) * 1_000_000n + fractionNs;
}
