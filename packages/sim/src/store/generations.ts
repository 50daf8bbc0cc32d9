/**
 * Saving `state.json` and `sim.json` as one unit. Each save writes both into a new generation directory,
 * then points the `current` symlink at it with one rename: the commit. A crash before the rename leaves
 * the previous generation current, after it the new one; never one file of each. `<dir>/state.json` and
 * `<dir>/sim.json` are symlinks through `current`, so the files keep their documented paths.
 *
 * ```
 * <dir>/current -> generations/<n>      the commit marker
 * <dir>/generations/<n>/{state,sim}.json
 * <dir>/state.json -> current/state.json, <dir>/sim.json -> current/sim.json
 * ```
 */
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { join } from 'node:path';
import { CrashPoints } from './crash-points.js';
import { fsyncDir, mkdirPrivate, writeDurable } from './private-fs.js';

/** The two documents of a model, as text. */
export interface ModelTexts {
  state: string;
  sim: string;
}

const DOCS = ['state.json', 'sim.json'] as const;

function lstat(path: string) {
  return lstatSync(path, { throwIfNoEntry: false });
}

/** The generation `current` names (its directory name), or undefined when there is none. */
export function currentGeneration(dir: string): string | undefined {
  const link = join(dir, 'current');
  if (!lstat(link)?.isSymbolicLink()) return undefined;
  return readlinkSync(link).split('/').at(-1);
}

/** Whether the directory holds the old layout (two plain files, saved one after the other). */
export function hasLegacyFiles(dir: string): boolean {
  return lstat(join(dir, 'state.json'))?.isFile() === true;
}

/**
 * Reads the committed documents: the current generation's, or the legacy files. A missing file is
 * reported by name (`undefined` for it); a reader racing a save retries once on the new generation.
 */
export function readCommitted(dir: string): { state?: string; sim?: string; where: string } {
  for (let attempt = 0; ; attempt++) {
    const gen = currentGeneration(dir);
    const base = gen !== undefined ? join(dir, 'generations', gen) : dir;
    const read = (name: string) =>
      existsSync(join(base, name)) ? readFileSync(join(base, name), 'utf8') : undefined;
    try {
      const state = read('state.json');
      const sim = read('sim.json');
      // The previous generation is kept one save long, so a retry finds a whole pair.
      if (gen !== undefined && (state === undefined || sim === undefined) && attempt === 0) continue;
      return {
        ...(state !== undefined ? { state } : {}),
        ...(sim !== undefined ? { sim } : {}),
        where: base,
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 0) throw error;
    }
  }
}

/**
 * Commits both documents at once (see the module comment); removes generations older than the previous.
 * `crash` is the crash-consistency suite's hook (store/crash-points.ts); by default it never fires.
 */
export function commitGeneration(dir: string, texts: ModelTexts, crash = new CrashPoints('')): void {
  const gens = join(dir, 'generations');
  mkdirPrivate(gens);
  const current = currentGeneration(dir);
  const next = String((current !== undefined ? Number.parseInt(current, 10) || 0 : 0) + 1);
  const genDir = join(gens, next);
  rmSync(genDir, { recursive: true, force: true }); // a save that crashed before its commit
  mkdirPrivate(genDir);
  crash.reach('generation-dir');
  crash.partial('state-partial', texts.state, (half) => writeDurable(join(genDir, 'state.json'), half));
  writeDurable(join(genDir, 'state.json'), texts.state);
  crash.reach('state-written');
  writeDurable(join(genDir, 'sim.json'), texts.sim);
  fsyncDir(genDir);
  fsyncDir(gens);
  crash.reach('sim-written');
  const tmpLink = join(dir, `current.${process.pid}.tmp`);
  // Links a save killed before its rename left behind (any pid: the lock is ours now).
  for (const name of readdirSync(dir)) {
    if (/^(?:current|state\.json|sim\.json)\.\d+\.(?:tmp|link)$/.test(name))
      rmSync(join(dir, name), { force: true });
  }
  symlinkSync(join('generations', next), tmpLink);
  crash.reach('link-made');
  renameSync(tmpLink, join(dir, 'current'));
  fsyncDir(dir);
  crash.reach('committed');
  linkDocuments(dir);
  for (const name of readdirSync(gens)) {
    if (name !== next && name !== current) rmSync(join(gens, name), { recursive: true, force: true });
  }
}

/** Points `<dir>/state.json` and `<dir>/sim.json` through `current` (replacing legacy files atomically). */
function linkDocuments(dir: string): void {
  for (const name of DOCS) {
    const path = join(dir, name);
    const target = join('current', name);
    const st = lstat(path);
    if (st?.isSymbolicLink() && readlinkSync(path) === target) continue;
    const tmp = `${path}.${process.pid}.link`;
    rmSync(tmp, { force: true });
    symlinkSync(target, tmp);
    renameSync(tmp, path);
  }
}
