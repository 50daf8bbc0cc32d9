import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APIError, PathError } from '../src/index.js';
import { startPebble } from './helpers.js';

describe('push and pull', () => {
  it('round-trips text and binary content through the container filesystem', async () => {
    const { client, root } = await startPebble();
    await client.push('/etc/app.conf', 'port: 80\n', { makeDirs: true });
    expect(await readFile(join(root, 'etc/app.conf'), 'utf8')).toBe('port: 80\n');
    expect(await client.pull('/etc/app.conf')).toBe('port: 80\n');
    const bytes = Buffer.from([0, 1, 2, 13, 10, 45, 45, 255]);
    await client.push('/etc/blob', bytes);
    const back = await client.pull('/etc/blob', { encoding: null });
    expect(back.equals(bytes)).toBe(true);
  });

  it('applies permissions to pushed files', async () => {
    const { client, root } = await startPebble();
    await client.push('/secret', 'x', { permissions: 0o600 });
    expect((await stat(join(root, 'secret'))).mode & 0o777).toBe(0o600);
    const [info] = await client.listFiles('/secret');
    expect(info?.permissions).toBe('600');
  });

  it('handles paths with quotes in their names', async () => {
    const { client } = await startPebble();
    await client.push('/we"ird', 'q');
    expect(await client.pull('/we"ird')).toBe('q');
  });

  it('raises PathError not-found for a missing file and a missing parent without makeDirs', async () => {
    const { client } = await startPebble();
    const pullErr = (await client.pull('/nope').catch((e: unknown) => e)) as PathError;
    expect(pullErr).toBeInstanceOf(PathError);
    expect(pullErr.kind).toBe('not-found');
    expect(pullErr.message).toBe('not-found - stat /nope: no such file or directory');
    const pushErr = (await client.push('/no/such/dir/f', 'x').catch((e: unknown) => e)) as PathError;
    expect(pushErr).toBeInstanceOf(PathError);
    expect(pushErr.kind).toBe('not-found');
  });

  it('refuses to read a directory', async () => {
    const { client } = await startPebble();
    await client.makeDir('/d');
    const err = (await client.pull('/d').catch((e: unknown) => e)) as PathError;
    expect(err.kind).toBe('generic-file-error');
    expect(err.detail).toBe('can only read a regular file: "/d"');
  });

  it('cannot escape filesRoot with ..', async () => {
    const { client, root, dir } = await startPebble();
    await writeFile(join(dir, 'outside'), 'secret');
    await client.push('/../../outside', 'inside');
    expect(await readFile(join(dir, 'outside'), 'utf8')).toBe('secret');
    expect(await readFile(join(root, 'outside'), 'utf8')).toBe('inside');
  });
});

describe('listFiles', () => {
  it('lists a directory with types, sizes and a pattern filter', async () => {
    const { client, root } = await startPebble();
    await mkdir(join(root, 'data/sub'), { recursive: true });
    await writeFile(join(root, 'data/a.txt'), 'abc');
    await writeFile(join(root, 'data/b.log'), '');
    const all = await client.listFiles('/data');
    expect(all.map((f) => [f.name, f.path, f.type])).toEqual([
      ['a.txt', '/data/a.txt', 'file'],
      ['b.log', '/data/b.log', 'file'],
      ['sub', '/data/sub', 'directory'],
    ]);
    expect(all[0]?.size).toBe(3);
    expect((await client.listFiles('/data', { pattern: '*.txt' })).map((f) => f.name)).toEqual(['a.txt']);
    const itself = await client.listFiles('/data', { itself: true });
    expect(itself.map((f) => [f.path, f.type])).toEqual([['/data', 'directory']]);
  });

  it('is a 404 APIError for a missing path (what Container.exists relies on)', async () => {
    const { client } = await startPebble();
    const err = (await client.listFiles('/missing').catch((e: unknown) => e)) as APIError;
    expect(err).toBeInstanceOf(APIError);
    expect(err.code).toBe(404);
    expect(err.kind).toBe('not-found');
  });
});

describe('makeDir and removePath', () => {
  it('creates directories, with parents when asked', async () => {
    const { client, root } = await startPebble();
    const err = (await client.makeDir('/a/b/c').catch((e: unknown) => e)) as PathError;
    expect(err.kind).toBe('not-found');
    await client.makeDir('/a/b/c', { makeParents: true, permissions: 0o700 });
    expect((await stat(join(root, 'a/b/c'))).mode & 0o777).toBe(0o700);
    await client.makeDir('/a/b/c', { makeParents: true });
    const exists = (await client.makeDir('/a').catch((e: unknown) => e)) as PathError;
    expect(exists.kind).toBe('generic-file-error');
    expect(exists.detail).toBe('mkdir /a: file exists');
  });

  it('removes files, refuses non-empty directories unless recursive', async () => {
    const { client, root } = await startPebble();
    await client.push('/tree/leaf', 'x', { makeDirs: true });
    const err = (await client.removePath('/tree').catch((e: unknown) => e)) as PathError;
    expect(err.kind).toBe('generic-file-error');
    expect(err.detail).toBe('remove /tree: directory not empty');
    await client.removePath('/tree/leaf');
    await client.push('/tree/leaf', 'x');
    await client.removePath('/tree', { recursive: true });
    await expect(stat(join(root, 'tree'))).rejects.toThrow();
    await client.removePath('/tree', { recursive: true });
    expect(((await client.removePath('/tree').catch((e: unknown) => e)) as PathError).kind).toBe('not-found');
  });
});
