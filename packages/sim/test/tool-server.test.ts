// The hook-tool server bounds what one call may send (issue 12, smaller findings).
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ToolServer } from '../src/index.js';
import { MAX_TOOL_REQUEST_BYTES } from '../src/tools/tool-server.js';

function call(address: string, payload: Buffer): Promise<string> {
  const [host = '', port = ''] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host);
    let reply = '';
    socket.on('data', (d) => {
      reply += d;
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(reply));
    socket.end(payload);
  });
}

describe('ToolServer', () => {
  it('refuses a request larger than the bound without buffering it all', async () => {
    const server = await ToolServer.start(() => ({ stdout: 'ok', stderr: '', exitCode: 0 }));
    try {
      const head = Buffer.from('OPSTS1\0ctx\0/\0relation-set\x001\0--file=-\0');
      const stdinLength = MAX_TOOL_REQUEST_BYTES + 10;
      const huge = Buffer.concat([head, Buffer.from(`${stdinLength}\0`), Buffer.alloc(stdinLength, 'a')]);
      expect(await call(server.address, huge)).toBe(
        `1\0\0ERROR request too large: a hook-tool call may send at most ${MAX_TOOL_REQUEST_BYTES} bytes\n\0`,
      );
      const small = Buffer.concat([head, Buffer.from('1\0x')]);
      expect(await call(server.address, small)).toBe('0\0ok\0\0');
    } finally {
      await server.close();
    }
  });
});
