import type { OpenctiCall } from './opencti-types.js';

/** Base class of every error of the OpenCTI client; the message names the call, never a token. */
export class OpenctiError extends Error {
  override name = 'OpenctiError';

  constructor(
    /** The client call that failed, e.g. `listUsers`. */
    readonly call: OpenctiCall,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`OpenCTI ${call} failed: ${detail}`, options);
  }
}

/** No HTTP answer: connection refused, DNS failure, reset, or no answer within the timeout. */
export class OpenctiUnreachableError extends OpenctiError {
  override name = 'OpenctiUnreachableError';

  constructor(
    call: OpenctiCall,
    /** The GraphQL endpoint that was tried. */
    readonly endpoint: string,
    /** True when the request was abandoned after the client's timeout. */
    readonly timedOut: boolean,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(call, detail, options);
  }
}

/** OpenCTI answered, but with an error: an HTTP error status, or GraphQL `errors`. */
export class OpenctiApiError extends OpenctiError {
  override name = 'OpenctiApiError';

  constructor(
    call: OpenctiCall,
    /** The HTTP status of the answer (OpenCTI reports GraphQL errors with 200). */
    readonly status: number,
    detail: string,
  ) {
    super(call, detail);
  }
}

/** One entry of a GraphQL `errors` array, as the client keeps it (secrets removed). */
export interface GraphqlErrorInfo {
  message: string;
  /** `extensions.code`, e.g. `AUTH_REQUIRED`, `FUNCTIONAL_ERROR`. */
  code: string | undefined;
}

/** The answer carried GraphQL `errors`; the message is the first error's, with its code. */
export class OpenctiGraphqlError extends OpenctiApiError {
  override name = 'OpenctiGraphqlError';

  constructor(
    call: OpenctiCall,
    status: number,
    /** All the errors of the answer. */
    readonly errors: readonly GraphqlErrorInfo[],
  ) {
    const first = errors[0];
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super(
      call,
      status,
      `${first?.message ?? 'unknown error'}${first?.code ? ` (${first.code})` : ''}${more}`,
    );
  }

  /** The first error's code. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
}

/** OpenCTI refused the token (`AUTH_REQUIRED`, `AUTH_FAILURE`) or its rights (`FORBIDDEN_ACCESS`). */
export class OpenctiAuthError extends OpenctiGraphqlError {
  override name = 'OpenctiAuthError';
}

/** The answer was not what the GraphQL API sends (not JSON, or without the expected data). */
export class OpenctiProtocolError extends OpenctiApiError {
  override name = 'OpenctiProtocolError';
}
