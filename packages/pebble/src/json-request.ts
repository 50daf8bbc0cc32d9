import type { IncomingHttpHeaders } from 'node:http';
import { parseHeaderValue } from './content-type.js';
import { APIError, ProtocolError } from './errors.js';
import { type Query, type RawResponse, rawRequest } from './transport.js';

/** The JSON envelope of every Pebble response. */
export interface PebbleResponse {
  type: string;
  'status-code'?: number;
  status?: string;
  result: unknown;
  /** Change id of an async response. */
  change?: string;
}

/** Options for one JSON request. */
export interface JsonRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Query;
  body?: unknown;
  timeout: number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Raise APIError for an HTTP error status, naming the endpoint. */
export function raiseForStatus(res: RawResponse, endpoint: string): void {
  if (res.status < 400) return;
  let body: Record<string, unknown> = {};
  let message: string;
  try {
    const parsed: unknown = JSON.parse(res.body.toString('utf8'));
    if (!isRecord(parsed) || !isRecord(parsed.result) || typeof parsed.result.message !== 'string') {
      throw new Error('no result.message in error body');
    }
    body = parsed;
    message = parsed.result.message;
  } catch (e) {
    // Same fallback as ops: say what went wrong decoding the error body.
    message = `${(e as Error).name} - ${(e as Error).message}`;
  }
  throw new APIError(body, res.status, res.statusText, message, endpoint);
}

/** Check the response Content-Type; returns its parameters (e.g. the multipart boundary). */
export function ensureContentType(
  headers: IncomingHttpHeaders,
  expected: string,
  endpoint: string,
): Record<string, string> {
  const { value, params } = parseHeaderValue(headers['content-type']);
  if (value !== expected) {
    throw new ProtocolError(`expected Content-Type '${expected}' from ${endpoint}, got '${value}'`);
  }
  return params;
}

/** Decode a JSON envelope from a raw response, raising APIError/ProtocolError naming the endpoint. */
export function decodeJson(res: RawResponse, endpoint: string): PebbleResponse {
  raiseForStatus(res, endpoint);
  ensureContentType(res.headers, 'application/json', endpoint);
  let parsed: unknown;
  try {
    parsed = JSON.parse(res.body.toString('utf8'));
  } catch (e) {
    throw new ProtocolError(`invalid JSON from Pebble for ${endpoint}: ${(e as Error).message}`);
  }
  if (!isRecord(parsed) || typeof parsed.type !== 'string') {
    throw new ProtocolError(`unexpected response from Pebble for ${endpoint}: not a Pebble envelope`);
  }
  return parsed as unknown as PebbleResponse;
}

/** Send a JSON request (with the right Accept/Content-Type headers) and decode the envelope. */
export async function requestJson(socketPath: string, req: JsonRequest): Promise<PebbleResponse> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: string | undefined;
  if (req.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(req.body);
  }
  const res = await rawRequest(socketPath, { ...req, headers, body });
  return decodeJson(res, `${req.method} ${req.path}`);
}
