/** Loopback ports on the host that stand for container ports (a pod has its own network; we do not). */
import { createServer } from 'node:net';

/** A port on 127.0.0.1 that is free now and not in `taken` (the model's other allocations). */
export async function freeLoopbackPort(taken: ReadonlySet<number>): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(port));
      });
    });
    if (port > 0 && !taken.has(port)) return port;
  }
  throw new Error('cannot find a free loopback port');
}
