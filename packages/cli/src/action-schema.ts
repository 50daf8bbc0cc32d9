// The JSON Schema Juju checks an action's params against, built from the action's entry in actions.yaml
// (charmcraft.yaml `actions:`), in the dialect ajv compiles.

/** A JSON Schema document, as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** An action declaration that cannot be turned into a params schema. */
export class ActionSchemaError extends Error {
  override name = 'ActionSchemaError';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The params object schema of one action, as Juju builds it: `type: object`, the declared `params` as
 * `properties`, `required`, and `additionalProperties` (true unless the action says false, as Juju < 4).
 */
export function actionParamsSchema(name: string, spec: unknown): JsonSchema {
  const s = spec === undefined || spec === null ? {} : spec;
  if (!isRecord(s)) throw new ActionSchemaError(`action ${JSON.stringify(name)} must be a mapping`);
  const params = s.params ?? {};
  if (!isRecord(params)) {
    throw new ActionSchemaError(`action ${JSON.stringify(name)} params must be a mapping of param schemas`);
  }
  const required = s.required ?? [];
  if (!Array.isArray(required) || !required.every((r) => typeof r === 'string')) {
    throw new ActionSchemaError(`action ${JSON.stringify(name)} required must be a list of param names`);
  }
  return toDraft7({
    type: 'object',
    properties: params,
    required,
    additionalProperties: s.additionalProperties !== false,
  }) as JsonSchema;
}

/** Keywords whose value is one schema. */
const SUB_SCHEMA = ['items', 'additionalProperties', 'additionalItems', 'not', 'contains', 'propertyNames'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST = ['items', 'allOf', 'anyOf', 'oneOf'];
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAP = ['properties', 'patternProperties', 'definitions', 'dependencies'];

/**
 * Rewrites draft-4 forms Juju accepts (gojsonschema) into draft-7 for ajv: a boolean `exclusiveMinimum`/
 * `exclusiveMaximum` next to `minimum`/`maximum` becomes the numeric form. Returns a copy.
 */
export function toDraft7(schema: unknown): unknown {
  if (!isRecord(schema)) return schema;
  const out: Record<string, unknown> = { ...schema };
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound];
      delete out[bound];
    } else {
      delete out[exclusive];
    }
  }
  for (const key of SUB_SCHEMA) if (isRecord(out[key])) out[key] = toDraft7(out[key]);
  for (const key of SCHEMA_LIST)
    if (Array.isArray(out[key])) out[key] = (out[key] as unknown[]).map(toDraft7);
  for (const key of SCHEMA_MAP) {
    const map = out[key];
    if (!isRecord(map)) continue;
    out[key] = Object.fromEntries(Object.entries(map).map(([k, v]) => [k, toDraft7(v)]));
  }
  return out;
}
