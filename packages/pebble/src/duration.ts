/** Render seconds the way the Pebble API expects: millisecond resolution and an `s` suffix (`4.000s`). */
export function formatTimeout(seconds: number): string {
  return `${seconds.toFixed(3)}s`;
}

const UNIT_SECONDS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Parse a Go duration string (`1h2m3.5s`, `500ms`) to seconds; throws on malformed input. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let consumed = 0;
  for (let match = re.exec(trimmed); match; match = re.exec(trimmed)) {
    const [whole, value, unit] = match;
    total += Number(value) * (UNIT_SECONDS[unit ?? ''] ?? Number.NaN);
    consumed += whole.length;
  }
  if (consumed === 0 || consumed !== trimmed.length || Number.isNaN(total)) {
    throw new Error(`invalid duration ${JSON.stringify(text)}`);
  }
  return total;
}

/** Render seconds as a Go-style duration (`1h0m0s`, `1.5s`), as Pebble prints them in JSON. */
export function formatGoDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const secs = Number((seconds % 60).toFixed(9));
  if (hours > 0) return `${hours}h${minutes}m${secs}s`;
  if (minutes > 0) return `${minutes}m${secs}s`;
  return `${secs}s`;
}
