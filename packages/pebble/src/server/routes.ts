import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './http-io.js';
import type { ServerState } from './server-state.js';

/** What a route handler receives. */
export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Regex groups from the route pattern (e.g. a change id). */
  params: string[];
  state: ServerState;
}

/** One endpoint: method, path pattern and handler. */
export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: (ctx: RouteContext) => Promise<void> | void;
}

/** Query values as a list: repeated keys and comma-separated values both count. */
export function queryList(url: URL, key: string): string[] {
  return url.searchParams
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** A string list from a JSON body field (400 when it is not one). */
export function bodyList(body: Record<string, unknown>, key: string): string[] {
  const value = body[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw badRequest(`${key} must be a list of strings`);
  }
  return value;
}
