// The real probes against real endpoints, with the error texts of canonical/pebble
// internals/overlord/checkstate/checkers.go (httpChecker, tcpChecker, execChecker) and Go's dialer.
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Check } from '../src/index.js';
import { minimalEnvironment, realCheckProbe } from '../src/server/index.js';
import { tempDir } from './helpers.js';

let server: Server;
let port: number;
let closedPort: number;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/ok') res.end('fine');
    else if (req.url === '/headers')
      res.writeHead(req.headers['x-probe'] === 'yes' ? 200 : 401).end('no header');
    else res.writeHead(503).end('down for maintenance\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
  const spare = createTcpServer();
  await new Promise<void>((resolve) => spare.listen(0, '127.0.0.1', resolve));
  closedPort = (spare.address() as { port: number }).port;
  await new Promise((resolve) => spare.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

async function outcome(check: Check, mapPort?: (p: number) => number | undefined): Promise<string> {
  const root = await tempDir();
  await mkdir(join(root, 'srv'), { recursive: true });
  const probe = realCheckProbe({
    filesRoot: root,
    baseEnvironment: minimalEnvironment(),
    service: (name) =>
      name === 'web' ? { environment: { A: 'svc', B: 'svc' }, 'working-dir': '/srv' } : undefined,
    ...(mapPort ? { mapPort } : {}),
  });
  return probe('chk', check, new AbortController().signal).then(
    () => 'ok',
    (e: Error) => e.message,
  );
}

describe('real check probes (checkstate checkers.go)', () => {
  it.each([
    ['http 2xx', () => ({ http: { url: `http://127.0.0.1:${port}/ok` } }), 'ok'],
    [
      'http non-2xx: status and the first 5 body lines, then (...)',
      () => ({ http: { url: `http://127.0.0.1:${port}/bad` } }),
      'non-2xx status code 503; down for maintenance\nline 2\nline 3\nline 4\nline 5\n(...)',
    ],
    [
      'http headers are sent',
      () => ({ http: { url: `http://127.0.0.1:${port}/headers`, headers: { 'X-Probe': 'yes' } } }),
      'ok',
    ],
    [
      'http refused: Get "<url>": dial tcp',
      () => ({ http: { url: `http://127.0.0.1:${closedPort}/` } }),
      () =>
        `Get "http://127.0.0.1:${closedPort}/": dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    ],
    ['tcp open', () => ({ tcp: { port, host: '127.0.0.1' } }), 'ok'],
    [
      'tcp refused',
      () => ({ tcp: { port: closedPort, host: '127.0.0.1' } }),
      () => `dial tcp 127.0.0.1:${closedPort}: connect: connection refused`,
    ],
    ['exec exit 0', () => ({ exec: { command: 'true' } }), 'ok'],
    [
      'exec exit 3 with its output',
      () => ({ exec: { command: "sh -c 'echo broken; exit 3'" } }),
      'exit status 3; broken',
    ],
    [
      'exec environment and working-dir',
      () => ({
        exec: {
          command: 'sh -c \'test "$A" = 1 && test "$(basename "$PWD")" = srv\'',
          environment: { A: '1' },
          'working-dir': '/srv',
        },
      }),
      'ok',
    ],
    [
      'exec with a service-context: its environment and working dir (plan.go MergeServiceContext)',
      () => ({
        exec: {
          command: 'sh -c \'test "$A" = svc && test "$B" = own && test "$(basename "$PWD")" = srv\'',
          'service-context': 'web',
          environment: { B: 'own' },
        },
      }),
      'ok',
    ],
    [
      'exec with an unknown service-context',
      () => ({ exec: { command: 'true', 'service-context': 'nope' } }),
      'context service "nope" not found',
    ],
    [
      'exec missing executable',
      () => ({ exec: { command: 'no-such-probe-cmd' } }),
      'exec: "no-such-probe-cmd": executable file not found in $PATH',
    ],
  ] as const)('%s', async (_label, check, expected) => {
    expect(await outcome(check() as Check)).toBe(typeof expected === 'function' ? expected() : expected);
  });

  it.each([
    ['http on localhost', (p: number) => ({ http: { url: `http://localhost:${p}/ok` } })],
    ['tcp on the default host', (p: number) => ({ tcp: { port: p } })],
  ])('%s goes to the host port mapped for the container port', async (_label, check) => {
    expect(await outcome(check(8080) as Check, (p) => (p === 8080 ? port : undefined))).toBe('ok');
  });
});
