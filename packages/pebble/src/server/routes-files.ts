import type { ServerResponse } from 'node:http';
import { parseHeaderValue } from '../content-type.js';
import { encodeMultipart, parseMultipart } from '../multipart.js';
import type { FileSpec, PathResult } from './files-api.js';
import { badRequest, parseJsonBody, readBody, sendSync } from './http-io.js';
import type { Route, RouteContext } from './routes.js';

function specs(value: unknown, key: string): FileSpec[] {
  if (
    !Array.isArray(value) ||
    !value.every((v) => v && typeof v === 'object' && typeof v.path === 'string')
  ) {
    throw badRequest(`${key} must be a list of objects with a path`);
  }
  return value as FileSpec[];
}

function sendRead(res: ServerResponse, path: string, result: PathResult, data: Buffer | undefined): void {
  const envelope = { type: 'sync', 'status-code': 200, status: 'OK', result: [result] };
  const parts = [];
  if (data !== undefined)
    parts.push({ name: 'files', filename: path, contentType: 'application/octet-stream', data });
  parts.push({
    name: 'response',
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(envelope)),
  });
  const { body, contentType } = encodeMultipart(parts);
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length });
  res.end(body);
}

async function handleGet({ res, url, state }: RouteContext): Promise<void> {
  const action = url.searchParams.get('action');
  const path = url.searchParams.get('path') ?? '';
  if (action === 'read') {
    const { result, data } = await state.files.read(path);
    sendRead(res, path, result, data);
  } else if (action === 'list') {
    const pattern = url.searchParams.get('pattern') || undefined;
    sendSync(res, await state.files.list(path, pattern, url.searchParams.get('itself') === 'true'));
  } else {
    throw badRequest(`invalid action ${JSON.stringify(action)}`);
  }
}

async function handleWrite({ req, res, state }: RouteContext, boundary: string): Promise<void> {
  let parts: ReturnType<typeof parseMultipart>;
  try {
    parts = parseMultipart(await readBody(req), boundary);
  } catch (e) {
    throw badRequest(`cannot parse multipart body: ${(e as Error).message}`);
  }
  const requestPart = parts.find((p) => p.name === 'request');
  if (!requestPart) throw badRequest('must specify "request" field in multipart body');
  const meta = parseJsonBody(requestPart.data);
  if (meta.action !== 'write')
    throw badRequest(`multipart action must be "write", got ${JSON.stringify(meta.action ?? '')}`);
  const results: PathResult[] = [];
  for (const spec of specs(meta.files, 'files')) {
    const content = parts.find((p) => p.name === 'files' && p.filename === spec.path);
    if (!content) {
      results.push({
        path: spec.path,
        error: {
          kind: 'generic-file-error',
          message: `no file content for path ${JSON.stringify(spec.path)}`,
        },
      });
      continue;
    }
    results.push(await state.files.write(spec, content.data));
  }
  sendSync(res, results);
}

async function handlePost(ctx: RouteContext): Promise<void> {
  const { value, params } = parseHeaderValue(ctx.req.headers['content-type']);
  if (value === 'multipart/form-data') return handleWrite(ctx, params.boundary ?? '');
  const body = parseJsonBody(await readBody(ctx.req));
  const results: PathResult[] = [];
  if (body.action === 'make-dirs') {
    for (const spec of specs(body.dirs, 'dirs')) results.push(await ctx.state.files.makeDir(spec));
  } else if (body.action === 'remove') {
    for (const spec of specs(body.paths, 'paths')) results.push(await ctx.state.files.remove(spec));
  } else {
    throw badRequest(`invalid action ${JSON.stringify(body.action)}`);
  }
  sendSync(ctx.res, results);
}

/** `GET /v1/files` (read, list) and `POST /v1/files` (write, make-dirs, remove). */
export const fileRoutes: Route[] = [
  { method: 'GET', pattern: /^\/v1\/files$/, handle: handleGet },
  { method: 'POST', pattern: /^\/v1\/files$/, handle: handlePost },
];
