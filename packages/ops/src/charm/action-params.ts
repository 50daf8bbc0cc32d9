// Action params checked against the charm's actions.yaml schema. Juju itself validates params against
// the same JSON Schema (and fills in defaults) before the hook runs, so this is a typed second check: it
// catches a schema the charm changed without Juju knowing, tests and simulators that skip Juju's check,
// and gives the handler params it can trust. It covers the JSON Schema subset action params use; it never
// compiles anything (ajv would cost ~100 ms per hook). `ops-ts build` may instead ship validators generated
// at build time (ajv standalone) through the ParamsValidator seam below.
import type { JsonObject, JsonValue } from '../framework/json.js';
import type { ActionMeta } from './metadata.js';

/** The JSON Schema subset action params use. Other keywords are ignored, as annotations. */
export interface ParamSchema {
  type?: ParamType | ParamType[];
  enum?: JsonValue[];
  const?: JsonValue;
  default?: JsonValue;
  minimum?: number;
  maximum?: number;
  /** A number (draft 6+) or, with `minimum`, a boolean (draft 4). */
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  multipleOf?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: ParamSchema | ParamSchema[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  properties?: Record<string, ParamSchema>;
  required?: string[];
  additionalProperties?: boolean | ParamSchema;
  /** Combinators: every, at least one, exactly one of these schemas must hold; `not` must fail. */
  allOf?: ParamSchema[];
  anyOf?: ParamSchema[];
  oneOf?: ParamSchema[];
  not?: ParamSchema;
  description?: string;
  title?: string;
}

/** A JSON Schema type name. */
export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** One way the params break the schema: where, which rule, and a message naming both. */
export interface ParamsProblem {
  /** The param's path, e.g. `retries`, `options.level`, `hosts[2]` (empty for the params object). */
  path: string;
  /** The schema keyword that failed, e.g. `maximum`, `required`, `additionalProperties`. */
  rule: string;
  message: string;
}

/**
 * Checks an action's params and fills in schema defaults in place; returns the problems (empty when
 * valid). The seam for build-time validators: `ops-ts build` ships one per action (wrapping an ajv
 * standalone function) as `globalThis.__OPS_TS_ACTION_VALIDATORS__ = { '<action>': fn }`, set by a
 * generated bundle entry before the charm module runs; without one, the subset validator here is used.
 */
export type ParamsValidator = (params: JsonObject) => readonly ParamsProblem[];

/** The params of an action do not match its schema; raised before the handler can act on them. */
export class ActionParamsError extends Error {
  override name = 'ActionParamsError';
  constructor(
    /** The action's name. */
    readonly action: string,
    /** Every problem found. */
    readonly problems: readonly ParamsProblem[],
  ) {
    super(
      `invalid params for action ${JSON.stringify(action)}: ${problems.map((p) => p.message).join('; ')}`,
    );
  }
}

/** The schema Juju builds for an action: an object of its params, with `required` and `additionalProperties`. */
export function actionSchema(meta: ActionMeta): ParamSchema {
  return {
    type: 'object',
    properties: meta.params as Record<string, ParamSchema>,
    required: meta.required,
    additionalProperties: meta.additionalProperties,
  };
}

interface BuildValidators {
  __OPS_TS_ACTION_VALIDATORS__?: Readonly<Record<string, ParamsValidator>>;
}

/** The validator of an action: the build-time one when the bundle ships it, else the subset validator. */
export function paramsValidatorFor(action: string, meta: ActionMeta): ParamsValidator {
  const built = (globalThis as BuildValidators).__OPS_TS_ACTION_VALIDATORS__?.[action];
  return built ?? schemaValidator(actionSchema(meta));
}

/** Validates `params` of `action` (filling defaults in place); throws ActionParamsError naming each problem. */
export function validateActionParams(action: string, meta: ActionMeta, params: JsonObject): JsonObject {
  const problems = paramsValidatorFor(action, meta)(params);
  if (problems.length > 0) throw new ActionParamsError(action, problems);
  return params;
}

/** A ParamsValidator interpreting `schema` (no code generation). */
export function schemaValidator(schema: ParamSchema): ParamsValidator {
  const patterns = new Map<string, RegExp>();
  return (params) => {
    const problems: ParamsProblem[] = [];
    check(schema, params, '', problems, patterns);
    return problems;
  };
}

const MAX_SHOWN = 60;

/** A short rendering of an offending value for messages. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: ParamType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true; // an unknown type name constrains nothing here; Juju rejects such a schema at deploy
  }
}

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function child(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function check(
  schema: ParamSchema,
  value: JsonValue,
  path: string,
  out: ParamsProblem[],
  patterns: Map<string, RegExp>,
): void {
  const where = path ? `param ${JSON.stringify(path)}` : 'params';
  const fail = (rule: string, what: string) =>
    out.push({ path, rule, message: `${where} ${what} (${rule})` });

  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => hasType(value, t))) {
      fail('type', `must be ${types.join(' or ')}, got ${typeOf(value)} ${show(value)}`);
      return; // other rules assume the type
    }
  }
  if (schema.enum && !schema.enum.some((e) => equal(e, value))) {
    fail('enum', `must be one of ${schema.enum.map(show).join(', ')}, got ${show(value)}`);
  }
  if (schema.const !== undefined && !equal(schema.const, value)) {
    fail('const', `must be ${show(schema.const)}, got ${show(value)}`);
  }
  checkCombinators(schema, value, path, out, patterns, fail);
  if (typeof value === 'number') checkNumber(schema, value, fail);
  else if (typeof value === 'string') checkString(schema, value, fail, patterns);
  else if (Array.isArray(value)) checkArray(schema, value, path, out, patterns, fail);
  else if (value !== null && typeof value === 'object') checkObject(schema, value, path, out, patterns);
}

type Fail = (rule: string, what: string) => void;

/** Whether `value` satisfies `schema` (checked on a copy: defaults must not be filled by a trial match). */
function satisfies(schema: ParamSchema, value: JsonValue, patterns: Map<string, RegExp>): boolean {
  const problems: ParamsProblem[] = [];
  check(schema, structuredClone(value), '', problems, patterns);
  return problems.length === 0;
}

function checkCombinators(
  s: ParamSchema,
  value: JsonValue,
  path: string,
  out: ParamsProblem[],
  patterns: Map<string, RegExp>,
  fail: Fail,
): void {
  for (const sub of s.allOf ?? []) check(sub, value, path, out, patterns);
  if (s.anyOf && !s.anyOf.some((sub) => satisfies(sub, value, patterns))) {
    fail('anyOf', `must match at least one of the ${s.anyOf.length} schemas in anyOf, got ${show(value)}`);
  }
  if (s.oneOf) {
    const matched = s.oneOf.filter((sub) => satisfies(sub, value, patterns)).length;
    if (matched !== 1) {
      fail(
        'oneOf',
        `must match exactly one of the ${s.oneOf.length} schemas in oneOf (matched ${matched}), got ${show(value)}`,
      );
    }
  }
  if (s.not && satisfies(s.not, value, patterns))
    fail('not', `must not match the schema in not, got ${show(value)}`);
}

function checkNumber(s: ParamSchema, n: number, fail: Fail): void {
  if (s.minimum !== undefined) {
    if (s.exclusiveMinimum === true ? n <= s.minimum : n < s.minimum) {
      fail(
        s.exclusiveMinimum === true ? 'exclusiveMinimum' : 'minimum',
        `must be ${s.exclusiveMinimum === true ? 'greater than' : 'at least'} ${s.minimum}, got ${n}`,
      );
    }
  }
  if (s.maximum !== undefined) {
    if (s.exclusiveMaximum === true ? n >= s.maximum : n > s.maximum) {
      fail(
        s.exclusiveMaximum === true ? 'exclusiveMaximum' : 'maximum',
        `must be ${s.exclusiveMaximum === true ? 'less than' : 'at most'} ${s.maximum}, got ${n}`,
      );
    }
  }
  if (typeof s.exclusiveMinimum === 'number' && n <= s.exclusiveMinimum) {
    fail('exclusiveMinimum', `must be greater than ${s.exclusiveMinimum}, got ${n}`);
  }
  if (typeof s.exclusiveMaximum === 'number' && n >= s.exclusiveMaximum) {
    fail('exclusiveMaximum', `must be less than ${s.exclusiveMaximum}, got ${n}`);
  }
  if (s.multipleOf !== undefined && s.multipleOf > 0) {
    const q = n / s.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9)
      fail('multipleOf', `must be a multiple of ${s.multipleOf}, got ${n}`);
  }
}

