import { access, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Client, ConnectionError } from '../src/index.js';
import { PebbleServer } from '../src/server/index.js';
import { tempDir } from './helpers.js';

describe('PebbleServer lifecycle', () => {
  it('replaces a stale socket file, and close() removes the socket so clients see ConnectionError', async () => {
    const dir = await tempDir();
    const socketPath = join(dir, 'nested', 'pebble.socket');
    const server = await PebbleServer.start({ socketPath, filesRoot: dir });
    await server.close();
    await writeFile(socketPath, 'stale');
    const again = await PebbleServer.start({ socketPath, filesRoot: dir });
    const client = new Client({ socketPath });
    expect((await client.getSystemInfo()).version).toBeTruthy();
    await again.close();
    await expect(access(socketPath)).rejects.toThrow();
    await expect(client.getSystemInfo()).rejects.toBeInstanceOf(ConnectionError);
  });

  it('keeps state separate between servers', async () => {
    const dir = await tempDir();
    const a = await PebbleServer.start({ socketPath: join(dir, 'a.socket'), filesRoot: dir });
    const b = await PebbleServer.start({ socketPath: join(dir, 'b.socket'), filesRoot: dir });
    try {
      await new Client({ socketPath: a.socketPath }).addLayer('l', {
        services: { s: { override: 'replace', command: 'c' } },
      });
      expect(a.layers()).toHaveLength(1);
      expect(b.layers()).toHaveLength(0);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
