import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { Client } from '../src/index.js';
import { PebbleServer, type PebbleServerOptions } from '../src/server/index.js';

/** A running fake Pebble plus a client connected to it, cleaned up after the test. */
export interface Fixture {
  server: PebbleServer;
  client: Client;
  /** Host directory standing for the container's `/`. */
  root: string;
  /** Private temp directory of this test. */
  dir: string;
}

/** Make a temp dir removed after the current test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pebble-test-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** Start a PebbleServer on a socket in a fresh temp dir, with a client (timeout 5 s). */
export async function startPebble(opts: Partial<PebbleServerOptions> = {}, timeout = 5): Promise<Fixture> {
  const dir = await tempDir();
  const root = join(dir, 'root');
  const server = await PebbleServer.start({
    socketPath: join(dir, 'pebble.socket'),
    filesRoot: root,
    ...opts,
  });
  onTestFinished(() => server.close());
  await mkdir(root, { recursive: true });
  return { server, client: new Client({ socketPath: server.socketPath, timeout }), root, dir };
}
