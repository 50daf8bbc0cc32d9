import { constants } from 'node:os';
import { Readable, Writable } from 'node:stream';
import type WebSocket from 'ws';
import type { Change } from './api-types.js';
import { ChangeError, ExecError } from './errors.js';
import { listen } from './ws-early.js';

/** The websockets of one exec session. */
export interface ExecSockets {
  control: WebSocket;
  stdio: WebSocket;
  /** Absent when stderr is combined into stdout. */
  stderr: WebSocket | null;
}

/** What an ExecProcess needs to know about the exec it belongs to. */
export interface ExecContext {
  command: readonly string[];
  changeId: string;
  /** Seconds the command may run, or null for no limit. */
  timeout: number | null;
  encoding: BufferEncoding | null;
  /** Content to send as stdin up front; null lets the caller stream `process.stdin`. */
  stdin: Buffer | null;
  waitChange: (id: string, timeout: number | null) => Promise<Change>;
}

const END = JSON.stringify({ command: 'end' });

// Output frames: binary = data, text {"command":"end"} = EOF.
function readableFrom(ws: WebSocket, encoding: BufferEncoding | null): Readable {
  const stream = new Readable({ read() {} });
  if (encoding) stream.setEncoding(encoding);
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    stream.push(null);
  };
  const onMessage = (data: Buffer, isBinary: boolean): void => {
    if (ended) return;
    if (isBinary) {
      stream.push(Buffer.from(data));
      return;
    }
    try {
      if ((JSON.parse(data.toString('utf8')) as { command?: unknown }).command === 'end') end();
    } catch {
      // Ignore text frames that are not commands; Pebble only sends "end".
    }
  };
  listen(ws, onMessage, end);
  return stream;
}

// Stdin: binary frames, then a text {"command":"end"} frame on close.
function writableTo(ws: WebSocket, encoding: BufferEncoding | null): Writable {
  return new Writable({
    defaultEncoding: encoding ?? 'utf8',
    // Once the command has finished the socket is closed; late input is dropped like a closed pipe.
    write(chunk: Buffer, _enc, callback) {
      if (ws.readyState !== ws.OPEN) return callback();
      ws.send(chunk, { binary: true }, () => callback());
    },
    final(callback) {
      if (ws.readyState !== ws.OPEN) return callback();
      ws.send(END, () => callback());
    },
  });
}

async function collect(stream: Readable, encoding: BufferEncoding | null): Promise<Buffer> {
  const chunks: Buffer[] = [];
  // With an encoding set the stream yields strings (decoded safely across chunk boundaries).
  for await (const chunk of stream) {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding ?? 'utf8') : (chunk as Buffer));
  }
  return Buffer.concat(chunks);
}

function signalName(sig: string | number): string {
  if (typeof sig === 'string') return sig;
  const entry = Object.entries(constants.signals).find(([, num]) => num === sig);
  if (!entry) throw new TypeError(`unknown signal number ${sig}`);
  return entry[0];
}

/** A command running in the container; `T` is string when an encoding is set, else Buffer. */
export class ExecProcess<T extends string | Buffer = string> {
  /** Stream to the command's stdin, or null when stdin was given to `exec`. End it to send EOF. */
  readonly stdin: Writable | null;
  /** The command's stdout (and stderr when combined). */
  readonly stdout: Readable;
  /** The command's stderr, or null when combined into stdout. */
  readonly stderr: Readable | null;

  constructor(
    private readonly sockets: ExecSockets,
    private readonly ctx: ExecContext,
  ) {
    for (const ws of [sockets.control, sockets.stdio, sockets.stderr]) ws?.on('error', () => {});
    this.stdout = readableFrom(sockets.stdio, ctx.encoding);
    this.stderr = sockets.stderr ? readableFrom(sockets.stderr, ctx.encoding) : null;
    if (ctx.stdin !== null) {
      this.stdin = null;
      const content = ctx.stdin;
      if (content.length > 0) sockets.stdio.send(content, { binary: true });
      sockets.stdio.send(END);
    } else {
      this.stdin = writableTo(sockets.stdio, ctx.encoding);
    }
  }

  /** Send a signal (name like `SIGTERM` or number) to the running command. */
  sendSignal(sig: string | number): void {
    this.sockets.control.send(JSON.stringify({ command: 'signal', signal: { name: signalName(sig) } }));
  }

  /** Wait for the command to finish; resolves 0, throws ExecError on a non-zero exit, ChangeError on failure. */
  async wait(): Promise<number> {
    const exitCode = await this.finish();
    if (exitCode !== 0) throw new ExecError<T>(this.ctx.command, exitCode, null, null);
    return exitCode;
  }

  /** Wait for the command and return its captured output; ExecError (with the output) on a non-zero exit. */
  async waitOutput(): Promise<{ stdout: T; stderr: T | null }> {
    this.closeStdin();
    const [out, err] = await Promise.all([
      collect(this.stdout, this.ctx.encoding),
      this.stderr ? collect(this.stderr, this.ctx.encoding) : Promise.resolve(null),
    ]);
    const exitCode = await this.finish();
    const stdout = this.decode(out);
    const stderr = err === null ? null : this.decode(err);
    if (exitCode !== 0) throw new ExecError<T>(this.ctx.command, exitCode, stdout, stderr);
    return { stdout, stderr };
  }

  private decode(data: Buffer): T {
    return (this.ctx.encoding ? data.toString(this.ctx.encoding) : data) as T;
  }

  // Send EOF first: a command reading stdin would otherwise never finish.
  private closeStdin(): void {
    if (this.stdin && !this.stdin.writableEnded) this.stdin.end();
  }

  private async finish(): Promise<number> {
    this.closeStdin();
    const timeout = this.ctx.timeout === null ? null : this.ctx.timeout + 1;
    let change: Change;
    try {
      change = await this.ctx.waitChange(this.ctx.changeId, timeout);
    } finally {
      for (const ws of [this.sockets.control, this.sockets.stdio, this.sockets.stderr]) ws?.close();
    }
    if (change.err) throw new ChangeError(change.err, change);
    const code = change.tasks[0]?.data['exit-code'];
    return typeof code === 'number' ? code : -1;
  }
}
