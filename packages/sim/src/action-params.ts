/** Action parameters (`juju run unit action k=v`): YAML values checked against the action's schema. */
import type { JsonObject, JsonValue } from '@ops-ts/juju';
import { parse } from 'yaml';
import { SimError } from './errors.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matches(value: JsonValue, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * Parses `k=v` arguments (values are YAML, as `juju run` reads them), checks them against the
 * action's `params` schema (types, `required`, `additionalProperties`) and fills defaults.
 */
export function checkActionParams(
  unit: string,
  name: string,
  spec: JsonValue | undefined,
  args: Readonly<Record<string, string>>,
): JsonObject {
  if (!isObject(spec) && spec !== null) {
    throw new SimError(`action ${JSON.stringify(name)} not defined on unit ${JSON.stringify(unit)}`);
  }
  const schema = isObject(spec) ? spec : {};
  const props = isObject(schema.params) ? schema.params : {};
  const params: JsonObject = {};
  for (const [key, text] of Object.entries(args)) {
    let value: JsonValue;
    try {
      value = (parse(text) as JsonValue | undefined) ?? '';
    } catch {
      value = text;
    }
    const prop = props[key];
    if (!isObject(prop)) {
      if (schema.additionalProperties === false) {
        throw new SimError(`action ${JSON.stringify(name)}: unknown parameter ${JSON.stringify(key)}`);
      }
      params[key] = value;
      continue;
    }
    const type = typeof prop.type === 'string' ? prop.type : undefined;
    // A string param given a YAML scalar of another type keeps the text, as Juju's schema coercion does.
    if (type === 'string' && typeof value !== 'string') value = text;
    if (type && !matches(value, type)) {
      throw new SimError(
        `action ${JSON.stringify(name)}: parameter ${JSON.stringify(key)} must be ${type}, got ${typeOf(value)}`,
      );
    }
    params[key] = value;
  }
  for (const [key, prop] of Object.entries(props)) {
    if (!(key in params) && isObject(prop) && prop.default !== undefined) params[key] = prop.default;
  }
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const key of required) {
    if (typeof key === 'string' && !(key in params)) {
      throw new SimError(`action ${JSON.stringify(name)}: missing required parameter ${JSON.stringify(key)}`);
    }
  }
  return params;
}
