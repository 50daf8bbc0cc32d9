/**
 * Action parameters (`juju run unit action k=v`): YAML values checked up front against the action's
 * whole schema (types, bounds, `enum`, `pattern`, `oneOf`/`anyOf`/`allOf`/`not`, `required`,
 * `additionalProperties`), as Juju checks them before queueing the action. The checking is the runtime's
 * own validator (`@ops-ts/ops` schemaValidator, also what the testing kit runs), so the three agree.
 */
import type { JsonObject, JsonValue } from '@ops-ts/juju';
import { type ParamSchema, schemaValidator } from '@ops-ts/ops/runtime';

import { SimError } from './errors.js';
import { parseUserYaml } from './user-yaml.js';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The params object schema Juju builds from an actions.yaml entry. */
function paramsSchema(spec: JsonObject): ParamSchema {
  const required = Array.isArray(spec.required) ? spec.required.filter((r) => typeof r === 'string') : [];
  return {
    type: 'object',
    properties: (isObject(spec.params) ? spec.params : {}) as Record<string, ParamSchema>,
    required,
    additionalProperties: spec.additionalProperties !== false,
  };
}

/** One `k=v` value: YAML, as `juju run` reads it; a string param keeps the text of another scalar. */
function paramValue(text: string, prop: JsonValue | undefined): JsonValue {
  let value: JsonValue;
  try {
    value = (parseUserYaml(text, { intAsBigInt: false }) as JsonValue | undefined) ?? '';
  } catch {
    value = text;
  }
  if (isObject(prop) && prop.type === 'string' && typeof value !== 'string') return text;
  return value;
}

/**
 * Parses `k=v` arguments, checks them against the action's `params` schema and fills defaults; a
 * refusal is one line naming each problem.
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
  const schema = paramsSchema(isObject(spec) ? spec : {});
  const props = schema.properties ?? {};
  // No prototype: a param named `constructor` or `__proto__` is a param.
  const params: JsonObject = Object.create(null);
  for (const [key, text] of Object.entries(args)) {
    const prop = Object.hasOwn(props, key) ? (props[key] as JsonValue) : undefined;
    Object.defineProperty(params, key, {
      value: paramValue(text, prop),
      writable: true,
      enumerable: true,
      configurable: true,
    });
  }
  const problems = schemaValidator(schema)(params);
  if (problems.length > 0) {
    throw new SimError(`action ${JSON.stringify(name)}: ${problems.map((p) => p.message).join('; ')}`);
  }
  return params;
}
