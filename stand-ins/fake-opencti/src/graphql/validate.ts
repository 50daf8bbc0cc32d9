import type { FieldNode, OperationNode } from './ast.js';
import { GraphqlRequestError } from './errors.js';
import { isLeafType, type Schema } from './schema.js';
import { variablesIn } from './values.js';

// The checks of GraphQL's validation phase that a client of the fake can trip over, with graphql-js's
// wording, so a wrong document fails here as it would against OpenCTI (no `data`, code
// GRAPHQL_VALIDATION_FAILED).
function validateSelections(
  schema: Schema,
  typeName: string,
  fields: FieldNode[],
  declared: ReadonlySet<string>,
): void {
  const type = schema[typeName] ?? {};
  for (const field of fields) {
    const fail = (message: string): never => {
      throw new GraphqlRequestError(message, 'GRAPHQL_VALIDATION_FAILED', [field.loc]);
    };
    if (field.name === '__typename') {
      if (field.selections)
        fail(`Field "__typename" must not have a selection since type "String!" has no subfields.`);
      continue;
    }
    const def = type[field.name];
    if (!def) fail(`Cannot query field "${field.name}" on type "${typeName}".`);
    const fieldDef = def as NonNullable<typeof def>;
    for (const [arg, value] of field.args) {
      if (!fieldDef.args?.includes(arg))
        fail(`Unknown argument "${arg}" on field "${typeName}.${field.name}".`);
      for (const name of variablesIn(value)) {
        if (!declared.has(name)) fail(`Variable "$${name}" is not defined.`);
      }
    }
    if (isLeafType(fieldDef.type)) {
      if (field.selections) {
        fail(
          `Field "${field.name}" must not have a selection since type "${fieldDef.type}" has no subfields.`,
        );
      }
    } else if (!field.selections) {
      fail(
        `Field "${field.name}" of type "${fieldDef.type}" must have a selection of subfields. ` +
          `Did you mean "${field.name} { ... }"?`,
      );
    } else {
      validateSelections(schema, fieldDef.type, field.selections, declared);
    }
  }
}

/** Validate an operation against `schema`, whose root types are `Query` and `Mutation`. */
export function validateOperation(schema: Schema, operation: OperationNode): void {
  const root =
    operation.operation === 'query' ? 'Query' : operation.operation === 'mutation' ? 'Mutation' : '';
  if (!schema[root]) {
    throw new GraphqlRequestError(
      `The fake OpenCTI server does not support ${operation.operation} operations.`,
      'GRAPHQL_VALIDATION_FAILED',
      [operation.loc],
    );
  }
  const declared = new Set(operation.variables.map((v) => v.name));
  validateSelections(schema, root, operation.selections, declared);
}
