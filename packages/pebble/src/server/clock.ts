/** Current time as an RFC 3339 string, the format Pebble uses for timestamps. */
export function now(): string {
  return new Date().toISOString();
}
