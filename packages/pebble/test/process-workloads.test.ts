// Real processes behind the server: the process exec handler (through our client and through raw HTTP
// + websockets, as a client that never ends stdin sees it) and the process service runner under a
// supervising server (command split as plan.go ParseCommand, environment, working dir under the files
// root, output kept as service log lines, restarts after exit, stop ends the process group).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APIError, ChangeError, ExecError } from '../src/index.js';
import {
  hostExecLookup,
  minimalEnvironment,
  ProcessServiceRunner,
  processExecHandler,
} from '../src/server/index.js';
import { startPebble, tempDir } from './helpers.js';
import { openWs, raw } from './raw-http.js';

async function execServer() {
  const root = join(await tempDir(), 'root');
  await mkdir(root, { recursive: true });
  const fixture = await startPebble({
    filesRoot: root,
    execHandler: processExecHandler({ filesRoot: root }),
    execLookup: hostExecLookup(root),
  });
  return { ...fixture, root };
}

/** Polls `probe` until it returns a value other than undefined (10 s deadline). */
async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const until = Date.now() + 10_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

describe('process exec handler (cmdstate: the command runs for real)', () => {
  it('our client: output, exit code, environment, working dir under the files root, stdin', async () => {
    const { client, root } = await execServer();
    await mkdir(join(root, 'srv'), { recursive: true });
    const out = await (
      await client.exec(['sh', '-c', 'echo "$GREETING from $(basename "$PWD")"; cat'], {
        environment: { GREETING: 'hello' },
        workingDir: '/srv',
        stdin: 'piped\n',
      })
    ).waitOutput();
    expect(out.stdout).toBe('hello from srv\npiped\n');
    const failed = await (await client.exec(['sh', '-c', 'echo oops >&2; exit 3']))
      .waitOutput()
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ExecError);
    expect((failed as ExecError).exitCode).toBe(3);
    expect((failed as ExecError).stderr).toBe('oops\n');
  });

  it('our client: a service-context lends its environment and working dir (plan.go MergeServiceContext)', async () => {
    const { client, root } = await execServer();
    await mkdir(join(root, 'srv'), { recursive: true });
    await client.addLayer('base', {
      services: {
        web: {
          override: 'replace',
          command: 'web',
          environment: { A: 'svc', B: 'svc' },
          'working-dir': '/srv',
        },
      },
    });
    const out = await (
      await client.exec(['sh', '-c', 'echo "$A $B $(basename "$PWD")"'], {
        serviceContext: 'web',
        environment: { B: 'own' },
      })
    ).waitOutput();
    expect(out.stdout).toBe('svc own srv\n');
    const err = (await client
      .exec(['true'], { serviceContext: 'nope' })
      .catch((e: unknown) => e)) as APIError;
    expect(err.code).toBe(400);
    expect(err.message).toContain('context service "nope" not found');
  });

  it('our client: a script pushed into the container runs from its container path', async () => {
    const { client, root } = await execServer();
    await mkdir(join(root, 'usr/local/bin'), { recursive: true });
    await writeFile(join(root, 'usr/local/bin/hello.sh'), '#!/bin/sh\necho pushed script\n', { mode: 0o755 });
    expect((await (await client.exec(['/usr/local/bin/hello.sh'])).waitOutput()).stdout).toBe(
      'pushed script\n',
    );
  });

  it.each([
    // api_exec.go v1PostExec: exec.LookPath fails before any change exists.
    ['a bare name not on PATH', ['no-such-command-xyz'], 'cannot find executable "no-such-command-xyz"'],
    ['a path that does not exist', ['/no/such/thing'], 'cannot find executable "/no/such/thing"'],
  ])('our client: %s is refused with 400', async (_label, command, text) => {
    const { client, server } = await execServer();
    const err = (await client.exec(command).catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.code).toBe(400);
    expect(err.message).toContain(text);
    expect(server.changes()).toEqual([]);
  });

  it('raw HTTP: `true` finishes with no stdin end frame; split stderr goes to its own socket', async () => {
    const { server } = await execServer();
    const post = await raw(server.socketPath, 'POST', '/v1/exec', {
      command: ['sh', '-c', 'echo out; echo err >&2; exit 5'],
      'split-stderr': true,
    });
    expect(post.status).toBe(202);
    const taskId = String((post.body.result as Record<string, unknown>)['task-id']);
    await openWs(server.socketPath, taskId, 'control');
    const stdio = await openWs(server.socketPath, taskId, 'stdio');
    const stderr = await openWs(server.socketPath, taskId, 'stderr');
    const wait = await raw(server.socketPath, 'GET', `/v1/changes/${post.body.change}/wait?timeout=10s`);
    const change = wait.body.result as { status: string; tasks: { data: Record<string, unknown> }[] };
    expect(change.tasks[0]?.data['exit-code']).toBe(5);
    await stdio.closed;
    expect(stdio.frames.map(String)).toEqual(['out\n', '{"command":"end"}']);
    expect(stderr.frames.map(String)).toEqual(['err\n', '{"command":"end"}']);
  });

  it('raw HTTP: the timeout kills the command and everything it started', async () => {
    const { server, root } = await execServer();
    const pidFile = join(root, 'sleep.pid');
    const post = await raw(server.socketPath, 'POST', '/v1/exec', {
      command: ['sh', '-c', `sleep 30 & echo $! > ${pidFile}; wait`],
      timeout: '500ms',
    });
    const taskId = String((post.body.result as Record<string, unknown>)['task-id']);
    await openWs(server.socketPath, taskId, 'control');
    await openWs(server.socketPath, taskId, 'stdio');
    const wait = await raw(server.socketPath, 'GET', `/v1/changes/${post.body.change}/wait?timeout=10s`);
    const change = wait.body.result as { err: string; tasks: { data: Record<string, unknown> }[] };
    expect(change.err).toContain('timed out after 500ms: context deadline exceeded');
    expect(change.tasks[0]?.data['exit-code']).toBe(-1);
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    await eventually(() => (alive(sleeper) ? undefined : true), 'the background sleep to die');
  });
});

