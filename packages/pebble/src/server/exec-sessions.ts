import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { parseDuration } from '../duration.js';
import type { ChangeStore } from './change-store.js';
import type { ExecHandler, ExecRequest, ExecResult } from './exec-types.js';
import { badRequest } from './http-io.js';

const END = JSON.stringify({ command: 'end' });
/** How long Pebble waits for the client to connect the websockets. */
const CONNECT_TIMEOUT_MS = 5000;

type SocketName = 'control' | 'stdio' | 'stderr';

interface Session {
  changeId: string;
  taskId: string;
  request: Omit<ExecRequest, 'stdin' | 'signal'>;
  splitStderr: boolean;
  timeoutMs: number | null;
  sockets: Partial<Record<SocketName, WebSocket>>;
  stdin: Buffer[];
  /** The client sent its stdin end frame. */
  stdinDone: boolean;
  started: boolean;
  finished: boolean;
  abort: AbortController;
  connectTimer: NodeJS.Timeout;
  /** Signals received on the control websocket. */
  signals: string[];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

const unsupported: ExecHandler = (req) => ({
  exitCode: 127,
  stderr: `exec is not supported by this Pebble server (no execHandler configured): ${req.command[0] ?? ''}\n`,
});

/** Exec sessions: `POST /v1/exec` plus the control/stdio/stderr websockets of each task. */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    private readonly changes: ChangeStore,
    private readonly handler: ExecHandler = unsupported,
  ) {}

  /** Start an exec from the request body; returns the change and task ids. */
  create(body: Record<string, unknown>): { changeId: string; taskId: string } {
    const command = body.command;
    if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
      throw badRequest('must specify command');
    }
    let timeoutMs: number | null = null;
    if (str(body.timeout)) {
      try {
        timeoutMs = parseDuration(body.timeout as string) * 1000;
      } catch (e) {
        throw badRequest(`invalid timeout: ${(e as Error).message}`);
      }
    }
    const environment: Record<string, string> = {};
    if (body.environment && typeof body.environment === 'object') {
      for (const [k, v] of Object.entries(body.environment)) environment[k] = String(v);
    }
    const request: Session['request'] = { command: command as string[], environment };
    const optional = {
      workingDir: str(body['working-dir']),
      user: str(body.user),
      userId: int(body['user-id']),
      group: str(body.group),
      groupId: int(body['group-id']),
      serviceContext: str(body['service-context']),
    };
    for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(request, { [k]: v });
    const summary = `Execute command ${JSON.stringify(command[0])}`;
    const change = this.changes.create('exec', summary, [{ kind: 'exec', summary }]);
    const taskId = change.tasks[0]?.id ?? '';
    const session: Session = {
      changeId: change.id,
      taskId,
      request,
      splitStderr: body['split-stderr'] === true,
      timeoutMs,
      sockets: {},
      stdin: [],
      stdinDone: false,
      started: false,
      finished: false,
      abort: new AbortController(),
      connectTimer: setTimeout(
        () => this.fail(session, 'timed out waiting for websockets to connect'),
        CONNECT_TIMEOUT_MS,
      ),
      signals: [],
    };
    this.sessions.set(taskId, session);
    this.changes.onAbort(change.id, () => {
      session.abort.abort();
      this.closeSockets(session);
      session.finished = true;
      clearTimeout(session.connectTimer);
    });
    return { changeId: change.id, taskId };
  }

  /** Handle an HTTP upgrade; returns false when the URL is not an exec websocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const match = /^\/v1\/tasks\/([^/]+)\/websocket\/(control|stdio|stderr)$/.exec(
      (req.url ?? '').split('?')[0] ?? '',
    );
    if (!match) return false;
    const session = this.sessions.get(match[1] ?? '');
    const name = match[2] as SocketName;
    if (
      !session ||
      session.finished ||
      session.sockets[name] ||
      (name === 'stderr' && !session.splitStderr)
    ) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(session, name, ws));
    return true;
  }

  private attach(session: Session, name: SocketName, ws: WebSocket): void {
    session.sockets[name] = ws;
    ws.on('error', () => {});
    if (name === 'stdio') {
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        if (isBinary) session.stdin.push(Buffer.from(data));
        else if (isEnd(data)) {
          session.stdinDone = true;
          this.maybeRun(session);
        }
      });
    }
    if (name === 'control') {
      ws.on('message', (data: Buffer) => {
        const msg = parse(data) as { command?: string; signal?: { name?: string } } | undefined;
        if (msg?.command === 'signal' && msg.signal?.name) session.signals.push(msg.signal.name);
      });
    }
    if (this.connected(session)) clearTimeout(session.connectTimer);
    this.maybeRun(session);
  }

  private connected(session: Session): boolean {
    const { control, stdio, stderr } = session.sockets;
    return Boolean(control && stdio && (!session.splitStderr || stderr));
  }

  // The command "runs" once all websockets are connected and stdin is complete.
  private maybeRun(session: Session): void {
    if (session.stdinDone && this.connected(session)) void this.run(session);
  }

  private async run(session: Session): Promise<void> {
    if (session.started || session.finished) return;
    session.started = true;
    const input: ExecRequest = {
      ...session.request,
      stdin: Buffer.concat(session.stdin),
      signal: session.abort.signal,
    };
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      if (session.timeoutMs !== null) timer = setTimeout(() => resolve('timeout'), session.timeoutMs);
    });
    let result: ExecResult | 'timeout';
    try {
      result = await Promise.race([Promise.resolve().then(() => this.handler(input)), timedOut]);
    } catch (e) {
      result = { exitCode: 1, stderr: `exec handler failed: ${(e as Error).message}\n` };
    } finally {
      clearTimeout(timer);
    }
    if (session.finished) return;
    if (result === 'timeout') {
      session.abort.abort();
      const seconds = (session.timeoutMs ?? 0) / 1000;
      this.fail(session, `timed out after ${seconds}s: context deadline exceeded`);
      return;
    }
    await this.sendOutput(session, result);
    session.finished = true;
    this.closeSockets(session);
    this.changes.finishTask(session.changeId, session.taskId, { data: { 'exit-code': result.exitCode } });
  }

  private async sendOutput(session: Session, result: ExecResult): Promise<void> {
    const { stdio, stderr } = session.sockets;
    const out = toBuffer(result.stdout);
    const err = toBuffer(result.stderr);
    // Without split-stderr, stderr goes down the stdio socket like a combined pty.
    const errSocket = session.splitStderr ? stderr : stdio;
    await send(stdio, out);
    await send(errSocket, err);
    await send(stdio, END);
    if (session.splitStderr) await send(stderr, END);
  }

  private fail(session: Session, message: string): void {
    if (session.finished) return;
    session.finished = true;
    clearTimeout(session.connectTimer);
    this.closeSockets(session);
    this.changes.finishTask(session.changeId, session.taskId, { error: message });
  }

  private closeSockets(session: Session): void {
    for (const ws of Object.values(session.sockets)) ws?.close();
  }

  /** Signals clients sent on control websockets, in order. */
  signals(): { taskId: string; command: string[]; signal: string }[] {
    return [...this.sessions.values()].flatMap((s) =>
      s.signals.map((signal) => ({ taskId: s.taskId, command: [...s.request.command], signal })),
    );
  }

  /** Stop all timers and sockets. */
  close(): void {
    for (const session of this.sessions.values()) {
      clearTimeout(session.connectTimer);
      session.abort.abort();
      for (const ws of Object.values(session.sockets)) ws?.terminate();
    }
    this.wss.close();
  }
}

function toBuffer(value: string | Buffer | undefined): Buffer {
  if (value === undefined) return Buffer.alloc(0);
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

function send(ws: WebSocket | undefined, data: Buffer | string): Promise<void> {
  if (!ws || ws.readyState !== ws.OPEN || (typeof data !== 'string' && data.length === 0))
    return Promise.resolve();
  return new Promise((resolve) => ws.send(data, { binary: typeof data !== 'string' }, () => resolve()));
}

function parse(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return undefined;
  }
}

function isEnd(data: Buffer): boolean {
  return (parse(data) as { command?: unknown } | undefined)?.command === 'end';
}
