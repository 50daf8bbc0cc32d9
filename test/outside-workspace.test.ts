// The packages installed where a charm author keeps a charm: OUTSIDE this workspace. Build every package
// (ESM + .d.ts), `pnpm pack` each, scaffold a charm with `ops-ts init` in a fresh temporary folder,
// install our packages from those tarballs (third-party dependencies come from the npm registry as
// usual), then type-check, test, build, pack and run it in the simulator with the installed `ops-ts`.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain-JavaScript script without types
import { PUBLISHED } from '../scripts/build-packages.mjs';
import { type LocalRegistry, startRegistry } from './support/npm-registry.js';

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

const execAsync = promisify(execFile);
const tarballs = join(work, 'tarballs');
let packed: Record<string, string> = {};

// 1. Build and pack every published package (once, for both tests). Asynchronously: a minute of blocking
// work would keep the test worker from answering vitest's RPC ("Timeout calling onTaskUpdate").
beforeAll(async () => {
  await execAsync(process.execPath, [join(root, 'scripts/build-packages.mjs')], { cwd: root });
  for (const name of PUBLISHED as string[]) {
    await execAsync('npx', ['--yes', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs], {
      cwd: join(root, 'packages', name),
      env: { ...process.env, NO_COLOR: '1' },
    });
  }
  packed = Object.fromEntries(
    readdirSync(tarballs).map((f) => [
      `@ops-ts/${f.replace(/^ops-ts-/, '').replace(/-\d+\.\d+\.\d+\.tgz$/, '')}`,
      join(tarballs, f),
    ]),
  );
}, 600_000);

/** Every file under `dir`, relative to it. */
function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

describe('installed outside the workspace', () => {
  it('scaffolds, type-checks, tests, builds, packs and simulates a charm from the packed packages', () => {
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

  it("builds a charm of this repo from source as its charmcraft.yaml's charm part does", async () => {
    // What charmcraft's build sees: a copy of the project folder (pnpm's node_modules links included,
    // dangling there) and a registry holding the @ops-ts packages. Only the @ops-ts scope is pointed at
    // the local registry, through a user config outside the project; everything else comes from npm.
    const registry: LocalRegistry = await startRegistry(Object.values(packed));
    try {
      const project = join(root, 'charms/opencti-crowdstrike-connector');
      const build = join(work, 'parts/charm/build');
      const install = join(work, 'parts/charm/install');
      mkdirSync(install, { recursive: true });
      cpSync(project, build, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !src.endsWith('.charm'),
      });
      const npmrc = join(work, 'npmrc');
      writeFileSync(npmrc, `@ops-ts:registry=${registry.url}\n`);
      const part = (
        parse(readFileSync(join(project, 'charmcraft.yaml'), 'utf8')) as {
          parts: { charm: { 'override-build': string; stage: string[]; source: string; plugin: string } };
        }
      ).parts.charm;
      expect([part.plugin, part.source]).toEqual(['nil', '.']);
      // Asynchronously: the registry answers from this very process.
      const result = await execAsync('bash', ['-euo', 'pipefail', '-c', part['override-build']], {
        cwd: build,
        encoding: 'utf8',
        env: { ...process.env, NPM_CONFIG_USERCONFIG: npmrc, CRAFT_PART_INSTALL: install, NO_COLOR: '1' },
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`the charm part's build failed: ${error.stderr ?? error.message}`);
      });
      expect(result.stderr).not.toMatch(/ERR!/);
      // The part installs exactly what it stages, and no node_modules.
      expect(files(install).sort()).toEqual([...part.stage].sort());
      const bundle = readFileSync(join(install, 'lib/charm.cjs'), 'utf8');
      expect(bundle).toContain('OpenctiCrowdstrikeConnectorCharm');
      expect(bundle.length).toBeLessThan(300_000);
      // The bundle boots: outside a hook it stops with ops's one-line complaint about the environment.
      const boot = spawnSync(process.execPath, ['lib/start.cjs'], {
        cwd: install,
        encoding: 'utf8',
        env: {},
      });
      expect(boot.status).toBe(1);
      expect(boot.stderr).toContain('JUJU_UNIT_NAME is not set');
    } finally {
      await registry.close();
    }
  }, 600_000);
});
