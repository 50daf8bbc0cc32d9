// Hostile archives: a zip bomb is refused before it is inflated, and an archive that cannot be extracted
// whole is refused before anything is written (issue 12, defects 11 and 13).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArchiveError, assertExtractable, extractZip, readZip, writeZip } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('readZip bounds the unpacked size', () => {
  it('refuses an archive whose entries unpack beyond the limit, before inflating them', () => {
    // 16 MiB of zeros deflate to ~16 KiB: the declared sizes give the bomb away.
    const bomb = writeZip([
      { path: 'a', data: Buffer.alloc(8 * 1024 ** 2) },
      { path: 'b', data: Buffer.alloc(8 * 1024 ** 2) },
    ]);
    expect(bomb.length).toBeLessThan(1024 ** 2);
    expect(() => readZip(bomb, { maxUnpackedBytes: 12 * 1024 ** 2 })).toThrow(
      /^b: archive too large: its entries unpack to more than 12582912 bytes/,
    );
    expect(readZip(bomb, { maxUnpackedBytes: 16 * 1024 ** 2 })).toHaveLength(2);
  });

  it('an entry that inflates past its declared size is a size mismatch', () => {
    const zip = writeZip([{ path: 'big', data: 'abc'.repeat(1000) }]);
    // Lower the declared size in the central directory: inflate stops there and the sizes differ.
    const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(10, central + 24);
    expect(() => readZip(zip)).toThrow(/^big: (size mismatch|corrupt deflate data)/);
  });
});

describe('assertExtractable', () => {
  const cases: [string, string[], RegExp | undefined][] = [
    ['a plain tree', ['dispatch', 'src/', 'src/charm.js'], undefined],
    ['a `..` escape', ['dispatch', '../evil'], /^\.\.\/evil: refusing to extract: path escapes/],
    ['an absolute path', ['/etc/passwd'], /absolute path/],
    ['a duplicate', ['a', 'a'], /^a: refusing to extract: duplicate entry$/],
    ['an entry below a file', ['a', 'a/b'], /^a\/b: refusing to extract: parent "a" is a file$/],
  ];
  it.each(cases)('%s', (_name, paths, error) => {
    const check = () => assertExtractable(paths.map((path) => ({ path })));
    if (error) expect(check).toThrow(error);
    else expect(check).not.toThrow();
  });

  it('extractZip writes nothing when one entry is bad', () => {
    const zip = writeZip([{ path: 'dispatch', data: 'x' }]);
    // Rename the entry to `../x` in both headers (same length as `dispatch` is not needed: patch bytes).
    const evil = Buffer.from(zip.toString('latin1').replaceAll('dispatch', '../x/abc'), 'latin1');
    const dest = join(tempDir(), 'out');
    expect(() => extractZip(evil, dest)).toThrow(ArchiveError);
    expect(existsSync(dest) ? readdirSync(dest) : []).toEqual([]);
  });

  it('modeMask drops group and other bits', () => {
    const dest = tempDir();
    extractZip(writeZip([{ path: 'dispatch', data: '#!/bin/sh\n', mode: 0o755 }]), dest, {
      modeMask: 0o700,
    });
    expect(statSync(join(dest, 'dispatch')).mode & 0o777).toBe(0o700);
  });
});
