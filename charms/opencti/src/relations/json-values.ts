// Several Python libraries JSON-encode databag values (traefik's ingress v2) or JSON-decode them when
// they can (data_platform_libs' s3 `_load_relation_data`); these helpers do the same.

/** The value JSON-decoded, or the raw text when it is not JSON (s3's `_load_relation_data`). */
export function jsonOrRaw(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A decoded value as a string (numbers and booleans as JSON prints them), or undefined for none. */
export function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
