// Go's time.Duration.String(), which Pebble uses in messages such as `timed out after 500ms`.

function fraction(value: bigint, digits: number): string {
  const unit = 10n ** BigInt(digits);
  const whole = value / unit;
  const rest = (value % unit).toString().padStart(digits, '0').replace(/0+$/, '');
  return rest ? `${whole}.${rest}` : `${whole}`;
}

/** Render nanoseconds as Go's Duration.String does: `500ms`, `1.5s`, `1m30s`, `1h0m0s`. */
export function goDurationString(ns: bigint): string {
  if (ns === 0n) return '0s';
  if (ns < 0n) return `-${goDurationString(-ns)}`;
  if (ns < 1_000n) return `${ns}ns`;
  if (ns < 1_000_000n) return `${fraction(ns, 3)}µs`;
  if (ns < 1_000_000_000n) return `${fraction(ns, 6)}ms`;
  const hours = ns / 3_600_000_000_000n;
  const minutes = (ns / 60_000_000_000n) % 60n;
  const seconds = `${fraction(ns % 60_000_000_000n, 9)}s`;
  if (hours > 0n) return `${hours}h${minutes}m${seconds}`;
  if (minutes > 0n) return `${minutes}m${seconds}`;
  return seconds;
}

/** Nanoseconds of a Go duration given in seconds (rounded to the nanosecond). */
export function secondsToNs(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1e9));
}
