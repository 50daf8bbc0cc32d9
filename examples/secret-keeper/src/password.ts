import { randomInt } from 'node:crypto';

/** The character sets `rotate-password` offers (its `charset` param). */
export const CHARSETS = {
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  hex: '0123456789abcdef',
} as const;

/** A charset name. */
export type Charset = keyof typeof CHARSETS;

/** A random password of `length` characters drawn uniformly from `charset` (crypto RNG). */
export function generatePassword(length: number, charset: Charset): string {
  const chars = CHARSETS[charset];
  let out = '';
  for (let i = 0; i < length; i++) out += chars[randomInt(chars.length)];
  return out;
}
