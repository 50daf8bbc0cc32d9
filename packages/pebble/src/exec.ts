import type WebSocket from 'ws';
import type { Change } from './api-types.js';
import { expectObject } from './decode.js';
import { formatTimeout } from './duration.js';
import { ChangeError, ConnectionError } from './errors.js';
import { type ExecContext, ExecProcess, type ExecSockets } from './exec-process.js';
import type { JsonRequest, PebbleResponse } from './json-request.js';
import { holdEarly } from './ws-early.js';

/** Options of `exec`. */
export interface ExecOptions {
  /** Extra environment variables for the command. */
  environment?: Record<string, string>;
  /** Working directory (Pebble defaults to the user's home). */
  workingDir?: string;
  /** Seconds after which Pebble kills the command. */
  timeout?: number;
  userId?: number;
  user?: string;
  groupId?: number;
  group?: string;
  /** Run with the environment, user and working dir of this service. */
  serviceContext?: string;
  /** Input sent to the command up front; without it, write to `process.stdin` instead. */
  stdin?: string | Buffer;
  /** Send stderr into stdout (then `process.stderr` is null). */
  combineStderr?: boolean;
  /** Decode output with this encoding (default utf-8); null returns Buffers. */
  encoding?: BufferEncoding | null;
}

/** What exec needs from a client. */
export interface ExecTransport {
  readonly socketPath: string;
  request(req: Omit<JsonRequest, 'timeout'>): Promise<PebbleResponse>;
  waitChange(id: string, opts: { timeout: number | null }): Promise<Change>;
}

async function openSocket(socketPath: string, taskId: string, name: string): Promise<WebSocket> {
  // Loaded on the first exec only: `ws` (and the zlib it needs) would cost every hook its start-up.
  const { default: WebSocketClient } = await import('ws');
  // `ws` understands ws+unix://<socket>:<path>, so websockets share Pebble's unix socket.
  const ws = new WebSocketClient(`ws+unix://${socketPath}:/v1/tasks/${taskId}/websocket/${name}`);
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      // Listen at once: the command may already be writing (it starts when stdio connects).
      holdEarly(ws);
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

/** Start `command` in the container and connect its websockets. */
export async function startExec<T extends string | Buffer>(
  t: ExecTransport,
  command: readonly string[],
  opts: ExecOptions,
): Promise<ExecProcess<T>> {
  if (command.length < 1) throw new TypeError('command must contain at least one item');
  const encoding = opts.encoding === undefined ? 'utf8' : opts.encoding;
  if (typeof opts.stdin === 'string' && encoding === null)
    throw new TypeError('encoding must be set if stdin is str');
  const combine = opts.combineStderr ?? false;
  const resp = await t.request({
    method: 'POST',
    path: '/v1/exec',
    body: {
      command,
      'service-context': opts.serviceContext,
      environment: opts.environment ?? {},
      'working-dir': opts.workingDir,
      timeout: opts.timeout === undefined ? undefined : formatTimeout(opts.timeout),
      'user-id': opts.userId,
      user: opts.user,
      'group-id': opts.groupId,
      group: opts.group,
      'split-stderr': !combine,
    },
  });
  const changeId = String(resp.change ?? '');
  const taskId = String(expectObject(resp.result, 'POST /v1/exec')['task-id'] ?? '');
  const opened: WebSocket[] = [];
  const open = async (name: string): Promise<WebSocket> => {
    const ws = await openSocket(t.socketPath, taskId, name);
    opened.push(ws);
    return ws;
  };
  let sockets: ExecSockets;
  try {
    const control = await open('control');
    const stdio = await open('stdio');
    const stderr = combine ? null : await open('stderr');
    sockets = { control, stdio, stderr };
  } catch (e) {
    for (const ws of opened) ws.terminate();
    // The exec probably finished early with an error; the change says why.
    const change = await t.waitChange(changeId, { timeout: 5 });
    if (change.err) throw new ChangeError(change.err, change);
    throw new ConnectionError(`unexpected error connecting to exec websockets: ${(e as Error).message}`);
  }
  let stdin: Buffer | null = null;
  if (opts.stdin !== undefined) {
    stdin = typeof opts.stdin === 'string' ? Buffer.from(opts.stdin, encoding ?? 'utf8') : opts.stdin;
  }
  const ctx: ExecContext = {
    command: [...command],
    changeId,
    timeout: opts.timeout ?? null,
    encoding,
    stdin,
    waitChange: (id, timeout) => t.waitChange(id, { timeout }),
  };
  return new ExecProcess<T>(sockets, ctx);
}
