import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createNetServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { APIError, Client, ConnectionError, ProtocolError, TimeoutError } from '../src/index.js';
import { tempDir } from './helpers.js';

async function listen(server: Server, path: string): Promise<void> {
  await new Promise<void>((resolve) => server.listen(path, resolve));
}

async function rawHttpServer(status: number, contentType: string, body: string): Promise<string> {
  const path = join(await tempDir(), 'raw.socket');
  const server = createHttpServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': contentType });
    res.end(body);
  });
  await listen(server, path);
  onTestFinished(() => new Promise<void>((r) => server.close(() => r())));
  return path;
}

describe('ConnectionError', () => {
  it('fails fast with the ops message when the socket is missing', async () => {
    const path = join(await tempDir(), 'missing.socket');
    const client = new Client({ socketPath: path });
    const started = Date.now();
    const err = await client.getSystemInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
    expect((err as Error).message).toBe(
      `Could not connect to Pebble: socket not found at '${path}' (container restarted?)`,
    );
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('reports a socket path nobody listens on as ConnectionError', async () => {
    const path = join(await tempDir(), 'dead.socket');
    // A plain file where the socket should be: the kernel refuses the connection.
    await writeFile(path, '');
    const err = await new Client({ socketPath: path }).getSystemInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectionError);
  });
});

describe('TimeoutError', () => {
  it('gives up on a server that accepts and never answers, within the timeout', async () => {
    const path = join(await tempDir(), 'silent.socket');
    const sockets: Socket[] = [];
    const server = createNetServer((s) => sockets.push(s));
    await listen(server, path);
    onTestFinished(() => {
      for (const s of sockets) s.destroy();
      return new Promise<void>((r) => server.close(() => r()));
    });
    const client = new Client({ socketPath: path, timeout: 0.3 });
    const started = Date.now();
    const err = await client.getServices().catch((e: unknown) => e);
    const elapsed = Date.now() - started;
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toContain('GET /v1/services');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1500);
  });
});

describe('malformed replies', () => {
  it('raises ProtocolError naming the endpoint for invalid JSON with 200', async () => {
    const path = await rawHttpServer(200, 'application/json', '{not json');
    const err = await new Client({ socketPath: path }).getSystemInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as Error).message).toContain('GET /v1/system-info');
  });

  it('raises APIError naming the endpoint for invalid JSON with an error status', async () => {
    const path = await rawHttpServer(500, 'application/json', '<html>oops');
    const err = await new Client({ socketPath: path }).getPlan().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).code).toBe(500);
    expect((err as APIError).message).toContain('GET /v1/plan');
    expect((err as APIError).body).toEqual({});
  });

  it('raises ProtocolError for a wrong Content-Type', async () => {
    const path = await rawHttpServer(200, 'text/html', '{"type":"sync","result":{"version":"1"}}');
    const err = await new Client({ socketPath: path }).getSystemInfo().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProtocolError);
    expect((err as Error).message).toContain("expected Content-Type 'application/json'");
  });

  it('keeps Pebble message, code, status and kind on APIError', async () => {
    const body = JSON.stringify({
      type: 'error',
      'status-code': 404,
      status: 'Not Found',
      result: { message: 'cannot find thing', kind: 'not-found' },
    });
    const path = await rawHttpServer(404, 'application/json', body);
    const err = (await new Client({ socketPath: path }).getChange('9').catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.detail).toBe('cannot find thing');
    expect(err.code).toBe(404);
    expect(err.status).toBe('Not Found');
    expect(err.kind).toBe('not-found');
    expect(err.message).toBe('cannot find thing (GET /v1/changes/9: 404 Not Found)');
  });
});
