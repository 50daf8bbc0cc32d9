export { crc32 } from './crc32.js';
export { type DosDateTime, fromDosDateTime, toDosDateTime, ZIP_EPOCH } from './dos-time.js';
export { entryPathProblem } from './entry-path.js';
export { ArchiveError } from './errors.js';
export { assertExtractable, type ExtractZipOptions, extractZip } from './extract-zip.js';
export { DEFAULT_MAX_UNPACKED_BYTES, type ReadZipOptions, readZip } from './read-zip.js';
export { type WriteZipOptions, writeZip } from './write-zip.js';
export { collectDirectory, type ZipDirectoryOptions, zipDirectory } from './zip-directory.js';
export type { ReadZipEntry, ZipEntry } from './zip-entry.js';
