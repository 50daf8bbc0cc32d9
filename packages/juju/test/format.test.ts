import { describe, expect, it } from 'vitest';
import { formatOutput, type OutputValue, struct } from '../src/format.js';

describe('output formats (§1.5)', () => {
  it.each<[OutputValue, string, string, string]>([
    // value, smart, yaml, json
    [null, '', '', 'null\n'],
    [undefined, '', '', 'null\n'],
    ['', '', '""\n', '""\n'],
    ['s', 's\n', 's\n', '"s"\n'],
    ['12345', '12345\n', '"12345"\n', '"12345"\n'],
    ['pew\npew\n', 'pew\npew\n\n', '|\n  pew\n  pew\n', '"pew\\npew\\n"\n'],
    [['a', 'b'], 'a\nb\n', '- a\n- b\n', '["a","b"]\n'],
    [[], '', '[]\n', '[]\n'],
    [true, 'True\n', 'true\n', 'true\n'],
    [false, 'False\n', 'false\n', 'false\n'],
    [42, '42\n', '42\n', '42\n'],
    [1.5, '1.5\n', '1.5\n', '1.5\n'],
    [{}, '{}\n', '{}\n', '{}\n'],
    [{ value: '12345' }, 'value: "12345"\n', 'value: "12345"\n', '{"value":"12345"}\n'],
    [{ pew: 'pew\npew\n' }, 'pew: |\n  pew\n  pew\n', 'pew: |\n  pew\n  pew\n', '{"pew":"pew\\npew\\n"}\n'],
    [{ b: 'true', a: 'yes' }, 'a: "yes"\nb: "true"\n', 'a: "yes"\nb: "true"\n', '{"a":"yes","b":"true"}\n'],
    ['<&>', '<&>\n', '<&>\n', '"\\u003c\\u0026\\u003e"\n'],
  ])('%j', (value, smart, yaml, json) => {
    expect(formatOutput(value, 'smart')).toBe(smart);
    expect(formatOutput(value, 'yaml')).toBe(yaml);
    expect(formatOutput(value, 'json')).toBe(json);
  });

  it('sorts map keys like yaml.v2 (numbers naturally) and json (bytewise)', () => {
    const value = { a10: '1', a2: '2', b: '3', '10': '4', '9': '5' };
    expect(formatOutput(value, 'yaml')).toBe('"9": "5"\n"10": "4"\na2: "2"\na10: "1"\nb: "3"\n');
    expect(formatOutput(value, 'json')).toBe('{"10":"4","9":"5","a10":"1","a2":"2","b":"3"}\n');
  });

  it('keeps struct field order and omits undefined fields', () => {
    const value = struct({ z: 1, a: 'x', o: undefined });
    expect(formatOutput(value, 'yaml')).toBe('z: 1\na: x\n');
    expect(formatOutput(value, 'json')).toBe('{"z":1,"a":"x"}\n');
  });

  it('does not indent lists under keys (yaml.v2 style)', () => {
    expect(formatOutput({ l: [{ a: 1, b: 2 }] }, 'yaml')).toBe('l:\n- a: 1\n  b: 2\n');
  });
});
