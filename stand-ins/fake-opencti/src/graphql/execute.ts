import type { FieldNode, JsonValue, OperationNode } from './ast.js';
import { type GraphqlErrorEntry, GraphqlFieldError } from './errors.js';
import { isLeafType, type Schema } from './schema.js';
import { resolveValue } from './values.js';

/** Computes one field from its parent value and arguments. */
export type Resolver<C> = (parent: unknown, args: Record<string, JsonValue>, context: C) => unknown;

/** Resolvers by type name and field name; fields without one read the parent's property of that name. */
export type Resolvers<C> = Readonly<Record<string, Readonly<Record<string, Resolver<C>>>>>;

/** A GraphQL response body: `data` plus `errors` when some field failed. */
export interface ExecutionResult {
  data: Record<string, JsonValue> | null;
  errors?: GraphqlErrorEntry[];
}

function defaultResolve(parent: unknown, name: string): unknown {
  return typeof parent === 'object' && parent !== null
    ? (parent as Record<string, unknown>)[name]
    : undefined;
}

function toJson(value: unknown): JsonValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/**
 * Run a validated operation. As in GraphQL, a failing field becomes null and adds an error with its path;
 * mutation fields run one after the other (everything here is synchronous, so queries do too).
 */
export function executeOperation<C>(
  schema: Schema,
  resolvers: Resolvers<C>,
  operation: OperationNode,
  variables: Record<string, JsonValue>,
  context: C,
): ExecutionResult {
  const errors: GraphqlErrorEntry[] = [];

  const completeSelections = (
    typeName: string,
    parent: unknown,
    fields: FieldNode[],
    path: Array<string | number>,
  ) => {
    const out: Record<string, JsonValue> = {};
    for (const field of fields) {
      const key = field.alias ?? field.name;
      out[key] = executeField(typeName, parent, field, [...path, key]);
    }
    return out;
  };

  const completeValue = (
    type: string,
    value: unknown,
    field: FieldNode,
    path: Array<string | number>,
  ): JsonValue => {
    if (value === undefined || value === null) return null;
    if (isLeafType(type)) return toJson(value);
    return completeSelections(type, value, field.selections ?? [], path);
  };

  const executeField = (
    typeName: string,
    parent: unknown,
    field: FieldNode,
    path: Array<string | number>,
  ): JsonValue => {
    if (field.name === '__typename') return typeName;
    const def = schema[typeName]?.[field.name];
    if (!def) return null; // unreachable after validation
    const args = Object.fromEntries(
      field.args.map(([name, value]) => [name, resolveValue(value, variables)]),
    );
    let value: unknown;
    try {
      const resolver = resolvers[typeName]?.[field.name];
      value = resolver ? resolver(parent, args, context) : defaultResolve(parent, field.name);
    } catch (e) {
      if (!(e instanceof GraphqlFieldError)) throw e;
      errors.push({
        message: e.message,
        locations: [field.loc],
        path,
        extensions: { code: e.code, data: e.data },
      });
      return null;
    }
    if (def.list) {
      if (!Array.isArray(value)) return null;
      return value.map((item, i) => completeValue(def.type, item, field, [...path, i]));
    }
    return completeValue(def.type, value, field, path);
  };

  const root = operation.operation === 'mutation' ? 'Mutation' : 'Query';
  const data = completeSelections(root, undefined, operation.selections, []);
  return errors.length > 0 ? { data, errors } : { data };
}