function checkString(s: ParamSchema, text: string, fail: Fail, patterns: Map<string, RegExp>): void {
  const length = [...text].length; // JSON Schema counts code points, not UTF-16 units
  if (s.minLength !== undefined && length < s.minLength) {
    fail('minLength', `must be at least ${s.minLength} characters long, got ${length}: ${show(text)}`);
  }
  if (s.maxLength !== undefined && length > s.maxLength) {
    fail('maxLength', `must be at most ${s.maxLength} characters long, got ${length}: ${show(text)}`);
  }
  if (s.pattern !== undefined) {
    let re = patterns.get(s.pattern);
    if (!re) {
      re = new RegExp(s.pattern, 'u'); // ECMA-262 syntax, unanchored, as JSON Schema specifies
      patterns.set(s.pattern, re);
    }
    if (!re.test(text)) fail('pattern', `must match ${show(s.pattern)}, got ${show(text)}`);
  }
}

function checkArray(
  s: ParamSchema,
  list: JsonValue[],
  path: string,
  out: ParamsProblem[],
  patterns: Map<string, RegExp>,
  fail: Fail,
): void {
  if (s.minItems !== undefined && list.length < s.minItems) {
    fail('minItems', `must have at least ${s.minItems} items, got ${list.length}`);
  }
  if (s.maxItems !== undefined && list.length > s.maxItems) {
    fail('maxItems', `must have at most ${s.maxItems} items, got ${list.length}`);
  }
  if (s.uniqueItems && new Set(list.map((v) => JSON.stringify(v))).size !== list.length) {
    fail('uniqueItems', 'must not repeat items');
  }
  if (Array.isArray(s.items)) {
    for (const [i, itemSchema] of s.items.entries()) {
      const item = list[i];
      if (item !== undefined) check(itemSchema, item, child(path, i), out, patterns);
    }
  } else if (s.items) {
    const itemSchema = s.items;
    for (const [i, item] of list.entries()) check(itemSchema, item, child(path, i), out, patterns);
  }
}

