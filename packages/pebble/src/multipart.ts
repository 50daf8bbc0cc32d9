import { parseHeaderValue, quoteParam } from './content-type.js';

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  /** The form field name (`request`, `files`, `response`). */
  name: string;
  /** The filename parameter; Pebble uses the file's path. */
  filename?: string;
  contentType: string;
  data: Buffer;
}

/** Encode parts as multipart/form-data; returns the body and its Content-Type header. */
export function encodeMultipart(parts: readonly MultipartPart[]): { body: Buffer; contentType: string } {
  // Web Crypto (a global) rather than node:crypto: loaded on first use, not at every hook's start.
  const boundary = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('hex');
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const filename = part.filename === undefined ? '' : `; filename=${quoteParam(part.filename)}`;
    const head =
      `--${boundary}\r\n` +
      `Content-Type: ${part.contentType}\r\n` +
      `Content-Disposition: form-data; name=${quoteParam(part.name)}${filename}\r\n\r\n`;
    chunks.push(Buffer.from(head, 'utf8'), part.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary="${boundary}"` };
}

/** Parse a whole multipart/form-data body; throws on a malformed one. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  // Treat the body as if preceded by CRLF so every delimiter has the same shape.
  const data = Buffer.concat([Buffer.from('\r\n'), body]);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = data.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart body has no boundary');
  for (;;) {
    pos += delimiter.length;
    if (data.subarray(pos, pos + 2).toString() === '--') return parts;
    const headerStart = data.indexOf('\r\n', pos) + 2;
    const headerEnd = data.indexOf('\r\n\r\n', headerStart - 2);
    if (headerStart < 2 || headerEnd < 0) throw new Error('multipart part has no header terminator');
    const headers = parseHeaders(data.subarray(headerStart, headerEnd).toString('utf8'));
    const contentStart = headerEnd + 4;
    const next = data.indexOf(delimiter, contentStart);
    if (next < 0) throw new Error('multipart body is not terminated');
    const disposition = parseHeaderValue(headers['content-disposition']);
    const part: MultipartPart = {
      name: disposition.params.name ?? '',
      contentType: headers['content-type'] ?? 'text/plain',
      data: data.subarray(contentStart, next),
    };
    if (disposition.params.filename !== undefined) part.filename = disposition.params.filename;
    parts.push(part);
    pos = next;
  }
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}
