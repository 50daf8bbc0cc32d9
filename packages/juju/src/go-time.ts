/** A Go `time.Time` in tool output: yaml.v2 prints it plain (RFC 3339), encoding/json as a string. */
export class GoTime {
  /** Go's RFC 3339 rendering (`time.RFC3339Nano`: no trailing fractional zeros, `Z` for UTC). */
  readonly text: string;

  /** Wraps an ISO-8601 instant. */
  constructor(iso: string) {
    const d = new Date(iso);
    const base = d.toISOString().replace(/\.\d+Z$/, '');
    const frac = iso.match(/\.(\d+)/)?.[1]?.replace(/0+$/, '') ?? '';
    this.text = `${base}${frac ? `.${frac}` : ''}Z`;
  }
}
