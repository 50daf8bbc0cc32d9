import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChangeError, ExecError } from '../src/index.js';
import type { ExecRequest } from '../src/server/index.js';
import { startPebble } from './helpers.js';

describe('exec', () => {
  it('returns stdout and stderr from waitOutput', async () => {
    const { client } = await startPebble({
      execHandler: ({ command }) => ({
        exitCode: 0,
        stdout: `${command.slice(1).join(' ')}\n`,
        stderr: 'warn\n',
      }),
    });
    const proc = await client.exec(['echo', 'hello', 'world']);
    expect(await proc.waitOutput()).toEqual({ stdout: 'hello world\n', stderr: 'warn\n' });
  });

  it('feeds the stdin option to the command', async () => {
    const { client } = await startPebble({
      execHandler: async ({ readStdin }) => ({
        exitCode: 0,
        stdout: (await readStdin()).toString('utf8').toUpperCase(),
      }),
    });
    const proc = await client.exec(['tr', 'a-z', 'A-Z'], { stdin: 'foo\nbar\n' });
    expect((await proc.waitOutput()).stdout).toBe('FOO\nBAR\n');
  });

  it('streams stdin written to process.stdin and stdout read from process.stdout', async () => {
    const { client } = await startPebble({
      execHandler: async ({ readStdin }) => ({ exitCode: 0, stdout: await readStdin() }),
    });
    const proc = await client.exec(['cat']);
    proc.stdin?.write('one\n');
    proc.stdin?.write('two\n');
    proc.stdin?.end();
    let out = '';
    for await (const chunk of proc.stdout) out += chunk;
    expect(out).toBe('one\ntwo\n');
    expect(await proc.wait()).toBe(0);
  });

  it('passes environment, working dir, user and group to the handler', async () => {
    let seen: ExecRequest | undefined;
    const { client, root } = await startPebble({
      execHandler: (req) => {
        seen = req;
        return { exitCode: 0 };
      },
    });
    // Pebble refuses a working dir that does not exist in the container (cmdstate getWorkingDir).
    await mkdir(join(root, 'srv'));
    const proc = await client.exec(['env'], {
      environment: { FOO: 'bar' },
      workingDir: '/srv',
      user: 'app',
      userId: 1000,
      group: 'app',
      groupId: 1001,
    });
    await proc.wait();
    expect(seen).toMatchObject({
      command: ['env'],
      environment: { FOO: 'bar' },
      workingDir: '/srv',
      user: 'app',
      userId: 1000,
      group: 'app',
      groupId: 1001,
    });
  });

  it('raises ExecError with the captured output on a non-zero exit', async () => {
    const { client } = await startPebble({
      execHandler: () => ({ exitCode: 2, stdout: '', stderr: "ls: cannot access 'x'\n" }),
    });
    const err = (await (await client.exec(['ls', 'x'])).waitOutput().catch((e: unknown) => e)) as ExecError;
    expect(err).toBeInstanceOf(ExecError);
    expect(err.exitCode).toBe(2);
    expect(err.command).toEqual(['ls', 'x']);
    expect(err.stdout).toBe('');
    expect(err.stderr).toBe("ls: cannot access 'x'\n");
    expect(err.message).toContain('non-zero exit code 2 executing ["ls","x"]');
    const waitErr = (await (await client.exec(['ls', 'x'])).wait().catch((e: unknown) => e)) as ExecError;
    expect(waitErr.exitCode).toBe(2);
    expect(waitErr.stdout).toBeNull();
  });

  it('reports the exit code in the change task data', async () => {
    const { client, server } = await startPebble({ execHandler: () => ({ exitCode: 3 }) });
    await expect((await client.exec(['false'])).wait()).rejects.toBeInstanceOf(ExecError);
    const change = server.changes().find((c) => c.kind === 'exec');
    expect(change?.tasks[0]?.data['exit-code']).toBe(3);
    expect(change?.status).toBe('Done');
  });

  it('fails with 127 and an explanatory stderr when the server has no exec handler', async () => {
    const { client } = await startPebble();
    const err = (await (await client.exec(['ls'])).waitOutput().catch((e: unknown) => e)) as ExecError;
    expect(err.exitCode).toBe(127);
    expect(err.stderr).toContain('exec is not supported');
  });

  it('kills a command that outlives its timeout and raises ChangeError', async () => {
    let aborted = false;
    const { client } = await startPebble({
      execHandler: ({ signal }) =>
        new Promise((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
          setTimeout(() => resolve({ exitCode: 0 }), 3000);
        }),
    });
    const started = Date.now();
    const err = (await (
      await client.exec(['sleep', '3'], { timeout: 0.3 })
    )
      .wait()
      .catch((e: unknown) => e)) as ChangeError;
    expect(err).toBeInstanceOf(ChangeError);
    // Go's Duration.String: cmdstate/handlers.go (*execution).do.
    expect(err.err).toContain('timed out after 300ms: context deadline exceeded');
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('combines stderr into stdout when asked', async () => {
    const { client } = await startPebble({
      execHandler: () => ({ exitCode: 0, stdout: 'out\n', stderr: 'err\n' }),
    });
    const proc = await client.exec(['x'], { combineStderr: true });
    expect(proc.stderr).toBeNull();
    expect(await proc.waitOutput()).toEqual({ stdout: 'out\nerr\n', stderr: null });
  });

  it('returns Buffers with encoding null', async () => {
    const bytes = Buffer.from([0, 255, 1, 128]);
    const { client } = await startPebble({
      execHandler: async ({ readStdin }) => ({ exitCode: 0, stdout: await readStdin() }),
    });
    const proc = await client.exec(['cat'], { encoding: null, stdin: bytes });
    const { stdout } = await proc.waitOutput();
    expect(Buffer.isBuffer(stdout)).toBe(true);
    expect(stdout.equals(bytes)).toBe(true);
  });

  it('delivers signals over the control websocket', async () => {
    let release = (): void => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const { client, server } = await startPebble({
      execHandler: async () => {
        await gate;
        return { exitCode: 0 };
      },
    });
    const proc = await client.exec(['daemon'], { stdin: '' });
    proc.sendSignal('SIGHUP');
    proc.sendSignal(15);
    for (let i = 0; i < 50 && server.execSignals().length < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(server.execSignals().map((s) => s.signal)).toEqual(['SIGHUP', 'SIGTERM']);
    release();
    await proc.wait();
  });

  it('rejects an empty command', async () => {
    const { client } = await startPebble();
    await expect(client.exec([])).rejects.toThrow('command must contain at least one item');
  });
});
