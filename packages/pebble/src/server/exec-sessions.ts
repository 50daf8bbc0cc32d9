import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Service } from '../layer-types.js';
import type { ChangeStore } from './change-store.js';
import type { ExecHandler, ExecLookup, ExecRequest, ExecResult } from './exec-types.js';
import { type ExecSpec, validateExec } from './exec-validate.js';
import { goDurationString } from './go-duration.js';

const END = JSON.stringify({ command: 'end' });
/** cmdstate/handlers.go connectTimeout: how long Pebble waits for the I/O websockets. */
const CONNECT_TIMEOUT_MS = 5000;

type SocketName = 'control' | 'stdio' | 'stderr';

interface Session {
  changeId: string;
  taskId: string;
  spec: ExecSpec;
  sockets: Partial<Record<SocketName, WebSocket>>;
  stdin: Buffer[];
  stdinDone: boolean;
  stdinListeners: ((chunk: Buffer | null) => void)[];
  signalListeners: ((name: string) => void)[];
  /** Writes to the client, chained so output keeps its order. */
  output: Promise<void>;
  started: boolean;
  finished: boolean;
  abort: AbortController;
  connectTimer: NodeJS.Timeout;
  /** Signals received on the control websocket. */
  signals: string[];
}

const unsupported: ExecHandler = (req) => ({
  exitCode: 127,
  stderr: `exec is not supported by this Pebble server (no execHandler configured): ${req.command[0] ?? ''}\n`,
});

const everyExecutable: ExecLookup = () => true;

/**
 * Exec sessions: `POST /v1/exec` plus the control/stdio/stderr websockets of each task. As in
 * cmdstate's doExec, the command starts once the I/O websockets (stdio, and stderr when split) are
 * connected, not when stdin ends: the client's stdin end frame only closes the command's stdin.
 */
export class ExecSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly wss = new WebSocketServer({ noServer: true });

  constructor(
    private readonly changes: ChangeStore,
    private readonly filesRoot: string,
    private readonly handler: ExecHandler = unsupported,
    private readonly lookup: ExecLookup = everyExecutable,
    /** The plan's services, for `service-context`. */
    private readonly services: () => Readonly<Record<string, Service>> = () => ({}),
  ) {}

  /** Validate and create an exec from the request body; returns the change id and Pebble's result. */
  create(body: Record<string, unknown>): { changeId: string; result: Record<string, unknown> } {
    const spec = validateExec(body, this.filesRoot, this.lookup, this.services());
    const summary = `Execute command ${JSON.stringify(spec.request.command[0])}`;
    const change = this.changes.create('exec', summary, [{ kind: 'exec', summary }]);
    const taskId = change.tasks[0]?.id ?? '';
    const session: Session = {
      changeId: change.id,
      taskId,
      spec,
      sockets: {},
      stdin: [],
      stdinDone: false,
      stdinListeners: [],
      signalListeners: [],
      output: Promise.resolve(),
      started: false,
      finished: false,
      abort: new AbortController(),
      connectTimer: setTimeout(
        () =>
          this.fail(
            session,
            `exec ${taskId}: timeout waiting for websocket connections: context deadline exceeded`,
          ),
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
      return false;
    });
    const result = {
      environment: spec.request.environment,
      'task-id': taskId,
      'working-dir': spec.workingDir,
    };
    return { changeId: change.id, result };
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
      (name === 'stderr' && !session.spec.splitStderr)
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
        if (session.stdinDone) return;
        if (isBinary) {
          const chunk = Buffer.from(data);
          session.stdin.push(chunk);
          for (const listener of session.stdinListeners) listener(chunk);
        } else if (isEnd(data)) {
          session.stdinDone = true;
          for (const listener of session.stdinListeners) listener(null);
        }
      });
    }
    if (name === 'control') {
      ws.on('message', (data: Buffer) => {
        const msg = parse(data) as { command?: string; signal?: { name?: string } } | undefined;
        if (msg?.command !== 'signal' || !msg.signal?.name) return;
        session.signals.push(msg.signal.name);
        for (const listener of session.signalListeners) listener(msg.signal.name);
      });
    }
    const { stdio, stderr } = session.sockets;
    if (stdio && (!session.spec.splitStderr || stderr)) {
      clearTimeout(session.connectTimer);
      void this.run(session);
    }
  }

  private readStdin(session: Session): Promise<Buffer> {
    if (session.stdinDone) return Promise.resolve(Buffer.concat(session.stdin));
    return new Promise((resolve) => {
      session.stdinListeners.push((chunk) => {
        if (chunk === null) resolve(Buffer.concat(session.stdin));
      });
    });
  }

  private write(session: Session, stream: 'stdout' | 'stderr', data: string | Buffer): void {
    if (session.finished) return;
    const { stdio, stderr } = session.sockets;
    // Without split-stderr, stderr goes down the stdio socket like a combined pty.
    const ws = stream === 'stderr' && session.spec.splitStderr ? stderr : stdio;
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    session.output = session.output.then(() => send(ws, bytes));
  }

  private async run(session: Session): Promise<void> {
    if (session.started || session.finished) return;
    session.started = true;
    const input: ExecRequest = {
      ...structuredClone(session.spec.request),
      readStdin: () => this.readStdin(session),
      onStdin: (listener) => {
        for (const chunk of session.stdin) listener(chunk);
        if (session.stdinDone) listener(null);
        else session.stdinListeners.push(listener);
      },
      write: (stream, data) => this.write(session, stream, data),
      onSignal: (listener) => void session.signalListeners.push(listener),
      signal: session.abort.signal,
    };
    let timer: NodeJS.Timeout | undefined;
    const { timeoutNs } = session.spec;
    const timedOut = new Promise<'timeout'>((resolve) => {
      if (timeoutNs !== null) timer = setTimeout(() => resolve('timeout'), Number(timeoutNs / 1_000_000n));
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
      // cmdstate/handlers.go (*execution).do: exit code -1 and the duration as Go prints it.
      session.abort.abort();
      await session.output;
      this.fail(session, `timed out after ${goDurationString(timeoutNs ?? 0n)}: context deadline exceeded`, {
        'exit-code': -1,
      });
      return;
    }
    if (result.stdout !== undefined) this.write(session, 'stdout', result.stdout);
    if (result.stderr !== undefined) this.write(session, 'stderr', result.stderr);
    await session.output;
    const { stdio, stderr } = session.sockets;
    await send(stdio, END);
    if (session.spec.splitStderr) await send(stderr, END);
    session.finished = true;
    this.closeSockets(session);
    this.changes.finishTask(session.changeId, session.taskId, { data: { 'exit-code': result.exitCode } });
  }

  private fail(session: Session, message: string, data?: Record<string, unknown>): void {
    if (session.finished) return;
    session.finished = true;
    clearTimeout(session.connectTimer);
    this.closeSockets(session);
    this.changes.finishTask(session.changeId, session.taskId, { error: message, ...(data ? { data } : {}) });
  }

  private closeSockets(session: Session): void {
    for (const ws of Object.values(session.sockets)) ws?.close();
  }

  /** Signals clients sent on control websockets, in order. */
  signals(): { taskId: string; command: string[]; signal: string }[] {
    return [...this.sessions.values()].flatMap((s) =>
      s.signals.map((signal) => ({ taskId: s.taskId, command: [...s.spec.request.command], signal })),
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
