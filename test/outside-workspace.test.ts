// The packages installed where a charm author keeps a charm: OUTSIDE this workspace. Build every package
// (ESM + .d.ts), `pnpm pack` each, scaffold a charm with `ops-ts init` in a fresh temporary folder,
// install our packages from those tarballs (third-party dependencies come from the npm registry as
// usual), then type-check, test, build, pack and run it in the simulator with the installed `ops-ts`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script without types
import { buildPackage, PUBLISHED } from '../scripts/build-packages.mjs';

const root = new URL('..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'ops-ts-outside-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });

describe('installed outside the workspace', () => {
  it('scaffolds, type-checks, tests, builds, packs and simulates a charm from the packed packages', () => {
    // 1. Build and pack every published package.
    const tarballs = join(work, 'tarballs');
    for (const name of PUBLISHED as string[]) {
      buildPackage(name);
      run(
        'npx',
        ['--yes', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs],
        join(root, 'packages', name),
      );
    }
    const packed = Object.fromEntries(
      readdirSync(tarballs).map((f) => [
        `@ops-ts/${f.replace(/^ops-ts-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
        join(tarballs, f),
      ]),
    );
    expect(Object.keys(packed).sort()).toEqual((PUBLISHED as string[]).map((n) => `@ops-ts/${n}`).sort());
    // Every package ships built JavaScript with types, and no TypeScript sources.
    const opsFiles = run('tar', ['-tzf', packed['@ops-ts/ops'] ?? ''], work);
    expect(opsFiles).toContain('package/dist/index.d.ts');
    expect(opsFiles).not.toContain('package/src/');

    // 2. A new charm, outside the workspace: its @ops-ts/* come from the tarballs, nothing from the workspace.
    const charm = join(work, 'my-charm');
    run(process.execPath, [join(root, 'packages/cli/dist/ops-ts.mjs'), 'init', charm], work);
    const pkg = JSON.parse(readFileSync(join(charm, 'package.json'), 'utf8'));
    expect(pkg.dependencies['@ops-ts/ops']).toBe('^0.1.0');
    pkg.overrides = Object.fromEntries(Object.entries(packed).map(([name, file]) => [name, `file:${file}`]));
    pkg.dependencies['@ops-ts/ops'] = `file:${packed['@ops-ts/ops']}`;
    for (const dev of ['@ops-ts/cli', '@ops-ts/testing']) pkg.devDependencies[dev] = `file:${packed[dev]}`;
    pkg.devDependencies['@types/node'] = '20.19.43';
    writeFileSync(join(charm, 'package.json'), JSON.stringify(pkg, null, 2));
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], charm);

    // 3. The author's loop, with the installed tools only.
    run('npx', ['tsc', '--noEmit'], charm);
    expect(run('npx', ['vitest', 'run'], charm)).toMatch(/Tests\s+2 passed/);
    run('npx', ['ops-ts', 'build'], charm);
    run('npx', ['ops-ts', 'pack'], charm);
    const model = join(work, 'model');
    run(
      'npx',
      ['ops-ts', 'sim', 'deploy', join(charm, 'my-charm_amd64.charm'), '--model-dir', model, '--quiet'],
      charm,
    );
    const status = JSON.parse(
      run('npx', ['ops-ts', 'sim', 'status', '--format', 'json', '--model-dir', model], charm),
    );
    expect(status.applications['my-charm']['application-status'].current).toBe('active');
  }, 600_000);
});
