export { crc32 } from './crc32.js';
export { type DosDateTime, fromDosDateTime, toDosDateTime, ZIP_EPOCH } from './dos-time.js';
export { entryPathProblem } from './entry-path.js';
export { ArchiveError } from './errors.js';
export { extractZip } from './extract-zip.js';
export { readZip } from './read-zip.js';
export { type WriteZipOptions, writeZip } from './write-zip.js';
export { collectDirectory, type ZipDirectoryOptions, zipDirectory } from './zip-directory.js';
export type { ReadZipEntry, ZipEntry } from './zip-entry.js';
