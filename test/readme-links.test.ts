// Every README's relative links point at files that are in the repository (no README cites a file that
// is not here, such as the workspace's shared notes).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const SKIP = new Set(['node_modules', 'dist', '.git', '.sim']);

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // Generated output (the API reference) is not the repository's prose.
    if (SKIP.has(name) || name.startsWith('.init-tmp') || relative(root, path) === 'docs/api') continue;
    if (statSync(path).isDirectory()) out.push(...markdownFiles(path));
    else if (name.endsWith('.md')) out.push(path);
  }
  return out;
}

const files = markdownFiles(root);

describe('README links', () => {
  it('finds the READMEs', () => {
    expect(files.map((f) => relative(root, f))).toEqual(
      expect.arrayContaining(['README.md', 'packages/ops/README.md']),
    );
  });

  it.each(files.map((f) => [relative(root, f), f]))(
    '%s links only to files in the repository',
    (_name, file) => {
      const text = readFileSync(file, 'utf8');
      // Links in prose only: code blocks and code spans may hold regexes and paths of a unit's filesystem.
      const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`]*`/g, '');
      const broken: string[] = [];
      for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = match[1] ?? '';
        if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
        const path = join(dirname(file), target.split('#')[0] ?? '');
        if (!existsSync(path)) broken.push(target);
      }
      expect(broken).toEqual([]);
      expect(text).not.toMatch(/\.\.\/shared\/|shared\/reference|shared\/data/);
    },
  );
});