async function serviceServer(logCapBytes?: number) {
  const dir = await tempDir();
  const root = join(dir, 'root');
  await mkdir(root, { recursive: true });
  const logs = join(dir, 'logs');
  const runner = new ProcessServiceRunner({
    filesRoot: root,
    logPath: (name) => join(logs, `${name}.log`),
    baseEnvironment: minimalEnvironment(),
    ...(logCapBytes !== undefined && { logCapBytes }),
  });
  const fixture = await startPebble({
    filesRoot: root,
    serviceRunner: runner,
    supervision: { services: true },
    serviceOkayDelayMs: 300,
  });
  const log = (name: string) =>
    existsSync(join(logs, `${name}.log`)) ? readFileSync(join(logs, `${name}.log`), 'utf8') : '';
  return { ...fixture, log, root, logs };
}

describe('process service runner under a supervising server (servstate handlers.go startInternal)', () => {
  it('runs the command split as Pebble splits it, with env and working dir; stop ends its group', async () => {
    const { client, log, root, server } = await serviceServer();
    await mkdir(join(root, 'srv'), { recursive: true });
    const pidFile = join(root, 'srv', 'child.pid');
    await client.addLayer('base', {
      services: {
        web: {
          override: 'replace',
          // Quotes, and a `[ ... ]` group of default arguments appended to the base command.
          command: `sh -c 'echo "$GREETING in $(basename "$PWD") args:$0 $1"; sleep 60 & echo $! > ${pidFile}; wait' [ one two ]`,
          environment: { GREETING: 'hi' },
          'working-dir': '/srv',
          'kill-delay': '1s',
        },
      },
    });
    await client.startServices(['web']);
    expect((await client.getServices(['web']))[0]?.current).toBe('active');
    await eventually(
      () => (/\[web\] hi in srv args:one two/.test(log('web')) ? true : undefined),
      'the output line',
    );
    const child = Number(readFileSync(pidFile, 'utf8'));
    expect(alive(child)).toBe(true);
    await client.stopServices(['web']);
    expect((await client.getServices(['web']))[0]?.current).toBe('inactive');
    await eventually(() => (alive(child) ? undefined : true), 'the group to die');
    await server.shutdown();
  });

  it('a chatty service cannot fill the disk: its log rotates to <file>.1 past the cap', async () => {
    const { client, logs, server } = await serviceServer(4096);
    await client.addLayer('base', {
      services: {
        // 20 000 lines (~1.3 MB of log), then one long line with no newline at all.
        chatty: {
          override: 'replace',
          command: `sh -c 'i=0; while [ $i -lt 20000 ]; do echo "line $i of the chatty service"; i=$((i+1)); done; head -c 200000 /dev/zero | tr "\\0" x'`,
          'on-success': 'ignore',
        },
      },
    });
    await client.startServices(['chatty']).catch(() => {});
    const current = join(logs, 'chatty.log');
    await eventually(
      () => (existsSync(current) && readFileSync(current, 'utf8').includes('exited') ? true : undefined),
      'the service to exit',
    );
    const sizes = [current, `${current}.1`].map((f) => (existsSync(f) ? statSync(f).size : 0));
    // Each file holds at most the cap plus one write: the stamped lines of one read from the pipe (64 KiB
    // of these lines, about twice that with their stamps), or 64 KiB of an unended line. Without rotation
    // the file would hold all 1.5 MB.
    for (const size of sizes) expect(size).toBeLessThan(4096 + 320 * 1024);
    expect(sizes[1]).toBeGreaterThan(0);
    await server.shutdown();
  });

  it('user and group are not switched to: it runs as this user, and the log says so', async () => {
    const { client, log, server } = await serviceServer();
    await client.addLayer('base', {
      services: { who: { override: 'replace', command: 'id -u', user: 'nobody', 'on-success': 'ignore' } },
    });
    await client.startServices(['who']).catch(() => {});
    await eventually(
      () => (log('who').includes(`[who] ${process.getuid?.()}`) ? true : undefined),
      'the uid line',
    );
    expect(log('who')).toContain('[pebble] service "who": user/group "nobody" ignored');
    await server.shutdown();
  });

  it('a process that keeps failing is restarted after its backoff (on-failure: restart)', async () => {
    const { client, log, server } = await serviceServer();
    await client.addLayer('base', {
      services: {
        flaky: {
          override: 'replace',
          command: "sh -c 'sleep 0.5; echo tick; exit 1'",
          'backoff-delay': '100ms',
        },
      },
    });
    await client.startServices(['flaky']);
    await eventually(
      () => ((log('flaky').match(/\[flaky\] tick/g)?.length ?? 0) >= 3 ? true : undefined),
      'three runs',
    );
    await server.shutdown();
  });

  it("a missing executable fails the start with Go's text and leaves the service inactive", async () => {
    const { client, server } = await serviceServer();
    await client.addLayer('base', {
      services: { gone: { override: 'replace', command: 'no-such-daemon-xyz' } },
    });
    const err = (await client.startServices(['gone']).catch((e: unknown) => e)) as ChangeError;
    expect(err).toBeInstanceOf(ChangeError);
    expect(err.err).toContain(
      'cannot start service: exec: "no-such-daemon-xyz": executable file not found in $PATH',
    );
    expect((await client.getServices(['gone']))[0]?.current).toBe('inactive');
    await server.shutdown();
  });

  it('POST /v1/signals reaches the process', async () => {
    const { client, log, server } = await serviceServer();
    await client.addLayer('base', {
      services: {
        trap: {
          override: 'replace',
          command: 'sh -c \'trap "echo got HUP" HUP; while true; do sleep 0.1; done\'',
        },
      },
    });
    await client.startServices(['trap']);
    await client.sendSignal('SIGHUP', ['trap']);
    await eventually(() => (log('trap').includes('[trap] got HUP') ? true : undefined), 'the trap output');
    await server.shutdown();
  });
});
