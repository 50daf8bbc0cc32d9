// lib/start.cjs, the loader that runs a charm's bundle through a V8 code cache: the bundle behaves as when
// run directly (exit code, output, stack lines), the cache is made, refreshed a few times and then kept,
// a cache for another bundle or Node is replaced, and a charm directory it cannot write only loses the cache.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODE_CACHE_FILE, loaderScript } from '../src/dispatch-script.js';

const BUNDLE = `'use strict';
const where = () => new Error('here').stack.split('\\n')[1];
if (process.env.THROW) throw new Error('boom');
console.log(JSON.stringify({ where: where(), file: __filename, exportsIsModule: module.exports === exports }));
process.exitCode = Number(process.env.CODE ?? 0);
`;

function charmDir(hash = 'aaaa', bundle = BUNDLE): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-code-cache-'));
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib/charm.cjs'), bundle);
  writeFileSync(join(dir, 'lib/start.cjs'), loaderScript(hash));
  return dir;
}

function run(dir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(dir, 'lib/start.cjs')], {
    env: { PATH: process.env.PATH ?? '', JUJU_CHARM_DIR: dir, ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const header = (dir: string) => {
  const data = readFileSync(join(dir, CODE_CACHE_FILE));
  return data.toString('latin1', 0, data.indexOf(10));
};

describe('the code-cache loader', () => {
  it('runs the bundle as node would: output, exit code, file names and stack lines', () => {
    const dir = charmDir();
    const direct = spawnSync(process.execPath, [join(dir, 'lib/charm.cjs')], { encoding: 'utf8' });
    const viaLoader = run(dir, { CODE: '3' });
    expect(viaLoader.code).toBe(3);
    expect(viaLoader.stderr).toBe('');
    const out = JSON.parse(viaLoader.stdout) as { where: string; file: string; exportsIsModule: boolean };
    expect(out).toEqual(JSON.parse(direct.stdout));
    expect(out.where).toContain('charm.cjs:2:');
    const thrown = run(dir, { THROW: '1' });
    expect(thrown.code).toBe(1);
    expect(thrown.stderr).toContain('charm.cjs:3');
    expect(thrown.stderr).toContain('Error: boom');
  });

  it('makes the cache, refreshes it on the first dispatches, then keeps it', () => {
    const dir = charmDir('bbbb');
    run(dir);
    const key = `bbbb ${process.version} ${process.arch}`;
    expect(header(dir)).toBe(`${key} 1`);
    // Dispatches 2 to 4 refresh it (adding what their hooks compiled); later ones only read it.
    for (let i = 2; i <= 4; i++) {
      run(dir);
      expect(header(dir)).toBe(`${key} ${i}`);
    }
    const kept = readFileSync(join(dir, CODE_CACHE_FILE));
    expect(run(dir).code).toBe(0);
    expect(readFileSync(join(dir, CODE_CACHE_FILE))).toEqual(kept);
  });

  it("replaces a cache made for another bundle, and ignores one that is not V8's", () => {
    const dir = charmDir('cccc');
    run(dir);
    run(dir);
    // The charm is upgraded: a new bundle of the same length (V8 alone would accept the old cache).
    writeFileSync(join(dir, 'lib/charm.cjs'), BUNDLE.replace("'here'", "'HERE'"));
    writeFileSync(join(dir, 'lib/start.cjs'), loaderScript('dddd'));
    const after = run(dir);
    expect(after.code).toBe(0);
    expect(after.stderr).toBe('');
    expect(header(dir)).toBe(`dddd ${process.version} ${process.arch} 1`);
    writeFileSync(join(dir, CODE_CACHE_FILE), `dddd ${process.version} ${process.arch} 1\nnot a cache`);
    const garbage = run(dir);
    expect({ code: garbage.code, stderr: garbage.stderr }).toEqual({ code: 0, stderr: '' });
    expect(header(dir)).toBe(`dddd ${process.version} ${process.arch} 1`);
  });

  it('runs without a cache when it cannot be written or is turned off', () => {
    const off = charmDir();
    expect(run(off, { OPS_TS_NO_CODE_CACHE: '1' }).code).toBe(0);
    expect(existsSync(join(off, CODE_CACHE_FILE))).toBe(false);
    // Root may write anywhere: a missing directory stands for one the unit cannot write.
    const unwritable = charmDir();
    const r = run(unwritable, { JUJU_CHARM_DIR: join(unwritable, 'missing') });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  });
});
