import { createServer, type Server, type Socket } from 'node:net';

/** One hook-tool call as the client sent it. */
export interface ToolCall {
  contextId: string;
  cwd: string;
  tool: string;
  args: string[];
  stdin?: string;
}

/** What a tool call produced. */
export interface ToolReply {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * Answers a call for a context id; returns undefined for an unknown (or finished) context, and `hang`
 * to leave the call unanswered (an injected fault: the hook's timeout ends it).
 */
export type ToolHandler = (call: ToolCall) => ToolReply | 'hang' | undefined;

/**
 * Largest request a hook-tool call may send (argv plus stdin): 16 MiB, MongoDB's document limit, which
 * bounds what Juju can store in one relation bag or secret revision anyway.
 */
export const MAX_TOOL_REQUEST_BYTES = 16 * 1024 * 1024;

/** A malformed request: the wire format is not what the client sends. */
class FrameError extends Error {}

/** Parses a request from the bytes received so far; undefined when more bytes are needed. */
function parseRequest(buf: Buffer): ToolCall | undefined {
  const fields: string[] = [];
  let pos = 0;
  const next = (): string | undefined => {
    const end = buf.indexOf(0, pos);
    if (end < 0) return undefined;
    const s = buf.subarray(pos, end).toString('utf8');
    pos = end + 1;
    return s;
  };
  for (let i = 0; i < 5; i++) {
    const f = next();
    if (f === undefined) return undefined;
    fields.push(f);
  }
  const [magic, contextId, cwd, tool, argcText] = fields as [string, string, string, string, string];
  if (magic !== 'OPSTS1')
    throw new FrameError(`bad request: unknown protocol ${JSON.stringify(magic.slice(0, 20))}`);
  const argc = Number(argcText);
  if (!Number.isInteger(argc) || argc < 0) throw new FrameError('bad request: bad argument count');
  const args: string[] = [];
  for (let i = 0; i < argc; i++) {
    const a = next();
    if (a === undefined) return undefined;
    args.push(a);
  }
  const lenText = next();
  if (lenText === undefined) return undefined;
  const len = Number(lenText);
  if (buf.length - pos < len) return undefined;
  const stdin = len > 0 ? buf.subarray(pos, pos + len).toString('utf8') : undefined;
  return { contextId, cwd, tool, args, ...(stdin === undefined ? {} : { stdin }) };
}

/**
 * The simulator's jujuc server: a TCP listener on loopback that the bash `jujuc` client talks to. Each
 * call is routed by its context id to the handler; an unknown id is refused as Juju refuses it.
 */
export class ToolServer {
  private constructor(
    private readonly server: Server,
    /** `127.0.0.1:<port>`, for `JUJU_AGENT_SOCKET_ADDRESS`. */
    readonly address: string,
    /** Calls left unanswered on purpose; dropped on close. */
    private readonly hung: Set<Socket>,
  ) {}

  /** Starts listening on an ephemeral loopback port. */
  static async start(handler: ToolHandler): Promise<ToolServer> {
    const hung = new Set<Socket>();
    const server = createServer((socket) => serve(socket, handler, hung));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const addr = server.address();
    if (!addr || typeof addr === 'string') throw new Error('tool server has no TCP address');
    server.unref();
    return new ToolServer(server, `127.0.0.1:${addr.port}`, hung);
  }

  /** Stops listening (and drops calls left hanging, which would keep it open). */
  close(): Promise<void> {
    for (const socket of this.hung) socket.destroy();
    this.hung.clear();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function reply(socket: Socket, r: ToolReply): void {
  // NUL ends each field; tool output is text and never holds NUL.
  const clean = (s: string) => s.replaceAll('\0', '');
  socket.end(`${r.exitCode}\0${clean(r.stdout)}\0${clean(r.stderr)}\0`);
}

function serve(socket: Socket, handler: ToolHandler, hung: Set<Socket>): void {
  let buf = Buffer.alloc(0);
  let done = false;
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk) => {
    if (done) return;
    buf = Buffer.concat([buf, chunk]);
    if (buf.length > MAX_TOOL_REQUEST_BYTES) {
      done = true;
      reply(socket, {
        stdout: '',
        stderr: `ERROR request too large: a hook-tool call may send at most ${MAX_TOOL_REQUEST_BYTES} bytes\n`,
        exitCode: 1,
      });
      return;
    }
    let call: ToolCall | undefined;
    try {
      call = parseRequest(buf);
    } catch (error) {
      done = true;
      reply(socket, { stdout: '', stderr: `ERROR ${(error as Error).message}\n`, exitCode: 1 });
      return;
    }
    if (!call) return;
    done = true;
    let result: ToolReply | 'hang' | undefined;
    try {
      result = handler(call);
    } catch (error) {
      // A crash in the rules engine is the simulator's bug: report it like jujuc reports a panic.
      result = {
        stdout: '',
        stderr: `ERROR internal error in ${call.tool}: ${(error as Error).message}\n`,
        exitCode: 3,
      };
    }
    if (result === 'hang') {
      // The client's end closing (the hook killed) ends it too.
      hung.add(socket);
      socket.on('close', () => hung.delete(socket));
      return;
    }
    reply(
      socket,
      result ?? {
        stdout: '',
        stderr: `ERROR bad request: unknown or finished context id ${JSON.stringify(call.contextId)}\n`,
        exitCode: 1,
      },
    );
  });
}
