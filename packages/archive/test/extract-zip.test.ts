import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError, extractZip, writeZip, zipDirectory } from '../src/index.js';
import { replaceBytes, tempDir } from './helpers.js';

describe('extractZip', () => {
  it('writes files and directories with their modes', () => {
    const src = tempDir();
    writeFileSync(join(src, 'dispatch'), '#!/bin/sh\n');
    chmodSync(join(src, 'dispatch'), 0o755);
    mkdirSync(join(src, 'hooks'));
    writeFileSync(join(src, 'hooks', 'install'), 'x'.repeat(1000));
    chmodSync(join(src, 'hooks', 'install'), 0o700);
    writeFileSync(join(src, 'config.yaml'), 'options: {}\n');
    writeFileSync(join(src, '..hidden'), 'dots');
    chmodSync(join(src, 'config.yaml'), 0o600);

    const dest = join(tempDir(), 'unpacked');
    extractZip(zipDirectory(src), dest);
    expect(statSync(join(dest, 'dispatch')).mode & 0o777).toBe(0o755);
    expect(statSync(join(dest, 'hooks', 'install')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dest, 'config.yaml')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dest, 'hooks', 'install'), 'utf8')).toBe('x'.repeat(1000));
    expect(readFileSync(join(dest, '..hidden'), 'utf8')).toBe('dots');
  });

  it('applies directory modes after writing their contents', () => {
    const dest = tempDir();
    extractZip(
      writeZip([
        { path: 'ro/', data: '', mode: 0o555 },
        { path: 'ro/file', data: 'inside' },
        { path: 'empty/', data: '', mode: 0o700 },
      ]),
      dest,
    );
    expect(statSync(join(dest, 'ro')).mode & 0o777).toBe(0o555);
    expect(statSync(join(dest, 'empty')).mode & 0o777).toBe(0o700);
    expect(readFileSync(join(dest, 'ro', 'file'), 'utf8')).toBe('inside');
    chmodSync(join(dest, 'ro'), 0o755);
  });

  it.each([
    ['xx/evil.txt', '../evil.txt', 'escapes the destination'],
    ['a/b/c/d/evil', 'a/../../evil', 'escapes the destination'],
    ['etc/passwd1', '/etc/passwd', 'absolute path'],
    ['C_/evil', 'C:/evil', 'drive letter'],
    ['xx_evil', '..\\evil', 'backslash'],
  ])('refuses an entry named %j → %j', (safe, forged, reason) => {
    const evil = replaceBytes(
      writeZip([
        { path: 'ok.txt', data: 'fine' },
        { path: safe, data: 'pwned' },
      ]),
      safe,
      forged,
    );
    const parent = tempDir();
    const dest = join(parent, 'dest');
    let error: unknown;
    try {
      extractZip(evil, dest);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ArchiveError);
    expect((error as ArchiveError).entry).toBe(forged);
    expect((error as ArchiveError).message).toContain(`${forged}: refusing to extract`);
    expect((error as ArchiveError).message).toContain(reason);
    // Nothing was written: not even the safe entry, and nothing beside the destination.
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
  });
});
