/** A value parsed from juju's JSON output. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { [key: string]: JsonValue };

/** Whether `v` is a JSON object (not an array, not null). */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `JSON.parse` of a juju command's stdout, failing in one line that names the command. */
export function parseJson(stdout: string, what: string): JsonValue {
  try {
    return JSON.parse(stdout) as JsonValue;
  } catch {
    const head = stdout.length > 80 ? `${stdout.slice(0, 80)}…` : stdout;
    throw new Error(`juju ${what}: output is not JSON: ${JSON.stringify(head)}`);
  }
}

/** The object at `d[key]`, or an empty object when it is missing or not an object. */
export function obj(d: JsonObject, key: string): JsonObject {
  const v = d[key];
  return isObject(v) ? v : {};
}

/** The string at `d[key]`, or `''`. */
export function str(d: JsonObject, key: string): string {
  const v = d[key];
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

/** The number at `d[key]`, or `fallback`. */
export function num(d: JsonObject, key: string, fallback = 0): number {
  const v = d[key];
  return typeof v === 'number'
    ? v
    : typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))
      ? Number(v)
      : fallback;
}

/** The boolean at `d[key]`, or false. */
export function bool(d: JsonObject, key: string): boolean {
  return d[key] === true;
}

/** The strings at `d[key]`, or `[]`. */
export function strs(d: JsonObject, key: string): string[] {
  const v = d[key];
  return Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : String(x))) : [];
}

/** `d[key]` mapped entry by entry through `f`, or `{}`. */
export function mapOf<T>(d: JsonObject, key: string, f: (v: JsonObject, k: string) => T): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(obj(d, key))) out[k] = f(isObject(v) ? v : {}, k);
  return out;
}
