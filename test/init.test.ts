// `ops-ts init`: a new project, machine or Kubernetes, that type-checks, passes its own tests, builds and
// packs at once; bad names and non-empty folders are refused.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initCharm, loadProject, packCharm } from '@ops-ts/cli';
import { afterAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
// Inside the repository (so @ops-ts/* resolve from the workspace), in a dot-folder no test glob matches.
const work = mkdtempSync(join(root, 'test', '.init-tmp-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each([
  ['a machine charm', false],
  ['a Kubernetes charm', true],
])('ops-ts init: %s', (_name, kubernetes) => {
  it('type-checks, passes its own tests, builds and packs', async () => {
    const dir = join(work, kubernetes ? 'my-k8s-charm' : 'my-charm');
    const files = initCharm(dir, { kubernetes });
    expect(files).toEqual(
      expect.arrayContaining(['charmcraft.yaml', 'src/charm.ts', 'test/charm.test.ts', 'package.json']),
    );
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(dir, 'tsconfig.json')],
      {
        stdio: 'pipe',
      },
    );
    const tests = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(tests.status, tests.stdout + tests.stderr).toBe(0);
    expect(tests.stdout).toMatch(/Tests\s+2 passed/);
    const file = await packCharm(loadProject(dir), dir);
    expect(file).toBe(join(dir, `${kubernetes ? 'my-k8s-charm' : 'my-charm'}_amd64.charm`));
  }, 120_000);
});

describe('ops-ts init refuses', () => {
  it.each(['My_Charm', '9lives', 'double--hyphen', 'trailing-'])('the name %s', (name) => {
    expect(() => initCharm(join(work, 'x'), { name })).toThrow(`invalid charm name "${name}"`);
  });
  it('a folder that is not empty', () => {
    const dir = join(work, 'busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'keep.txt'), 'mine');
    expect(() => initCharm(dir)).toThrow('is not empty');
  });
});
