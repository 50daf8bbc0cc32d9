import { OpenctiProtocolError } from './opencti-errors.js';
import type { OpenctiCall, OpenctiGroup, OpenctiUser } from './opencti-types.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function malformed(call: OpenctiCall, what: string): OpenctiProtocolError {
  return new OpenctiProtocolError(call, 200, `unexpected answer: ${what}`);
}

function stringField(call: OpenctiCall, node: Record<string, unknown>, key: string, what: string): string {
  const value = node[key];
  // Name the field, never its value: it may be an api_token.
  if (typeof value !== 'string') throw malformed(call, `${what}.${key} is not a string`);
  return value;
}

/** A `User` node selected with `id name user_email account_status api_token`. */
export function decodeUser(call: OpenctiCall, node: unknown): OpenctiUser {
  if (!isRecord(node)) throw malformed(call, 'user is not an object');
  return Object.freeze({
    id: stringField(call, node, 'id', 'user'),
    name: stringField(call, node, 'name', 'user'),
    user_email: stringField(call, node, 'user_email', 'user'),
    account_status: stringField(call, node, 'account_status', 'user'),
    api_token: stringField(call, node, 'api_token', 'user'),
  });
}

/** A `Group` node selected with `id name`. */
export function decodeGroup(call: OpenctiCall, node: unknown): OpenctiGroup {
  if (!isRecord(node)) throw malformed(call, 'group is not an object');
  return Object.freeze({
    id: stringField(call, node, 'id', 'group'),
    name: stringField(call, node, 'name', 'group'),
  });
}

/** The nodes of `data[field].edges[].node`. */
export function connectionNodes(call: OpenctiCall, data: Record<string, unknown>, field: string): unknown[] {
  const conn = data[field];
  if (!isRecord(conn) || !Array.isArray(conn.edges)) throw malformed(call, `${field}.edges is missing`);
  return conn.edges.map((edge) => {
    if (!isRecord(edge)) throw malformed(call, `${field}.edges[] is not an object`);
    return edge.node;
  });
}
