/** Signature of a local file header. */
export const LOCAL_HEADER_SIG = 0x04034b50;
/** Signature of a central directory file header. */
export const CENTRAL_HEADER_SIG = 0x02014b50;
/** Signature of the end of central directory record. */
export const EOCD_SIG = 0x06054b50;
/** Signature of the zip64 end of central directory locator. */
export const ZIP64_LOCATOR_SIG = 0x07064b50;

/** Fixed size of a local file header, before the name and extra field. */
export const LOCAL_HEADER_SIZE = 30;
/** Fixed size of a central directory header, before the name, extra field and comment. */
export const CENTRAL_HEADER_SIZE = 46;
/** Fixed size of the end of central directory record, before the comment. */
export const EOCD_SIZE = 22;
/** Size of the zip64 end of central directory locator. */
export const ZIP64_LOCATOR_SIZE = 20;

/** Compression method: stored (no compression). */
export const METHOD_STORED = 0;
/** Compression method: raw deflate. */
export const METHOD_DEFLATED = 8;

/** General-purpose flag: the entry is encrypted. */
export const FLAG_ENCRYPTED = 0x0001;
/** General-purpose flag: strong (PKWARE) encryption. */
export const FLAG_STRONG_ENCRYPTION = 0x0040;
/** General-purpose flag: file name and comment are UTF-8. */
export const FLAG_UTF8 = 0x0800;
/** General-purpose flag: the central directory is encrypted / masked. */
export const FLAG_MASKED_DIRECTORY = 0x2000;

/** Host system code for Unix in the high byte of "version made by". */
export const HOST_UNIX = 3;
/** "Version made by" we write: Unix host, ZIP specification 2.0. */
export const VERSION_MADE_BY = (HOST_UNIX << 8) | 20;
/** "Version needed to extract" for stored entries and directories. */
export const VERSION_NEEDED_STORED = 10;
/** "Version needed to extract" for deflated entries. */
export const VERSION_NEEDED_DEFLATED = 20;

/** Unix file-type mask of st_mode. */
export const S_IFMT = 0o170000;
/** Unix file type: regular file. */
export const S_IFREG = 0o100000;
/** Unix file type: directory. */
export const S_IFDIR = 0o040000;
/** MS-DOS attribute bit: directory. */
export const DOS_DIRECTORY = 0x10;
/** MS-DOS attribute bit: read-only. */
export const DOS_READONLY = 0x01;

/** Permission bits we keep from a mode. */
export const PERMISSION_MASK = 0o777;
/** Default mode of a regular file. */
export const DEFAULT_FILE_MODE = 0o644;
/** Default mode of a directory. */
export const DEFAULT_DIR_MODE = 0o755;

/** Largest value of a 16-bit header field (zip64 would be needed beyond it). */
export const MAX_UINT16 = 0xffff;
/** Largest value of a 32-bit header field (zip64 would be needed beyond it). */
export const MAX_UINT32 = 0xffffffff;