function checkObject(
  s: ParamSchema,
  obj: { [key: string]: JsonValue },
  path: string,
  out: ParamsProblem[],
  patterns: Map<string, RegExp>,
): void {
  const props = s.properties ?? {};
  for (const [key, propSchema] of Object.entries(props)) {
    if (!Object.hasOwn(obj, key) && propSchema.default !== undefined) {
      // Juju fills defaults the same way; defined, so a param named `__proto__` is a param.
      Object.defineProperty(obj, key, {
        value: structuredClone(propSchema.default),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    }
  }
  for (const key of s.required ?? []) {
    if (!Object.hasOwn(obj, key)) {
      out.push({
        path: child(path, key),
        rule: 'required',
        message: `param ${JSON.stringify(child(path, key))} is required (required)`,
      });
    }
  }
  for (const [key, value] of Object.entries(obj)) {
    const propSchema = Object.hasOwn(props, key) ? props[key] : undefined;
    if (propSchema) check(propSchema, value, child(path, key), out, patterns);
    else if (s.additionalProperties === false) {
      out.push({
        path: child(path, key),
        rule: 'additionalProperties',
        message: `param ${JSON.stringify(child(path, key))} is not allowed: the schema declares no such param (additionalProperties)`,
      });
    } else if (typeof s.additionalProperties === 'object') {
      check(s.additionalProperties, value, child(path, key), out, patterns);
    }
  }
}
