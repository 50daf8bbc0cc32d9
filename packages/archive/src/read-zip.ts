import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { fromDosDateTime } from './dos-time.js';
import { locateCentralDirectory } from './end-of-central-directory.js';
import { ArchiveError } from './errors.js';
import type { ReadZipEntry } from './zip-entry.js';
import {
  CENTRAL_HEADER_SIG,
  CENTRAL_HEADER_SIZE,
  DEFAULT_DIR_MODE,
  DEFAULT_FILE_MODE,
  DOS_DIRECTORY,
  DOS_READONLY,
  FLAG_ENCRYPTED,
  FLAG_MASKED_DIRECTORY,
  FLAG_STRONG_ENCRYPTION,
  HOST_UNIX,
  LOCAL_HEADER_SIG,
  LOCAL_HEADER_SIZE,
  MAX_UINT32,
  METHOD_DEFLATED,
  METHOD_STORED,
  PERMISSION_MASK,
  S_IFDIR,
  S_IFMT,
  S_IFREG,
} from './zip-format.js';

const ZIP64_EXTRA_ID = 0x0001;

interface CentralRecord {
  readonly path: string;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
  readonly mode: number;
  readonly mtime: Date;
}

/** Limits of {@link readZip}: a hostile archive must not make the reader allocate without bound. */
export interface ReadZipOptions {
  /** Largest total of the entries' unpacked sizes, checked before anything is inflated (default 1 GiB). */
  maxUnpackedBytes?: number;
}

/** Default bound on an archive's unpacked size. */
export const DEFAULT_MAX_UNPACKED_BYTES = 1024 ** 3;

/**
 * Reads every entry of a ZIP archive via its central directory (stored or deflated only; CRCs verified).
 * The declared sizes are summed before any entry is inflated, and inflating never goes past an entry's
 * declared size, so a zip bomb is refused without being expanded.
 */
export function readZip(buf: Buffer, options: ReadZipOptions = {}): ReadZipEntry[] {
  const limit = options.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
  const { count, offset } = locateCentralDirectory(buf);
  const records: CentralRecord[] = [];
  let position = offset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const { record, next } = readCentralRecord(buf, position, i);
    position = next;
    total += record.size;
    if (total > limit) {
      throw new ArchiveError(
        `archive too large: its entries unpack to more than ${limit} bytes (the limit)`,
        record.path,
      );
    }
    records.push(record);
  }
  return records.map((record) => ({
    path: record.path,
    data: readData(buf, record),
    mode: record.mode,
    mtime: record.mtime,
  }));
}

function readCentralRecord(buf: Buffer, at: number, index: number): { record: CentralRecord; next: number } {
  if (at + CENTRAL_HEADER_SIZE > buf.length || buf.readUInt32LE(at) !== CENTRAL_HEADER_SIG) {
    throw new ArchiveError(`corrupt archive: central directory entry #${index} not found at offset ${at}`);
  }
  const madeBy = buf.readUInt16LE(at + 4);
  const flags = buf.readUInt16LE(at + 8);
  const method = buf.readUInt16LE(at + 10);
  const time = buf.readUInt16LE(at + 12);
  const date = buf.readUInt16LE(at + 14);
  const crc = buf.readUInt32LE(at + 16);
  const compressedSize = buf.readUInt32LE(at + 20);
  const size = buf.readUInt32LE(at + 24);
  const nameLength = buf.readUInt16LE(at + 28);
  const extraLength = buf.readUInt16LE(at + 30);
  const commentLength = buf.readUInt16LE(at + 32);
  const diskStart = buf.readUInt16LE(at + 34);
  const externalAttributes = buf.readUInt32LE(at + 38);
  const localOffset = buf.readUInt32LE(at + 42);
  const nameStart = at + CENTRAL_HEADER_SIZE;
  const next = nameStart + nameLength + extraLength + commentLength;
  if (next > buf.length)
    throw new ArchiveError(`corrupt archive: central directory entry #${index} is truncated`);
  const path = buf.toString('utf8', nameStart, nameStart + nameLength);
  const extra = buf.subarray(nameStart + nameLength, nameStart + nameLength + extraLength);

  if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION | FLAG_MASKED_DIRECTORY)) {
    throw new ArchiveError('encrypted entries are not supported', path);
  }
  if (method !== METHOD_STORED && method !== METHOD_DEFLATED) {
    throw new ArchiveError(`unsupported compression method ${method} (only stored and deflated)`, path);
  }
  if (
    hasExtraField(extra, ZIP64_EXTRA_ID) ||
    compressedSize === MAX_UINT32 ||
    size === MAX_UINT32 ||
    localOffset === MAX_UINT32
  ) {
    throw new ArchiveError('zip64 entries are not supported', path);
  }
  if (diskStart !== 0) throw new ArchiveError('multi-disk archives are not supported', path);
  const mode = entryMode(path, madeBy >> 8, externalAttributes);
  const record = {
    path,
    flags,
    method,
    crc,
    compressedSize,
    size,
    localOffset,
    mode,
    mtime: fromDosDateTime(date, time),
  };
  return { record, next };
}

function hasExtraField(extra: Buffer, id: number): boolean {
  for (let i = 0; i + 4 <= extra.length; i += 4 + extra.readUInt16LE(i + 2)) {
    if (extra.readUInt16LE(i) === id) return true;
  }
  return false;
}

function entryMode(path: string, host: number, externalAttributes: number): number {
  const isDir = path.endsWith('/');
  const unixMode = externalAttributes >>> 16;
  if (host === HOST_UNIX && unixMode !== 0) {
    const type = unixMode & S_IFMT;
    if (type !== 0 && type !== (isDir ? S_IFDIR : S_IFREG)) {
      const what = type === 0o120000 ? 'symbolic links are' : `file type 0o${type.toString(8)} is`;
      throw new ArchiveError(`${what} not supported (only regular files and directories)`, path);
    }
    return unixMode & PERMISSION_MASK;
  }
  if (isDir || externalAttributes & DOS_DIRECTORY) return DEFAULT_DIR_MODE;
  return externalAttributes & DOS_READONLY ? DEFAULT_FILE_MODE & ~0o222 : DEFAULT_FILE_MODE;
}

function readData(buf: Buffer, record: CentralRecord): Buffer {
  const at = record.localOffset;
  if (at + LOCAL_HEADER_SIZE > buf.length || buf.readUInt32LE(at) !== LOCAL_HEADER_SIG) {
    throw new ArchiveError(`corrupt archive: local header not found at offset ${at}`, record.path);
  }
  const start = at + LOCAL_HEADER_SIZE + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + record.compressedSize;
  if (end > buf.length) throw new ArchiveError('corrupt archive: entry data is truncated', record.path);
  const raw = buf.subarray(start, end);
  let data: Buffer;
  if (record.method === METHOD_STORED) {
    data = Buffer.from(raw);
  } else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(record.size, 1) });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ArchiveError(`corrupt deflate data: ${reason}`, record.path);
    }
  }
  if (data.length !== record.size) {
    throw new ArchiveError(`size mismatch: expected ${record.size} bytes, got ${data.length}`, record.path);
  }
  const actual = crc32(data);
  if (actual !== record.crc) {
    throw new ArchiveError(`CRC-32 mismatch: expected ${hex(record.crc)}, got ${hex(actual)}`, record.path);
  }
  return data;
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}
