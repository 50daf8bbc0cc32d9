import { chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readZip, zipDirectory } from '../src/index.js';
import { tempDir } from './helpers.js';

function makeCharmDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'metadata.yaml'), 'name: demo\n');
  writeFileSync(join(dir, 'dispatch'), '#!/bin/sh\nexec node src/charm.js\n');
  chmodSync(join(dir, 'dispatch'), 0o755);
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'charm.js'), 'console.log("hi");\n'.repeat(50));
  writeFileSync(join(dir, 'src', 'a.js'), 'export {};\n');
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'README.md'), '# demo\n');
  return dir;
}

describe('zipDirectory', () => {
  it('walks sorted, keeps modes and empty directories', () => {
    const entries = readZip(zipDirectory(makeCharmDir()));
    expect(entries.map((e) => e.path)).toEqual([
      'README.md',
      'dispatch',
      'empty/',
      'metadata.yaml',
      'src/a.js',
      'src/charm.js',
    ]);
    const byPath = new Map(entries.map((e) => [e.path, e]));
    expect(byPath.get('dispatch')!.mode).toBe(0o755);
    expect(byPath.get('metadata.yaml')!.mode).toBe(0o644);
    expect(byPath.get('src/charm.js')!.data.toString()).toBe('console.log("hi");\n'.repeat(50));
  });

  it('is deterministic regardless of file timestamps', () => {
    const dir = makeCharmDir();
    const first = zipDirectory(dir);
    utimesSync(join(dir, 'dispatch'), new Date('2020-01-01'), new Date('2020-01-01'));
    const second = zipDirectory(dir);
    expect(first.equals(second)).toBe(true);
    for (const entry of readZip(first)) expect(entry.mtime.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    const when = new Date('2023-03-04T05:06:08Z');
    expect(readZip(zipDirectory(dir, { mtime: when }))[0]!.mtime).toEqual(when);
  });

  it('follows symlinks and reports dangling ones and cycles', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'real.txt'), 'real');
    symlinkSync('real.txt', join(dir, 'link.txt'));
    expect(readZip(zipDirectory(dir)).map((e) => [e.path, e.data.toString()])).toEqual([
      ['link.txt', 'real'],
      ['real.txt', 'real'],
    ]);
    symlinkSync('missing', join(dir, 'dangling'));
    expect(() => zipDirectory(dir)).toThrow('dangling: dangling symlink');
    const cyclic = tempDir();
    mkdirSync(join(cyclic, 'sub'));
    symlinkSync('..', join(cyclic, 'sub', 'up'));
    expect(() => zipDirectory(cyclic)).toThrow('sub/up: symlink cycle');
  });

  it('rejects a path that is not a directory', () => {
    const dir = tempDir();
    expect(() => zipDirectory(join(dir, 'nope'))).toThrow(ArchiveError);
  });
});
