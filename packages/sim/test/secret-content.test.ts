// `sim add-secret` content as `juju add-secret` takes it, so a secret value can stay off the command line.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSecretContent } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'secret-content-'));
writeFileSync(join(dir, 'pw.txt'), 's3cr3t-from-file');

describe('parseSecretContent', () => {
  it.each([
    ['key=value', ['email=a@b.c'], { email: 'a@b.c' }],
    ['key#file=PATH (relative to the cwd)', ['password#file=pw.txt'], { password: 's3cr3t-from-file' }],
    ['key#base64=...', [`token#base64=${Buffer.from('tok').toString('base64')}`], { token: 'tok' }],
  ])('%s', (_name, args, content) => {
    expect(parseSecretContent(args, dir)).toEqual(content);
  });

  it.each([
    ['no =', ['password'], 'expected "key=value" or "key#file=PATH", got "password"'],
    ['a missing file', ['password#file=nope.txt'], 'cannot read the value of "password" from nope.txt'],
    ['an unknown source', ['password#env=X'], 'unknown value source "#env" for "password"'],
  ])('refuses %s, naming it', (_name, args, message) => {
    expect(() => parseSecretContent(args, dir)).toThrow(message);
  });
});
