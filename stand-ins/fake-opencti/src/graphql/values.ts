import type { JsonValue, OperationNode, ValueNode } from './ast.js';
import { GraphqlRequestError } from './errors.js';

function isJsonObject(value: unknown): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request's variables with declared defaults applied; a missing required variable refuses the request. */
export function coerceVariables(operation: OperationNode, given: unknown): Record<string, JsonValue> {
  const supplied = isJsonObject(given) ? given : {};
  const out: Record<string, JsonValue> = {};
  for (const def of operation.variables) {
    const value = supplied[def.name];
    if (value !== undefined) {
      if (value === null && def.type.endsWith('!')) {
        throw new GraphqlRequestError(
          `Variable "$${def.name}" of non-null type "${def.type}" must not be null.`,
          'BAD_USER_INPUT',
        );
      }
      out[def.name] = value;
    } else if (def.defaultValue !== undefined) {
      out[def.name] = resolveValue(def.defaultValue, {});
    } else if (def.type.endsWith('!')) {
      throw new GraphqlRequestError(
        `Variable "$${def.name}" of required type "${def.type}" was not provided.`,
        'BAD_USER_INPUT',
      );
    }
  }
  return out;
}

/** Substitute variables into an argument value; an unset variable reads as null. */
export function resolveValue(node: ValueNode, variables: Record<string, JsonValue>): JsonValue {
  switch (node.kind) {
    case 'variable':
      return variables[node.name] ?? null;
    case 'scalar':
      return node.value;
    case 'list':
      return node.items.map((item) => resolveValue(item, variables));
    case 'object':
      return Object.fromEntries(node.fields.map(([key, value]) => [key, resolveValue(value, variables)]));
  }
}

/** The names of the variables a value refers to (for the "is not defined" check). */
export function variablesIn(node: ValueNode): string[] {
  switch (node.kind) {
    case 'variable':
      return [node.name];
    case 'scalar':
      return [];
    case 'list':
      return node.items.flatMap(variablesIn);
    case 'object':
      return node.fields.flatMap(([, value]) => variablesIn(value));
  }
}
