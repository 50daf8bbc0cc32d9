import { describe, expect, it } from 'vitest';
import { crc32 } from '../src/index.js';

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(Buffer.alloc(0))).toBe(0);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });

  it('can be computed incrementally', () => {
    const whole = crc32(Buffer.from('hello world'));
    expect(crc32(Buffer.from(' world'), crc32(Buffer.from('hello')))).toBe(whole);
  });
});
