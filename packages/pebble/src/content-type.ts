/** A parsed `Content-Type`/`Content-Disposition` style header: a value plus `key=value` parameters. */
export interface HeaderValue {
  value: string;
  params: Record<string, string>;
}

/** Parse `type/sub; a=b; c="quoted \"value\""` into its value and parameters. */
export function parseHeaderValue(header: string | undefined): HeaderValue {
  if (!header) return { value: '', params: {} };
  const semi = header.indexOf(';');
  const value = (semi < 0 ? header : header.slice(0, semi)).trim().toLowerCase();
  const params: Record<string, string> = {};
  const re = /;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g;
  const rest = semi < 0 ? '' : header.slice(semi);
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    const key = (m[1] ?? '').toLowerCase();
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
  }
  return { value, params };
}

/** Quote a parameter value for a header, escaping backslashes and quotes. */
export function quoteParam(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
