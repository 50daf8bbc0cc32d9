import { request } from 'node:http';
import WebSocket from 'ws';

/** A Pebble JSON envelope as it came off the wire. */
export interface Envelope {
  status: number;
  body: { type: string; 'status-code': number; result: unknown; change?: string };
}

/** One HTTP request over the unix socket, as any client would send it (no client code involved). */
export function raw(socketPath: string, method: string, path: string, body?: unknown): Promise<Envelope> {
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath, method, path, headers: { 'Content-Type': 'application/json' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
        );
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
    req.end();
  });
}

/** The message of an error envelope. */
export function message(env: Envelope): string {
  return String((env.body.result as { message?: unknown } | null)?.message ?? '');
}

/** Open an exec websocket and keep everything it receives. */
export async function openWs(
  socketPath: string,
  taskId: string,
  name: string,
): Promise<{ ws: WebSocket; frames: (Buffer | string)[]; closed: Promise<void> }> {
  const ws = new WebSocket(`ws+unix://${socketPath}:/v1/tasks/${taskId}/websocket/${name}`);
  const frames: (Buffer | string)[] = [];
  ws.on('message', (data: Buffer, isBinary: boolean) =>
    frames.push(isBinary ? Buffer.from(data) : data.toString()),
  );
  const closed = new Promise<void>((resolve) => ws.on('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, frames, closed };
}
