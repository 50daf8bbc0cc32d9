import { deflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { toDosDateTime, ZIP_EPOCH } from './dos-time.js';
import { entryPathProblem, isDirectoryPath } from './entry-path.js';
import { ArchiveError } from './errors.js';
import type { ZipEntry } from './zip-entry.js';
import {
  CENTRAL_HEADER_SIG,
  CENTRAL_HEADER_SIZE,
  DEFAULT_DIR_MODE,
  DEFAULT_FILE_MODE,
  DOS_DIRECTORY,
  EOCD_SIG,
  EOCD_SIZE,
  FLAG_UTF8,
  LOCAL_HEADER_SIG,
  LOCAL_HEADER_SIZE,
  MAX_UINT16,
  MAX_UINT32,
  METHOD_DEFLATED,
  METHOD_STORED,
  PERMISSION_MASK,
  S_IFDIR,
  S_IFREG,
  VERSION_MADE_BY,
  VERSION_NEEDED_DEFLATED,
  VERSION_NEEDED_STORED,
} from './zip-format.js';

/** Options for writeZip. */
export interface WriteZipOptions {
  /** Timestamp for entries without their own `mtime`; defaults to 1980-01-01 for deterministic output. */
  mtime?: Date;
}

interface PreparedEntry {
  readonly path: string;
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly payload: Buffer;
  readonly externalAttributes: number;
  readonly date: number;
  readonly time: number;
}

/** Builds a ZIP archive from `entries`, in the given order; each file is deflated only when that shrinks it. */
export function writeZip(entries: readonly ZipEntry[], options: WriteZipOptions = {}): Buffer {
  checkPaths(entries);
  if (entries.length > MAX_UINT16) {
    throw new ArchiveError(`too many entries (${entries.length}): zip64 archives are not supported`);
  }
  const prepared = entries.map((entry) => prepare(entry, options.mtime ?? ZIP_EPOCH));
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of prepared) {
    offsets.push(offset);
    const header = localHeader(entry);
    chunks.push(header, entry.name, entry.payload);
    offset += header.length + entry.name.length + entry.payload.length;
    if (offset > MAX_UINT32)
      throw new ArchiveError('archive exceeds 4 GiB: zip64 archives are not supported');
  }
  const directoryStart = offset;
  prepared.forEach((entry, i) => {
    const header = centralHeader(entry, offsets[i] ?? 0);
    chunks.push(header, entry.name);
    offset += header.length + entry.name.length;
  });
  if (offset > MAX_UINT32) throw new ArchiveError('archive exceeds 4 GiB: zip64 archives are not supported');
  chunks.push(endOfCentralDirectory(prepared.length, offset - directoryStart, directoryStart));
  return Buffer.concat(chunks);
}

function checkPaths(entries: readonly ZipEntry[]): void {
  const seen = new Set<string>();
  const files = new Set<string>();
  for (const { path } of entries) {
    const problem = entryPathProblem(path);
    if (problem !== undefined) throw new ArchiveError(problem, path);
    const key = isDirectoryPath(path) ? path.slice(0, -1) : path;
    if (seen.has(key)) throw new ArchiveError('duplicate entry', path);
    seen.add(key);
    if (!isDirectoryPath(path)) files.add(path);
  }
  for (const key of seen) {
    const parts = key.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (files.has(parent)) throw new ArchiveError(`parent "${parent}" is a file`, key);
    }
  }
}

function prepare(entry: ZipEntry, defaultTime: Date): PreparedEntry {
  const isDir = isDirectoryPath(entry.path);
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
  if (isDir && data.length > 0) throw new ArchiveError('directory entry must have empty data', entry.path);
  if (data.length > MAX_UINT32)
    throw new ArchiveError('file exceeds 4 GiB: zip64 is not supported', entry.path);
  const mode = (entry.mode ?? (isDir ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE)) & PERMISSION_MASK;
  const unixMode = (isDir ? S_IFDIR : S_IFREG) | mode;
  const name = Buffer.from(entry.path, 'utf8');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for non-ASCII names
  const ascii = /^[\x00-\x7f]*$/.test(entry.path);
  const deflated = data.length > 0 ? deflateRawSync(data, { level: 9 }) : data;
  const useDeflate = deflated.length < data.length;
  const { date, time } = toDosDateTime(entry.mtime ?? defaultTime);
  return {
    path: entry.path,
    name,
    flags: ascii ? 0 : FLAG_UTF8,
    method: useDeflate ? METHOD_DEFLATED : METHOD_STORED,
    crc: crc32(data),
    size: data.length,
    payload: useDeflate ? deflated : data,
    externalAttributes: ((unixMode << 16) | (isDir ? DOS_DIRECTORY : 0)) >>> 0,
    date,
    time,
  };
}

function versionNeeded(entry: PreparedEntry): number {
  return entry.method === METHOD_DEFLATED ? VERSION_NEEDED_DEFLATED : VERSION_NEEDED_STORED;
}

function localHeader(entry: PreparedEntry): Buffer {
  const b = Buffer.alloc(LOCAL_HEADER_SIZE);
  b.writeUInt32LE(LOCAL_HEADER_SIG, 0);
  b.writeUInt16LE(versionNeeded(entry), 4);
  b.writeUInt16LE(entry.flags, 6);
  b.writeUInt16LE(entry.method, 8);
  b.writeUInt16LE(entry.time, 10);
  b.writeUInt16LE(entry.date, 12);
  b.writeUInt32LE(entry.crc, 14);
  b.writeUInt32LE(entry.payload.length, 18);
  b.writeUInt32LE(entry.size, 22);
  b.writeUInt16LE(entry.name.length, 26);
  b.writeUInt16LE(0, 28);
  return b;
}

function centralHeader(entry: PreparedEntry, localOffset: number): Buffer {
  const b = Buffer.alloc(CENTRAL_HEADER_SIZE);
  b.writeUInt32LE(CENTRAL_HEADER_SIG, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(versionNeeded(entry), 6);
  b.writeUInt16LE(entry.flags, 8);
  b.writeUInt16LE(entry.method, 10);
  b.writeUInt16LE(entry.time, 12);
  b.writeUInt16LE(entry.date, 14);
  b.writeUInt32LE(entry.crc, 16);
  b.writeUInt32LE(entry.payload.length, 20);
  b.writeUInt32LE(entry.size, 24);
  b.writeUInt16LE(entry.name.length, 28);
  // extra length (30), comment length (32), disk number start (34), internal attributes (36): all zero
  b.writeUInt32LE(entry.externalAttributes, 38);
  b.writeUInt32LE(localOffset, 42);
  return b;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(EOCD_SIZE);
  b.writeUInt32LE(EOCD_SIG, 0);
  // disk number (4) and disk with the central directory (6): zero
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
