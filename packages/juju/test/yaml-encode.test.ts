import { describe, expect, it } from 'vitest';
import { struct } from '../src/format.js';
import { GoTime } from '../src/go-time.js';
import { marshalYaml, type YamlValue } from '../src/yaml/encode.js';
import { resolvePlain } from '../src/yaml/resolve.js';

const marshal = (v: YamlValue) =>
  marshalYaml(v, { isStruct: (o) => Object.getOwnPropertySymbols(o).length > 0 });

describe('yaml.v2 Marshal', () => {
  // Cases from gopkg.in/yaml.v2 encode_test.go (marshalTests, TestLineWrapping) that hook-tool values can
  // take, plus cases derived from emitterc.go (yaml_emitter_analyze_scalar / select_scalar_style) and
  // encode.go stringv (double quotes for strings that resolve.go would read as another type).
  it.each<[string, YamlValue, string]>([
    // encode_test.go marshalTests
    ['nil', null, 'null\n'],
    ['empty struct', struct({}), '{}\n'],
    ['string', { v: 'hi' }, 'v: hi\n'],
    ['"true" string', { v: 'true' }, 'v: "true"\n'],
    ['"false" string', { v: 'false' }, 'v: "false"\n'],
    ['bool', { v: true }, 'v: true\n'],
    ['int', { v: 10 }, 'v: 10\n'],
    ['negative int', { v: -10 }, 'v: -10\n'],
    ['int64', { v: 4294967296 }, 'v: 4294967296\n'],
    ['"10" string', { v: '10' }, 'v: "10"\n'],
    ['float', { v: 0.1 }, 'v: 0.1\n'],
    ['negative float', { v: -0.1 }, 'v: -0.1\n'],
    ['+inf', { v: Number.POSITIVE_INFINITY }, 'v: .inf\n'],
    ['-inf', { v: Number.NEGATIVE_INFINITY }, 'v: -.inf\n'],
    ['nan', { v: Number.NaN }, 'v: .nan\n'],
    ['nil value', { v: null }, 'v: null\n'],
    ['empty string', { v: '' }, 'v: ""\n'],
    ['list', { v: ['A', 'B'] }, 'v:\n- A\n- B\n'],
    ['multi-line item', { v: ['A', 'B\nC'] }, 'v:\n- A\n- |-\n  B\n  C\n'],
    ['mixed list', { v: ['A', 1, { B: [2, 3] }] }, 'v:\n- A\n- 1\n- B:\n  - 2\n  - 3\n'],
    ['nested map', { a: { b: 'c' } }, 'a:\n  b: c\n'],
    ['lone dash', { a: '-' }, "a: '-'\n"],
    ['struct order', struct({ b: 2, a: 1 }), 'b: 2\na: 1\n'],
    ['time', { a: new GoTime('2015-02-24T18:19:39Z') }, 'a: 2015-02-24T18:19:39Z\n'],
    ['time with nanos', { a: new GoTime('2015-02-24T18:19:39.120Z') }, 'a: 2015-02-24T18:19:39.12Z\n'],
    ['angle brackets', { a: '<foo>' }, 'a: <foo>\n'],
    ['base 60 float', { a: '1:1' }, 'a: "1:1"\n'],
    ['NUL', { a: '\x00' }, 'a: "\\0"\n'],
    ['unicode kept', { a: '你好' }, 'a: 你好\n'],
    ['timestamp-like string', { a: '2015-02-24T18:19:39Z' }, 'a: "2015-02-24T18:19:39Z"\n'],
    ['colon space', { a: 'b: c' }, "a: 'b: c'\n"],
    ['hash comment', { a: 'Hello #comment' }, "a: 'Hello #comment'\n"],
    ['unicode hash comment', { a: '你好 #comment' }, "a: '你好 #comment'\n"],
    // Derived from resolve.go: strings that would read back as another type are double-quoted.
    ['port', { port: '5432' }, 'port: "5432"\n'],
    ['yes', { a: 'yes' }, 'a: "yes"\n'],
    ['On', { a: 'On' }, 'a: "On"\n'],
    ['y', { a: 'y' }, 'a: "y"\n'],
    ['tilde', { a: '~' }, 'a: "~"\n'],
    ['null word', { a: 'null' }, 'a: "null"\n'],
    ['hex', { a: '0x1F' }, 'a: "0x1F"\n'],
    ['octal', { a: '0o17' }, 'a: "0o17"\n'],
    ['underscored int', { a: '1_000' }, 'a: "1_000"\n'],
    ['exponent', { a: '1e3' }, 'a: "1e3"\n'],
    ['leading dot float', { a: '.5' }, 'a: ".5"\n'],
    ['overflowing float stays a string', { a: '1e400' }, 'a: 1e400\n'],
    ['not a bool', { a: 'tRUE' }, 'a: tRUE\n'],
    ['date', { a: '2025-01-02' }, 'a: "2025-01-02"\n'],
    ['space-separated time', { a: '2025-01-02 03:04:05' }, 'a: "2025-01-02 03:04:05"\n'],
    [
      'goal-state since (not a yaml.v2 timestamp)',
      { a: '2025-01-02 03:04:05Z' },
      'a: 2025-01-02 03:04:05Z\n',
    ],
    ['impossible date', { a: '2025-02-30' }, 'a: 2025-02-30\n'],
    ['version', { a: '1.2.3' }, 'a: 1.2.3\n'],
    ['address', { a: '10.1.0.5' }, 'a: 10.1.0.5\n'],
    ['endpoint', { a: 'pg:5432' }, 'a: pg:5432\n'],
    ['url', { a: 'http://x:80/y' }, 'a: http://x:80/y\n'],
    // Derived from emitterc.go yaml_emitter_analyze_scalar: plain not allowed → single quotes.
    ['role note', { note: 'role: primary' }, "note: 'role: primary'\n"],
    ['leading space', { a: ' x' }, "a: ' x'\n"],
    ['trailing space', { a: 'x ' }, "a: 'x '\n"],
    ['flow indicator first', { a: '[x]' }, "a: '[x]'\n"],
    ['brace first', { a: '{y}' }, "a: '{y}'\n"],
    ['anchor first', { a: '*x' }, "a: '*x'\n"],
    ['quote inside single', { a: "'q'" }, "a: '''q'''\n"],
    ['double quote first', { a: '"q"' }, `a: '"q"'\n`],
    ['dash space', { a: '- x' }, "a: '- x'\n"],
    ['document marker', { a: '---x' }, "a: '---x'\n"],
    ['comma inside is fine in block', { a: 'a,b' }, 'a: a,b\n'],
    ['trailing colon', { a: 'key:' }, "a: 'key:'\n"],
    ['question first', { a: '? x' }, "a: '? x'\n"],
    ['percent first', { a: '%x' }, "a: '%x'\n"],
    // Not printable or a break without \n → double-quoted with escapes.
    ['tab', { a: 'a\tb' }, 'a: "a\\tb"\n'],
    ['carriage return', { a: 'a\rb' }, 'a: "a\\rb"\n'],
    ['escape char', { a: '\x1b[0m' }, 'a: "\\e[0m"\n'],
    ['DEL', { a: 'a\x7f' }, 'a: "a\\x7F"\n'],
    ['emoji (outside the BMP)', { a: 'hi 😀' }, 'a: "hi \\U0001F600"\n'],
    ['backslash stays plain', { a: 'a\\b' }, 'a: a\\b\n'],
    // Literal blocks: chomping indicators and the indentation indicator.
    ['literal keep one', { a: 'x\ny\n' }, 'a: |\n  x\n  y\n'],
    ['literal strip', { a: 'x\ny' }, 'a: |-\n  x\n  y\n'],
    ['literal keep many', { a: 'x\n\n' }, 'a: |+\n  x\n\n'],
    ['literal lone newline', { a: '\n' }, 'a: |2+\n\n'],
    ['literal leading space', { a: ' x\ny' }, 'a: |2-\n   x\n  y\n'],
    ['trailing space before newline → double', { a: 'x \ny' }, 'a: "x \\ny"\n'],
    // Keys: quoted by the same rules; empty collections are flow.
    ['number-like key', { '10': 'x' }, '"10": x\n'],
    ['empty map value', { a: {} }, 'a: {}\n'],
    ['empty list value', { a: [] }, 'a: []\n'],
    ['list of maps', { l: [{ a: 1, b: 2 }] }, 'l:\n- a: 1\n  b: 2\n'],
    ['nested lists', [['a', 'b'], []], '- - a\n  - b\n- []\n'],
    ['top-level string', 's', 's\n'],
    ['top-level literal', 'pew\npew\n', '|\n  pew\n  pew\n'],
    ['floats in %e', { a: 1234567.5, b: 0.00001 }, 'a: 1.2345675e+06\nb: 1e-05\n'],
  ])('%s', (_name, value, yaml) => {
    expect(marshal(value)).toBe(yaml);
  });

  it('folds long plain, single- and double-quoted strings at 80 columns (encode_test.go TestLineWrapping)', () => {
    const long =
      'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 ';
    expect(marshal({ a: long })).toBe(
      "a: 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n" +
        "  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 '\n",
    );
    const plain = long.trim();
    expect(marshal({ a: plain })).toBe(
      'a: abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n' +
        '  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890\n',
    );
    expect(marshal({ a: `${plain}\t` })).toBe(
      'a: "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890 abcdefghijklmnopqrstuvwxyz\n' +
        '  ABCDEFGHIJKLMNOPQRSTUVWXYZ 1234567890\\t"\n',
    );
    // A word longer than the line is never broken; keys are never folded.
    const word = 'x'.repeat(100);
    expect(marshal({ a: word })).toBe(`a: ${word}\n`);
  });

  it('writes keys longer than 128 bytes as complex keys (emitterc.go check_simple_key)', () => {
    const key = 'k'.repeat(129);
    expect(marshal({ [key]: 'v' })).toBe(`? ${key}\n: v\n`);
  });
});

describe('yaml.v2 resolve (resolve.go)', () => {
  it.each([
    ['', '!!null'],
    ['~', '!!null'],
    ['yes', '!!bool'],
    ['OFF', '!!bool'],
    ['42', '!!int'],
    ['-0b101', '!!int'],
    ['0777', '!!int'],
    ['09', '!!float'],
    ['18446744073709551615', '!!int'],
    ['99999999999999999999', '!!float'],
    ['4.5', '!!float'],
    ['.inf', '!!float'],
    ['2001-12-14t21:59:43.10+05:00', '!!timestamp'],
    ['2001-12-14 21:59:43.10', '!!timestamp'],
    ['<<', '!!str'],
    ['haha', '!!str'],
  ])('%j → %s', (text, tag) => {
    expect(resolvePlain(text)).toBe(tag);
  });
});
