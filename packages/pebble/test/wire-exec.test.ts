// Exec as Pebble v1.32 answers it, through raw HTTP + websockets (a client that never sends stdin EOF,
// like ops' Python client with stdin=None) and through our client.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APIError, ChangeError } from '../src/index.js';
import { startPebble } from './helpers.js';
import { message, openWs, raw } from './raw-http.js';

describe('exec starts when the websockets connect (cmdstate/handlers.go doExec, (*execution).do)', () => {
  it('finishes `true` without any stdin end frame from the client', async () => {
    const { server } = await startPebble({ execHandler: () => ({ exitCode: 0, stdout: 'ok\n' }) });
    const post = await raw(server.socketPath, 'POST', '/v1/exec', {
      command: ['true'],
      'split-stderr': true,
    });
    expect(post.status).toBe(202);
    const taskId = String((post.body.result as Record<string, unknown>)['task-id']);
    await openWs(server.socketPath, taskId, 'control');
    const stdio = await openWs(server.socketPath, taskId, 'stdio');
    const stderr = await openWs(server.socketPath, taskId, 'stderr');
    // No stdin frames and no end frame are ever sent.
    const wait = await raw(server.socketPath, 'GET', `/v1/changes/${post.body.change}/wait?timeout=5s`);
    const change = wait.body.result as { status: string; tasks: { data: Record<string, unknown> }[] };
    expect(change.status).toBe('Done');
    expect(change.tasks[0]?.data['exit-code']).toBe(0);
    await stdio.closed;
    expect(stdio.frames.map(String)).toEqual(['ok\n', '{"command":"end"}']);
    expect(stderr.frames).toEqual(['{"command":"end"}']);
  });

  it.each([
    // Go's Duration.String() in `timed out after %v: %w`.
    ['500ms', 'timed out after 500ms: context deadline exceeded'],
    ['0.25s', 'timed out after 250ms: context deadline exceeded'],
    ['1.5s', 'timed out after 1.5s: context deadline exceeded'],
  ])('the timeout %s fires for a command waiting on stdin that never ends', async (timeout, err) => {
    const { server } = await startPebble({
      execHandler: async ({ readStdin }) => ({ exitCode: 0, stdout: await readStdin() }),
    });
    const post = await raw(server.socketPath, 'POST', '/v1/exec', { command: ['cat'], timeout });
    const taskId = String((post.body.result as Record<string, unknown>)['task-id']);
    await openWs(server.socketPath, taskId, 'control');
    await openWs(server.socketPath, taskId, 'stdio');
    const wait = await raw(server.socketPath, 'GET', `/v1/changes/${post.body.change}/wait?timeout=5s`);
    const change = wait.body.result as {
      status: string;
      err: string;
      tasks: { data: Record<string, unknown> }[];
    };
    expect(change.status).toBe('Error');
    expect(change.err).toContain(err);
    expect(change.tasks[0]?.data['exit-code']).toBe(-1);
  });

  it('our client: exec(["true"]).wait() and a streamed stdin both work', async () => {
    const { client } = await startPebble({
      execHandler: async ({ command, readStdin }) =>
        command[0] === 'true' ? { exitCode: 0 } : { exitCode: 0, stdout: await readStdin() },
    });
    expect(await (await client.exec(['true'])).wait()).toBe(0);
    const cat = await client.exec(['cat']);
    cat.stdin?.end('piped');
    expect((await cat.waitOutput()).stdout).toBe('piped');
    // Our client ends stdin on wait(), so `cat` finishes before its timeout.
    expect(await (await client.exec(['cat'], { timeout: 2 })).wait()).toBe(0);
  });

  it('our client: a command outliving its timeout fails with the Go duration text', async () => {
    const { client } = await startPebble({ execHandler: () => new Promise(() => {}) });
    const err = (await (
      await client.exec(['sleep'], { timeout: 0.5 })
    )
      .wait()
      .catch((e: unknown) => e)) as ChangeError;
    expect(err).toBeInstanceOf(ChangeError);
    expect(err.err).toContain('timed out after 500ms: context deadline exceeded');
  });
});

describe('POST /v1/exec refusals make no change (api_exec.go v1PostExec, cmdstate/request.go getWorkingDir)', () => {
  const missing = (name: string) => name !== 'nope';
  it.each([
    ['missing executable', { command: ['nope'] }, 400, 'cannot find executable "nope"'],
    ['no command', { command: [] }, 400, 'must specify command'],
    [
      'bad timeout',
      { command: ['ls'], timeout: 'soon' },
      400,
      'invalid timeout: time: invalid duration "soon"',
    ],
    [
      'missing working dir',
      { command: ['ls'], 'working-dir': '/nowhere' },
      500,
      'cannot call exec: working directory "/nowhere" does not exist',
    ],
    [
      'working dir is a file',
      { command: ['ls'], 'working-dir': '/file' },
      500,
      'cannot call exec: working directory "/file" not a directory',
    ],
    [
      'missing HOME as default dir',
      { command: ['ls'], environment: { HOME: '/home/ghost' } },
      500,
      'cannot call exec: home directory "/home/ghost" does not exist',
    ],
  ])('%s', async (_name, body, status, text) => {
    const { server, client, root } = await startPebble({ execLookup: missing });
    await writeFile(join(root, 'file'), '');
    const resp = await raw(server.socketPath, 'POST', '/v1/exec', body);
    expect([resp.status, message(resp)]).toEqual([status, text]);
    expect(server.changes()).toEqual([]);
    // The same through our client (it refuses an empty command itself and always sends a valid timeout).
    const { command } = body as { command: string[] };
    if (command.length === 0 || 'timeout' in body) return;
    const err = (await client
      .exec(command, {
        ...('working-dir' in body ? { workingDir: body['working-dir'] } : {}),
        ...('environment' in body ? { environment: body.environment } : {}),
      })
      .catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect([err.code, err.detail]).toEqual([status, text]);
  });

  it('reports the working dir and environment in the result, as Pebble does', async () => {
    const { server, root } = await startPebble();
    await mkdir(join(root, 'srv'));
    const resp = await raw(server.socketPath, 'POST', '/v1/exec', {
      command: ['ls'],
      'working-dir': '/srv',
      environment: { A: '1' },
    });
    expect(resp.body.result).toMatchObject({ 'working-dir': '/srv', environment: { A: '1' } });
  });
});
