// pythonJsonDumps writes what Python's json.dumps writes (the expected strings are Python 3.12's output).
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../src/index.js';

describe('pythonJsonDumps', () => {
  it.each([
    [['username', 'password'], '["username", "password"]'],
    [[], '[]'],
    [{ a: 1, b: [true, null] }, '{"a": 1, "b": [true, null]}'],
    ['café', '"caf\\u00e9"'],
    ['tab\there "q" \\', '"tab\\there \\"q\\" \\\\"'],
    ['\u007f', '"\\u007f"'],
    ['😀', '"\\ud83d\\ude00"'],
    [Number.NaN, 'NaN'],
    [-3, '-3'],
  ])('%j -> %s', (value, python) => {
    expect(pythonJsonDumps(value)).toBe(python);
  });
});
