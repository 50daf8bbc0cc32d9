import { ArchiveError } from './errors.js';
import {
  EOCD_SIG,
  EOCD_SIZE,
  MAX_UINT16,
  MAX_UINT32,
  ZIP64_LOCATOR_SIG,
  ZIP64_LOCATOR_SIZE,
} from './zip-format.js';

/** Where the central directory lives, according to the end of central directory record. */
export interface CentralDirectoryLocation {
  readonly count: number;
  readonly offset: number;
  readonly size: number;
}

const MAX_COMMENT = 0xffff;

/** Finds and validates the end of central directory record of `buf`; rejects non-zips, zip64 and multi-disk archives. */
export function locateCentralDirectory(buf: Buffer): CentralDirectoryLocation {
  if (buf.length === 0) throw new ArchiveError('not a zip archive: empty buffer');
  const eocd = findRecord(buf);
  if (eocd < 0) {
    throw new ArchiveError(
      `not a zip archive: no end of central directory record in ${buf.length} bytes` +
        ` (starts with ${JSON.stringify(buf.subarray(0, 4).toString('latin1'))})`,
    );
  }
  const disk = buf.readUInt16LE(eocd + 4);
  const directoryDisk = buf.readUInt16LE(eocd + 6);
  const countOnDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  const hasLocator =
    eocd >= ZIP64_LOCATOR_SIZE && buf.readUInt32LE(eocd - ZIP64_LOCATOR_SIZE) === ZIP64_LOCATOR_SIG;
  if (hasLocator || count === MAX_UINT16 || size === MAX_UINT32 || offset === MAX_UINT32) {
    throw new ArchiveError('unsupported archive: zip64 archives are not supported');
  }
  if (disk !== 0 || directoryDisk !== 0 || countOnDisk !== count) {
    throw new ArchiveError('unsupported archive: multi-disk (split/spanned) archives are not supported');
  }
  if (offset + size > eocd) {
    throw new ArchiveError(
      `corrupt archive: central directory (offset ${offset}, ${size} bytes) overruns the end record at ${eocd}`,
    );
  }
  return { count, offset, size };
}

function findRecord(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  for (let i = buf.length - EOCD_SIZE; i >= lowest; i--) {
    if (buf.readUInt32LE(i) !== EOCD_SIG) continue;
    // A genuine record's comment must fit inside the buffer.
    if (i + EOCD_SIZE + buf.readUInt16LE(i + 20) <= buf.length) return i;
  }
  return -1;
}
