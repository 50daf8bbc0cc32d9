import type { SourceLocation } from './ast.js';

/** One entry of a GraphQL response's `errors` array. */
export interface GraphqlErrorEntry {
  message: string;
  locations?: SourceLocation[];
  path?: Array<string | number>;
  extensions: { code: string; data?: Record<string, unknown> };
}

/** The whole request is refused before execution (syntax, validation, variables): no `data` is returned. */
export class GraphqlRequestError extends Error {
  override name = 'GraphqlRequestError';

  constructor(
    message: string,
    /** Apollo's error code, e.g. `GRAPHQL_PARSE_FAILED`, `GRAPHQL_VALIDATION_FAILED`, `BAD_USER_INPUT`. */
    readonly code: string,
    readonly locations: SourceLocation[] = [],
  ) {
    super(message);
  }

  /** The `errors` entry for this failure. */
  toEntry(): GraphqlErrorEntry {
    return {
      message: this.message,
      ...(this.locations.length > 0 ? { locations: this.locations } : {}),
      extensions: { code: this.code },
    };
  }
}

/**
 * A resolver failed: the field becomes null and the error is reported with its path, as OpenCTI's
 * `error(type, message, data)` helper does: `extensions.code` + `extensions.data`
 * (OpenCTI-Platform/opencti opencti-platform/opencti-graphql/src/config/errors.ts).
 */
export class GraphqlFieldError extends Error {
  override name = 'GraphqlFieldError';

  constructor(
    message: string,
    /** OpenCTI's error type, e.g. `AUTH_REQUIRED`, `FUNCTIONAL_ERROR`. */
    readonly code: string,
    readonly data: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** OpenCTI's answer to a request without a valid token (`AuthRequired` in its `config/errors.ts`). */
export function authRequired(): GraphqlFieldError {
  return new GraphqlFieldError('You must be logged in to do this.', 'AUTH_REQUIRED', {
    http_status: 401,
    genre: 'TECHNICAL',
  });
}

/** OpenCTI's answer when the caller lacks the capability (`ForbiddenAccess`). */
export function forbiddenAccess(): GraphqlFieldError {
  return new GraphqlFieldError('You are not allowed to do this.', 'FORBIDDEN_ACCESS', {
    http_status: 403,
    genre: 'TECHNICAL',
  });
}

/** OpenCTI's business validation failure (`FunctionalError`). */
export function functionalError(reason: string, data: Record<string, unknown> = {}): GraphqlFieldError {
  return new GraphqlFieldError(reason, 'FUNCTIONAL_ERROR', { http_status: 400, genre: 'BUSINESS', ...data });
}
