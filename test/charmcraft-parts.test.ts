// Every charmcraft.yaml's `charm` part is the one the CLI defines (built from source inside charmcraft) and
// stages exactly what `ops-ts build` puts in dist/ beside the documents charmcraft writes itself, so a
// charm packed by the real charmcraft has everything dispatch runs (a file left out would break every hook
// on a real model). test/outside-workspace.test.ts runs the part's build script against packed packages.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { buildCharm, charmPart, findCharmProjects, initCharm, loadProject } from '@ops-ts/cli';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
const WRITTEN_BY_CHARMCRAFT = new Set(['metadata.yaml', 'config.yaml', 'actions.yaml', 'manifest.yaml']);

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)];
  });
}

describe('charmcraft parts', () => {
  it('the build output is dispatch and lib/ (bundle, loader, source map)', async () => {
    const { dist } = await buildCharm(loadProject(join(root, 'examples/greeter')));
    const staged = files(dist)
      .filter((f) => !WRITTEN_BY_CHARMCRAFT.has(f))
      .sort();
    expect(staged).toEqual(['dispatch', 'lib/charm.cjs', 'lib/charm.cjs.map', 'lib/start.cjs']);
  });

  it.each(findCharmProjects(root).map((dir) => [relative(root, dir), dir]))(
    '%s stages all of it',
    (_name, dir) => {
      const doc = parse(readFileSync(join(dir, 'charmcraft.yaml'), 'utf8')) as {
        parts: { charm: { stage: string[] } };
      };
      expect(doc.parts.charm).toEqual(charmPart());
      expect([...doc.parts.charm.stage].sort()).toEqual([
        'dispatch',
        'lib/charm.cjs',
        'lib/charm.cjs.map',
        'lib/start.cjs',
      ]);
    },
  );

  it('`ops-ts init` writes the same part', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ops-ts-part-'));
    try {
      initCharm(join(dir, 'fresh'));
      const doc = parse(readFileSync(join(dir, 'fresh/charmcraft.yaml'), 'utf8')) as {
        parts: { charm: unknown };
      };
      expect(doc.parts.charm).toEqual(charmPart());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
