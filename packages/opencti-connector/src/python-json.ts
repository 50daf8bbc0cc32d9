/**
 * Python's `json.dumps(value)` with its defaults (separators `", "` and `": "`, `ensure_ascii=True`), so a
 * bag written here holds the very bytes the Python charm libraries write (data_platform_libs
 * `data_interfaces.py` puts `json.dumps(list)` in `requested-secrets`). For strings, lists, objects,
 * integers, booleans and null; a float with no fraction prints as an integer (Python writes `1.0`).
 */
export function pythonJsonDumps(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const items = Object.entries(value).map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`);
    return `{${items.join(', ')}}`;
  }
  if (typeof value === 'string') {
    // ensure_ascii: every code unit above 0x7e as \uXXXX (surrogate pairs stay two escapes, as Python's).
    return JSON.stringify(value).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  return JSON.stringify(value ?? null);
}
