import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip, zipDirectory } from '../src/index.js';
import { hasCommand, python, tempDir } from './helpers.js';

const haveUnzip = hasCommand('unzip', ['-v']);
const havePython = hasCommand('python3');

function charmZip(): string {
  const src = tempDir();
  writeFileSync(join(src, 'dispatch'), '#!/bin/sh\nexec node src/charm.js\n');
  chmodSync(join(src, 'dispatch'), 0o755);
  writeFileSync(join(src, 'metadata.yaml'), 'name: demo\n'.repeat(100));
  mkdirSync(join(src, 'src'));
  writeFileSync(join(src, 'src', 'charm.js'), 'console.log(1);\n');
  mkdirSync(join(src, 'empty'));
  const file = join(tempDir(), 'demo.charm');
  writeFileSync(file, zipDirectory(src));
  return file;
}

describe.runIf(haveUnzip)('interop with unzip', () => {
  it('unzip -Z shows Unix modes and unzip -t verifies CRCs', () => {
    const file = charmZip();
    const listing = execFileSync('unzip', ['-Z', file], { encoding: 'utf8' });
    expect(listing).toMatch(/^-rwxr-xr-x .* unx .* dispatch$/m);
    expect(listing).toMatch(/^-rw-r--r-- .* unx .* metadata\.yaml$/m);
    expect(listing).toMatch(/^drwxr-xr-x .* unx .* empty\/$/m);
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    const out = tempDir();
    execFileSync('unzip', ['-q', file, '-d', out]);
    expect(readFileSync(join(out, 'metadata.yaml'), 'utf8')).toBe('name: demo\n'.repeat(100));
  });
});

describe.runIf(havePython)('interop with Python zipfile', () => {
  it('Python reads our modes, contents and CRCs', () => {
    const file = charmZip();
    const report = python(
      [
        'import sys, zipfile, stat, json',
        'z = zipfile.ZipFile(sys.argv[1])',
        'assert z.testzip() is None',
        'print(json.dumps({i.filename: [stat.filemode(i.external_attr >> 16), i.create_system,',
        '  i.compress_type, z.read(i).decode(), list(i.date_time)] for i in z.infolist()}))',
      ].join('\n'),
      file,
    );
    const info = JSON.parse(report) as Record<string, [string, number, number, string, number[]]>;
    expect(info.dispatch?.[0]).toBe('-rwxr-xr-x');
    expect(info.dispatch?.[1]).toBe(3);
    expect(info.dispatch?.[3]).toBe('#!/bin/sh\nexec node src/charm.js\n');
    expect(info.dispatch?.[4]).toEqual([1980, 1, 1, 0, 0, 0]);
    expect(info['metadata.yaml']?.[0]).toBe('-rw-r--r--');
    expect(info['metadata.yaml']?.[2]).toBe(8);
    expect(info['empty/']?.[0]).toBe('drwxr-xr-x');
  });

  it('Python reads UTF-8 names', () => {
    const file = join(tempDir(), 'u.zip');
    writeFileSync(file, writeZip([{ path: 'ünï/名前.txt', data: 'x' }]));
    expect(
      python('import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).namelist()[0])', file).trim(),
    ).toBe('ünï/名前.txt');
  });

  it('we read archives written by Python (stored, deflated, modes, directories)', () => {
    const file = join(tempDir(), 'py.zip');
    python(
      [
        'import sys, zipfile',
        'with zipfile.ZipFile(sys.argv[1], "w") as z:',
        '  i = zipfile.ZipInfo("dispatch", (2021, 2, 3, 4, 5, 6)); i.external_attr = 0o100755 << 16',
        '  i.compress_type = zipfile.ZIP_DEFLATED; z.writestr(i, "#!/bin/sh\\n" * 50)',
        '  z.writestr(zipfile.ZipInfo("stored.txt"), "plain")',
        '  d = zipfile.ZipInfo("dir/"); d.external_attr = (0o40700 << 16) | 0x10; z.writestr(d, "")',
        '  z.writestr("dir/deep.bin", bytes(range(256)) * 10, compress_type=zipfile.ZIP_DEFLATED)',
      ].join('\n'),
      file,
    );
    const entries = readZip(readFileSync(file));
    expect(entries.map((e) => [e.path, e.mode])).toEqual([
      ['dispatch', 0o755],
      ['stored.txt', 0o600],
      ['dir/', 0o700],
      ['dir/deep.bin', 0o600],
    ]);
    expect(entries[0]!.data.toString()).toBe('#!/bin/sh\n'.repeat(50));
    expect(entries[0]!.mtime.toISOString()).toBe('2021-02-03T04:05:06.000Z');
    expect(entries[1]!.data.toString()).toBe('plain');
    expect(entries[3]!.data.equals(Buffer.from(Array.from({ length: 2560 }, (_, i) => i % 256)))).toBe(true);
  });
});

describe.runIf(hasCommand('zip', ['-v']))('interop with Info-ZIP zip', () => {
  it('we read archives written by zip -r (with extra fields)', () => {
    const src = tempDir();
    writeFileSync(join(src, 'run'), 'echo hi\n'.repeat(20));
    chmodSync(join(src, 'run'), 0o750);
    const file = join(tempDir(), 'z.zip');
    execFileSync('zip', ['-qr', file, '.'], { cwd: src });
    const entries = readZip(readFileSync(file));
    expect(entries.map((e) => [e.path, e.mode, e.data.toString()])).toEqual([
      ['run', 0o750, 'echo hi\n'.repeat(20)],
    ]);
  });
});
