import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readZip, writeZip, type ZipEntry } from '../src/index.js';
import { centralHeaderOffset } from './helpers.js';

const compressible = Buffer.from('name: my-charm\n'.repeat(200));
const random = randomBytes(4096);

describe('writeZip / readZip', () => {
  it('round-trips files, directories, modes and contents', () => {
    const entries: ZipEntry[] = [
      { path: 'metadata.yaml', data: 'name: demo\n' },
      { path: 'dispatch', data: '#!/bin/sh\nexec node src/charm.js\n', mode: 0o755 },
      { path: 'src/', data: '', mode: 0o750 },
      { path: 'src/charm.js', data: compressible },
      { path: 'src/blob.bin', data: random, mode: 0o600 },
      { path: 'empty.txt', data: '' },
      { path: '..dots../x..', data: 'dots are fine inside names' },
      { path: 'ünïcödé/файл.txt', data: 'utf-8 names' },
    ];
    const read = readZip(writeZip(entries));
    expect(read.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    expect(read.map((e) => e.mode)).toEqual([0o644, 0o755, 0o750, 0o644, 0o600, 0o644, 0o644, 0o644]);
    read.forEach((entry, i) => {
      const data = entries[i]!.data;
      expect(entry.data.equals(typeof data === 'string' ? Buffer.from(data) : data)).toBe(true);
      expect(entry.mtime.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    });
  });

  it('deflates only when that shrinks the data', () => {
    const zip = writeZip([
      { path: 'a.txt', data: compressible },
      { path: 'b.bin', data: random },
    ]);
    expect(zip.readUInt16LE(centralHeaderOffset(zip, 0) + 10)).toBe(8);
    expect(zip.readUInt16LE(centralHeaderOffset(zip, 1) + 10)).toBe(0);
    expect(zip.length).toBeLessThan(compressible.length + random.length);
  });

  it('writes Unix "version made by" and mode in the external attributes', () => {
    const zip = writeZip([
      { path: 'dispatch', data: 'x', mode: 0o755 },
      { path: 'd/', data: '' },
    ]);
    const file = centralHeaderOffset(zip, 0);
    expect(zip.readUInt16LE(file + 4) >> 8).toBe(3);
    expect(zip.readUInt32LE(file + 38)).toBe(0o100755 * 0x10000);
    expect(zip.readUInt32LE(centralHeaderOffset(zip, 1) + 38)).toBe(0o40755 * 0x10000 + 0x10);
  });

  it('is deterministic and honours a given timestamp', () => {
    const entries: ZipEntry[] = [{ path: 'x', data: 'y' }];
    expect(writeZip(entries).equals(writeZip(entries))).toBe(true);
    const when = new Date('2024-05-06T07:08:10Z');
    expect(readZip(writeZip(entries, { mtime: when }))[0]!.mtime).toEqual(when);
    expect(readZip(writeZip([{ ...entries[0]!, mtime: when }]))[0]!.mtime).toEqual(when);
  });

  it('falls back to default modes for archives made on non-Unix hosts', () => {
    const zip = writeZip([
      { path: 'a.txt', data: 'a', mode: 0o755 },
      { path: 'b.txt', data: 'b' },
      { path: 'd/', data: '' },
    ]);
    const attributes = [0x20, 0x21, 0x10];
    attributes.forEach((attribute, i) => {
      const at = centralHeaderOffset(zip, i);
      zip.writeUInt16LE(20, at + 4); // made by MS-DOS
      zip.writeUInt32LE(attribute, at + 38);
    });
    expect(readZip(zip).map((e) => e.mode)).toEqual([0o644, 0o444, 0o755]);
  });

  it('writes and reads an empty archive', () => {
    const zip = writeZip([]);
    expect(zip.length).toBe(22);
    expect(readZip(zip)).toEqual([]);
  });

  it.each([
    ['../evil', 'escapes'],
    ['/etc/passwd', 'absolute path'],
    ['C:/x', 'drive letter'],
    ['a\\b', 'backslash'],
    ['a//b', 'empty segment'],
    ['./a', '`.` segment'],
    ['', 'empty path'],
  ])('refuses to write unsafe path %j', (path, reason) => {
    expect(() => writeZip([{ path, data: 'x' }])).toThrow(ArchiveError);
    expect(() => writeZip([{ path, data: 'x' }])).toThrow(reason);
  });

  it('refuses duplicates, files used as directories and directories with data', () => {
    expect(() =>
      writeZip([
        { path: 'a', data: '1' },
        { path: 'a', data: '2' },
      ]),
    ).toThrow('a: duplicate entry');
    expect(() =>
      writeZip([
        { path: 'a', data: '1' },
        { path: 'a/b', data: '2' },
      ]),
    ).toThrow('a/b: parent "a" is a file');
    expect(() => writeZip([{ path: 'd/', data: 'x' }])).toThrow('d/: directory entry must have empty data');
  });
});
