import type { IncomingMessage, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';

/** An error a route handler throws to answer with a Pebble error envelope. */
export class HttpError extends Error {
  constructor(
    /** HTTP status code. */
    readonly status: number,
    message: string,
    /** Pebble's error kind, e.g. `not-found`. */
    readonly kind?: string,
  ) {
    super(message);
  }
}

/** Shorthand for a 400 Bad Request. */
export function badRequest(message: string): HttpError {
  return new HttpError(400, message);
}

/** Shorthand for a 404 Not Found. */
export function notFound(message: string, kind?: string): HttpError {
  return new HttpError(404, message, kind);
}

/** Read the whole request body. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Parse a JSON request body into an object; 400 on anything else. `what` is the phrase the endpoint's
 * Go handler uses (`request body`, or `data from request body` in api_services/api_checks/api_changes).
 */
export function parseJsonBody(body: Buffer, what = 'request body'): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch (e) {
    // Go's decoder reports an empty body as EOF.
    const why = body.length === 0 ? 'EOF' : (e as Error).message;
    throw badRequest(`cannot decode ${what}: ${why}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw badRequest(
      `cannot decode ${what}: json: cannot unmarshal ${Array.isArray(parsed) ? 'array' : typeof parsed} into Go value`,
    );
  }
  return parsed as Record<string, unknown>;
}

/** Write a JSON envelope with the given status. */
export function sendEnvelope(res: ServerResponse, status: number, envelope: Record<string, unknown>): void {
  const body = JSON.stringify(envelope);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Answer a synchronous result (200). */
export function sendSync(res: ServerResponse, result: unknown): void {
  sendEnvelope(res, 200, { type: 'sync', 'status-code': 200, status: 'OK', result });
}

/** Answer with a change id (202 Accepted), as Pebble does for long-running actions. */
export function sendAsync(res: ServerResponse, changeId: string, result: unknown = null): void {
  sendEnvelope(res, 202, { type: 'async', 'status-code': 202, status: 'Accepted', change: changeId, result });
}

/** Answer with a Pebble error envelope. */
export function sendError(res: ServerResponse, status: number, message: string, kind?: string): void {
  const result: Record<string, unknown> = { message };
  if (kind) result.kind = kind;
  sendEnvelope(res, status, {
    type: 'error',
    'status-code': status,
    status: STATUS_CODES[status] ?? '',
    result,
  });
}
