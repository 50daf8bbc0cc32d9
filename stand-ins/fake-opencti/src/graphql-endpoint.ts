import type { JsonValue } from './graphql/ast.js';
import { GraphqlRequestError } from './graphql/errors.js';
import { type ExecutionResult, executeOperation } from './graphql/execute.js';
import { parseDocument, selectOperation } from './graphql/parser.js';
import { validateOperation } from './graphql/validate.js';
import { coerceVariables } from './graphql/values.js';
import type { OpenctiContext } from './opencti/auth.js';
import { OPENCTI_RESOLVERS } from './opencti/resolvers.js';
import { OPENCTI_SCHEMA } from './opencti/schema.js';

/** A GraphQL HTTP answer: status and JSON body. */
export interface GraphqlAnswer {
  status: number;
  body: ExecutionResult | { errors: ExecutionResult['errors'] };
  /** The root fields the request asked for (for `FakeOpencti.operations()`), empty when refused early. */
  rootFields: string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Answer one `{query, variables, operationName}` body. Like OpenCTI (whose `httpResponsePlugin` forces
 * status 200 whenever there are errors), every GraphQL-level failure is HTTP 200 with an `errors` array;
 * only a body that is not a GraphQL request at all is a 400.
 */
export function answerGraphql(body: unknown, context: OpenctiContext): GraphqlAnswer {
  if (!isRecord(body) || typeof body.query !== 'string' || body.query.trim() === '') {
    return {
      status: 400,
      body: {
        errors: [
          {
            message: 'GraphQL operations must contain a non-empty `query`.',
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      },
      rootFields: [],
    };
  }
  try {
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;
    const operation = selectOperation(parseDocument(body.query), operationName);
    validateOperation(OPENCTI_SCHEMA, operation);
    const variables: Record<string, JsonValue> = coerceVariables(operation, body.variables);
    const result = executeOperation(OPENCTI_SCHEMA, OPENCTI_RESOLVERS, operation, variables, context);
    return { status: 200, body: result, rootFields: operation.selections.map((f) => f.name) };
  } catch (e) {
    if (!(e instanceof GraphqlRequestError)) throw e;
    return { status: 200, body: { errors: [e.toEntry()] }, rootFields: [] };
  }
}
