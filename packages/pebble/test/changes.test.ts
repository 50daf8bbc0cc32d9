import { describe, expect, it } from 'vitest';
import { APIError, TimeoutError } from '../src/index.js';
import type { ExecHandler } from '../src/server/index.js';
import { startPebble } from './helpers.js';

/** An exec handler that finishes only when `release()` is called. */
function gated(): { handler: ExecHandler; release: () => void } {
  let release = (): void => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  const handler: ExecHandler = async () => {
    await gate;
    return { exitCode: 0, stdout: 'done' };
  };
  return { handler, release };
}

describe('waitChange', () => {
  it('returns once a pending change becomes ready', async () => {
    const { handler, release } = gated();
    const { client } = await startPebble({ execHandler: handler });
    const proc = await client.exec(['slow'], { stdin: '' });
    const changes = await client.getChanges();
    expect(changes).toHaveLength(1);
    const id = changes[0]?.id ?? '';
    setTimeout(release, 100);
    const change = await client.waitChange(id, { timeout: 5 });
    expect(change).toMatchObject({ ready: true, status: 'Done' });
    expect(change.tasks[0]?.data['exit-code']).toBe(0);
    await proc.wait();
  });

  it('raises TimeoutError with the ops text when the change stays pending', async () => {
    const { handler, release } = gated();
    const { client } = await startPebble({ execHandler: handler });
    await client.exec(['slow'], { stdin: '' });
    const id = (await client.getChanges())[0]?.id ?? '';
    const started = Date.now();
    const err = await client.waitChange(id, { timeout: 0.3 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TimeoutError);
    expect((err as Error).message).toBe(`timed out waiting for change ${id} (0.3 seconds)`);
    expect(Date.now() - started).toBeLessThan(2000);
    release();
  });

  it('keeps waiting across /wait slices shorter than the total timeout', async () => {
    const { handler, release } = gated();
    // Client timeout 1.5 s -> slices of 1 s; the change finishes after ~1.3 s.
    const { client } = await startPebble({ execHandler: handler }, 1.5);
    await client.exec(['slow'], { stdin: '' });
    const id = (await client.getChanges())[0]?.id ?? '';
    setTimeout(release, 1300);
    const change = await client.waitChange(id, { timeout: 5 });
    expect(change.ready).toBe(true);
  });

  it('falls back to polling when the server has no /wait endpoint', async () => {
    const { handler, release } = gated();
    const { client } = await startPebble({ execHandler: handler, disableWaitEndpoint: true });
    await client.exec(['slow'], { stdin: '' });
    const id = (await client.getChanges())[0]?.id ?? '';
    setTimeout(release, 150);
    const change = await client.waitChange(id, { timeout: 5, delay: 0.02 });
    expect(change.status).toBe('Done');
    await expect(client.waitChange(id, { timeout: 1 })).resolves.toMatchObject({ ready: true });
  });
});

describe('abortChange', () => {
  it('aborts a pending change and refuses to abort a finished one', async () => {
    const { handler, release } = gated();
    const { client } = await startPebble({ execHandler: handler });
    await client.exec(['slow'], { stdin: '' });
    const id = (await client.getChanges())[0]?.id ?? '';
    const aborted = await client.abortChange(id);
    expect(aborted.ready).toBe(true);
    expect(aborted.status).toBe('Error');
    expect(aborted.err).toContain('task aborted');
    const err = (await client.abortChange(id).catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.detail).toBe(`cannot abort change ${id} with nothing pending`);
    release();
  });
});
