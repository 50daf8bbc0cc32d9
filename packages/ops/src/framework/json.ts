import type { JsonValue } from '../types/json.js';

export type { JsonObject, JsonValue } from '../types/json.js';

/** A snapshot or stored value that is not plain JSON data. */
export class NotSerializableError extends TypeError {
  override name = 'NotSerializableError';
}

/** Checks that `value` is plain JSON data (no undefined, functions, Maps, class instances, NaN). */
export function assertJson(value: unknown, where: string): asserts value is JsonValue {
  const visit = (v: unknown, path: string): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new NotSerializableError(`${path} is ${v}, which JSON cannot hold`);
      return;
    }
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) visit(item, `${path}[${i}]`);
      return;
    }
    if (typeof v === 'object') {
      const proto = Object.getPrototypeOf(v) as unknown;
      if (proto !== Object.prototype && proto !== null) {
        throw new NotSerializableError(
          `${path} is a ${(v as object).constructor?.name ?? 'non-plain object'}; only plain objects, arrays, strings, numbers, booleans and null can be stored`,
        );
      }
      for (const [k, item] of Object.entries(v)) visit(item, `${path}.${k}`);
      return;
    }
    throw new NotSerializableError(`${path} is ${typeof v}; only JSON data can be stored`);
  };
  visit(value, where);
}

/** Deep equality of two JSON values. */
export function jsonEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
