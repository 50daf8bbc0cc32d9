import {
  type GraphqlErrorInfo,
  OpenctiApiError,
  OpenctiAuthError,
  OpenctiGraphqlError,
  OpenctiProtocolError,
  OpenctiUnreachableError,
} from './opencti-errors.js';
import type { OpenctiCall } from './opencti-types.js';

/** One GraphQL POST: where, as whom, and how long to wait. */
export interface GraphqlRequest {
  call: OpenctiCall;
  endpoint: string;
  token: string;
  query: string;
  variables: Record<string, unknown>;
  timeoutMs: number;
  /** Values that must not appear in any error message (token, password): replaced by `***`. */
  secrets: readonly string[];
  fetch: typeof fetch;
}

// Error codes OpenCTI uses when the token is missing, wrong, or lacks the capability
// (OpenCTI-Platform/opencti opencti-graphql/src/config/errors.ts).
const AUTH_CODES = new Set(['AUTH_REQUIRED', 'AUTH_FAILURE', 'FORBIDDEN_ACCESS']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Server text can echo request values (GraphQL's variable-coercion errors quote them), so every message
// that comes from the server passes through here.
function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('***');
  return out;
}

function graphqlErrors(body: unknown, secrets: readonly string[]): GraphqlErrorInfo[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.map((entry): GraphqlErrorInfo => {
    const message = isRecord(entry) && typeof entry.message === 'string' ? entry.message : 'unknown error';
    const extensions = isRecord(entry) && isRecord(entry.extensions) ? entry.extensions : {};
    const code = typeof extensions.code === 'string' ? extensions.code : undefined;
    return { message: redact(message, secrets), code };
  });
}

// fetch() rejects with TypeError('fetch failed') whose `cause` says what happened; with several
// addresses for a host name (e.g. localhost) the cause is an AggregateError of one error per address.
function describeNetworkError(error: unknown): string {
  const cause = isRecord(error) && 'cause' in error ? (error as { cause?: unknown }).cause : undefined;
  const parts = cause instanceof AggregateError ? cause.errors : [cause ?? error];
  const texts = parts.map((part) => {
    if (part instanceof Error) return part.message || (part as NodeJS.ErrnoException).code || part.name;
    return String(part);
  });
  return [...new Set(texts)].join('; ');
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function unreachable(req: GraphqlRequest, error: unknown): OpenctiUnreachableError {
  const timedOut = isTimeout(error);
  const detail = timedOut
    ? `no answer from ${req.endpoint} within ${req.timeoutMs} ms`
    : `cannot reach ${req.endpoint}: ${redact(describeNetworkError(error), req.secrets)}`;
  return new OpenctiUnreachableError(req.call, req.endpoint, timedOut, detail, { cause: error });
}

/**
 * POST `{query, variables}` with the bearer token and return the answer's `data`. Throws
 * OpenctiUnreachableError (no answer, timeout), OpenctiApiError (HTTP error status), OpenctiAuthError /
 * OpenctiGraphqlError (GraphQL `errors`), OpenctiProtocolError (not a GraphQL answer).
 */
export async function postGraphql(req: GraphqlRequest): Promise<Record<string, unknown>> {
  let response: Response;
  let text: string;
  try {
    // One timeout covers connecting, the headers and the body.
    response = await req.fetch(req.endpoint, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        authorization: `Bearer ${req.token}`,
      },
      body: JSON.stringify({ query: req.query, variables: req.variables }),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    text = await response.text();
  } catch (e) {
    throw unreachable(req, e);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const errors = graphqlErrors(body, req.secrets);
  if (!response.ok) {
    const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    const detail = errors[0] ? `${status}: ${errors[0].message}` : status;
    throw new OpenctiApiError(req.call, response.status, detail);
  }
  if (errors.length > 0) {
    const ErrorClass = errors.some((e) => e.code && AUTH_CODES.has(e.code))
      ? OpenctiAuthError
      : OpenctiGraphqlError;
    throw new ErrorClass(req.call, response.status, errors);
  }
  if (!isRecord(body) || !isRecord(body.data)) {
    throw new OpenctiProtocolError(
      req.call,
      response.status,
      `HTTP ${response.status} answer without GraphQL data`,
    );
  }
  return body.data;
}
