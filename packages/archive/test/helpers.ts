import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];

/** A fresh temporary directory, removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-archive-'));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** True when `command` can be run on this machine. */
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).error === undefined;
}

/** Runs a Python snippet with `args` as sys.argv[1:], returning stdout. */
export function python(code: string, ...args: string[]): string {
  return execFileSync('python3', ['-c', code, ...args], { encoding: 'utf8' });
}

/** Offset of the central directory header of the `index`-th entry (assumes no extra fields or comments). */
export function centralHeaderOffset(buf: Buffer, index: number): number {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < index; i++) at += 46 + buf.readUInt16LE(at + 28);
  return at;
}

/** Offset of the end of central directory record. */
export function eocdOffset(buf: Buffer): number {
  return buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

/** Copy of `buf` with every occurrence of `from` replaced by the same-length `to` (for forging entry names). */
export function replaceBytes(buf: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('replacement must keep the length');
  const out = Buffer.from(buf);
  const needle = Buffer.from(from);
  for (let i = out.indexOf(needle); i >= 0; i = out.indexOf(needle, i + 1)) out.write(to, i, 'latin1');
  return out;
}
