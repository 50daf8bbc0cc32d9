import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Finds the monorepo root (the folder with pnpm-workspace.yaml) at or above `from`. */
export function findRoot(from = process.cwd()): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) return from;
  }
}

/** Every charm project (a folder with charmcraft.yaml) under `charms/`, `examples/` and `stand-ins/`. */
export function findCharmProjects(root: string): string[] {
  const out: string[] = [];
  for (const group of ['charms', 'examples', 'stand-ins']) {
    const base = join(root, group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      if (existsSync(join(base, name, 'charmcraft.yaml'))) out.push(join(base, name));
    }
  }
  return out;
}
