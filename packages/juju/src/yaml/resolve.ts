/**
 * yaml.v2's implicit typing of a plain scalar (gopkg.in/yaml.v2 resolve.go): which tag `resolve("", s)`
 * gives. The encoder quotes any string that would not come back as `!!str`; the decoder names the tag
 * in its type errors.
 */

/** The short tags a plain scalar can resolve to. */
export type ResolvedTag = '!!str' | '!!bool' | '!!int' | '!!float' | '!!null' | '!!timestamp' | '!!merge';

const MAP_TAGS: Readonly<Record<string, ResolvedTag>> = Object.freeze({
  ...Object.fromEntries(
    ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map((s) => [s, '!!bool']),
  ),
  ...Object.fromEntries(
    ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map((s) => [s, '!!bool']),
  ),
  ...Object.fromEntries(['', '~', 'null', 'Null', 'NULL'].map((s) => [s, '!!null'])),
  ...Object.fromEntries(
    [
      '.nan',
      '.NaN',
      '.NAN',
      '.inf',
      '.Inf',
      '.INF',
      '+.inf',
      '+.Inf',
      '+.INF',
      '-.inf',
      '-.Inf',
      '-.INF',
    ].map((s) => [s, '!!float']),
  ),
  '<<': '!!merge',
});

// resolveTable: the first byte decides which parsers are tried at all.
function hint(s: string): 'S' | 'D' | 'M' | '.' | 'N' | undefined {
  if (s === '') return 'N';
  const c = s[0] ?? '';
  if (c === '+' || c === '-') return 'S';
  if (c >= '0' && c <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(c)) return 'M';
  if (c === '.') return '.';
  return undefined;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** strconv.ParseInt(s, 0, 64) or ParseUint(s, 0, 64) succeeds (underscores already removed). */
function isGoInt(s: string): boolean {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return false;
  const body = m[2] ?? '';
  const prefixed = /^0[xXbBoO]/.test(body);
  // A bare leading zero means octal in Go's base-0 syntax.
  const digits = !prefixed && body.length > 1 && body.startsWith('0') ? `0o${body.slice(1)}` : body;
  const value = BigInt(digits.replace(/^0[XBO]/, (p) => p.toLowerCase()));
  // ParseInt takes a sign within int64; ParseUint takes no sign, up to uint64.
  if (m[1] === '-') return -value >= INT64_MIN;
  if (m[1] === '+') return value <= INT64_MAX;
  return value <= UINT64_MAX;
}

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** strconv.ParseFloat(s, 64) of a decimal literal: fails on overflow to ±Inf. */
function finiteFloat(s: string): boolean {
  return Number.isFinite(Number(s));
}

/** Whether `s` is one of yaml.v2's accepted timestamp layouts (resolve.go allowedTimestampFormats). */
export function isYamlTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(?:Z|[+-]\d\d:\d\d))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? m[7] ?? 0);
  const minute = Number(m[5] ?? m[8] ?? 0);
  const second = Number(m[6] ?? m[9] ?? 0);
  // time.Parse range checks: month, day within the month, hour, minute, second.
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day >= 1 && day <= daysInMonth;
}

/** The tag yaml.v2 gives a plain (unquoted, untagged) scalar. */
export function resolvePlain(s: string): ResolvedTag {
  const h = hint(s);
  if (h === undefined) return '!!str';
  const mapped = MAP_TAGS[s];
  if (mapped) return mapped;
  if (h === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && finiteFloat(s) ? '!!float' : '!!str';
  if (h === 'D' || h === 'S') {
    if (isYamlTimestamp(s)) return '!!timestamp';
    const plain = s.replaceAll('_', '');
    if (isGoInt(plain)) return '!!int';
    if (YAML_STYLE_FLOAT.test(plain) && finiteFloat(plain)) return '!!float';
  }
  return '!!str';
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** YAML 1.1 base-60 floats (`1:20`): yaml.v2 no longer reads them but still quotes them on output. */
export function isBase60Float(s: string): boolean {
  return BASE60_FLOAT.test(s);
}
