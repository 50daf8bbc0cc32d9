import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ArchiveError, readZip, writeZip } from '../src/index.js';
import { centralHeaderOffset, eocdOffset, hasCommand, python, tempDir } from './helpers.js';

const sample = (): Buffer =>
  writeZip([
    { path: 'ok.txt', data: 'fine' },
    { path: 'secret.txt', data: 'stored data' },
  ]);

function expectArchiveError(buf: Buffer, message: string | RegExp): ArchiveError {
  let error: unknown;
  try {
    readZip(buf);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ArchiveError);
  expect((error as ArchiveError).message).toMatch(message);
  return error as ArchiveError;
}

describe('readZip on bad input', () => {
  it('rejects buffers that are not zips', () => {
    expectArchiveError(Buffer.alloc(0), /^not a zip archive: empty buffer$/);
    expectArchiveError(
      Buffer.from('hello world, definitely not a zip'),
      /^not a zip archive: no end of central/,
    );
    expectArchiveError(randomBytes(10_000).fill(0, 0, 4), /^not a zip archive/);
    expectArchiveError(Buffer.from('%PDF-1.4 ...'), /not a zip archive.*"%PDF"/);
  });

  it('rejects a truncated archive', () => {
    const zip = sample();
    expectArchiveError(zip.subarray(0, zip.length - 5), /^not a zip archive/);
    expectArchiveError(zip.subarray(20), /corrupt archive/);
  });

  it('detects CRC mismatches, naming the entry', () => {
    const zip = sample();
    const at = zip.indexOf('stored data');
    zip.write('STORED', at, 'latin1');
    const error = expectArchiveError(zip, /^secret\.txt: CRC-32 mismatch/);
    expect(error.entry).toBe('secret.txt');
  });

  it('detects corrupt deflate streams', () => {
    const zip = writeZip([{ path: 'big.txt', data: 'abc'.repeat(1000) }]);
    zip.fill(0xff, 30 + 'big.txt'.length, 30 + 'big.txt'.length + 4);
    expectArchiveError(zip, /^big\.txt: (corrupt deflate data|size mismatch|CRC-32 mismatch)/);
  });

  it('rejects encrypted entries, naming the file', () => {
    const zip = sample();
    const at = centralHeaderOffset(zip, 1);
    zip.writeUInt16LE(zip.readUInt16LE(at + 8) | 1, at + 8);
    const error = expectArchiveError(zip, 'secret.txt: encrypted entries are not supported');
    expect(error.entry).toBe('secret.txt');
  });

  it('rejects unsupported compression methods, naming the file', () => {
    const zip = sample();
    zip.writeUInt16LE(12, centralHeaderOffset(zip, 0) + 10);
    expectArchiveError(zip, 'ok.txt: unsupported compression method 12');
  });

  it('rejects zip64 archives and entries', () => {
    const withMarker = sample();
    withMarker.writeUInt32LE(0xffffffff, centralHeaderOffset(withMarker, 1) + 24);
    expectArchiveError(withMarker, 'secret.txt: zip64 entries are not supported');
    const manyEntries = sample();
    manyEntries.writeUInt16LE(0xffff, eocdOffset(manyEntries) + 8);
    manyEntries.writeUInt16LE(0xffff, eocdOffset(manyEntries) + 10);
    expectArchiveError(manyEntries, /zip64 archives are not supported/);
  });

  it('rejects multi-disk archives', () => {
    const zip = sample();
    zip.writeUInt16LE(1, eocdOffset(zip) + 4);
    expectArchiveError(zip, /multi-disk/);
  });

  it('rejects symlink entries, naming the file', () => {
    const zip = sample();
    zip.writeUInt32LE(0o120777 * 0x10000, centralHeaderOffset(zip, 0) + 38);
    expectArchiveError(zip, 'ok.txt: symbolic links are not supported');
  });

  it.runIf(hasCommand('python3'))('rejects a Python-made zip64 archive (65536 entries)', () => {
    const file = `${tempDir()}/z64.zip`;
    python(
      [
        'import sys, zipfile',
        'with zipfile.ZipFile(sys.argv[1], "w") as z:',
        '  for i in range(65536): z.writestr(str(i), b"")',
      ].join('\n'),
      file,
    );
    expectArchiveError(readFileSync(file), 'unsupported archive: zip64 archives are not supported');
  });

  it('reads a local header carrying a zip64 extra field when the central directory does not need it', () => {
    const zip = sample();
    // Local extra fields are skipped by length; only the central directory decides.
    const local = Buffer.concat([
      zip.subarray(0, 28),
      Buffer.from([20, 0]),
      zip.subarray(30, 36),
      Buffer.from([1, 0, 16, 0]),
      Buffer.alloc(16),
      zip.subarray(36),
    ]);
    const shift = 20;
    const eocd = eocdOffset(local);
    local.writeUInt32LE(local.readUInt32LE(eocd + 16) + shift, eocd + 16);
    const second = centralHeaderOffset(local, 1);
    local.writeUInt32LE(local.readUInt32LE(second + 42) + shift, second + 42);
    expect(readZip(local).map((e) => e.data.toString())).toEqual(['fine', 'stored data']);
  });
});
