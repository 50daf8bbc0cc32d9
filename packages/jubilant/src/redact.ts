/** The text that stands where a secret value was. */
export const REDACTED = '<redacted>';

/** `text` with every occurrence of each secret value replaced by `<redacted>` (longest first, so a value
 * that contains another is hidden whole). Empty values are ignored: they would match everywhere. */
export function redact(text: string, secrets: Iterable<string>): string {
  const values = [...new Set(secrets)].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}
