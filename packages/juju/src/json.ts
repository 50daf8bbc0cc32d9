/** A JSON value: what the persisted state and tool outputs are made of. */
export type JsonValue = null | string | number | boolean | JsonValue[] | JsonObject;

/** A JSON object with string keys. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** Deep-copies a JSON-serialisable value (the state never holds anything else). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** True for plain (non-array, non-null) objects. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
