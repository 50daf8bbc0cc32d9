/**
 * The model directory: everything a model is between CLI commands.
 *
 * ```
 * <dir>/state.json        packages/juju ModelState (units, relations, secrets, config, logs, ...)
 * <dir>/sim.json          SimState (hook queues, unit errors, charm sources, Pebble state)
 * <dir>/hooks.jsonl       hook log, one JSON line per hook run
 * <dir>/charms/           the deployed .charm files (<app>-<revision>.charm)
 * <dir>/agents/unit-<app>-<n>/charm/   each unit's unpacked charm (JUJU_CHARM_DIR)
 * <dir>/containers/<app>-<n>/<container>/   each container's filesystem (Pebble files root)
 * <dir>/tools/            the hook tools (jujuc and its links)
 * <dir>/workloads/<app>-<n>/<container>/<service>.log   each service stand-in's stdout and stderr
 * ```
 *
 * The state files hold secret contents and Pebble plans (environments with passwords): they are
 * readable by the owner only (0600).
 */
import {
  appendFileSync,
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { type ModelState, type ModelType, newModel } from '@ops-ts/juju';
import { ModelLockedError, SimError } from './errors.js';
import { type HookLogEntry, newSimState, type SimState } from './sim-state.js';

/** Default model name. */
export const DEFAULT_MODEL = 'sim';

/** Where a model lives: `--model-dir`, else `$OPS_TS_SIM_DIR`, else `.sim/<model>` under `cwd`. */
export function modelDirFor(opts: {
  modelDir?: string;
  model?: string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}): string {
  const env = opts.env ?? process.env;
  const cwd = opts.cwd ?? process.cwd();
  if (opts.modelDir) return resolve(cwd, opts.modelDir);
  if (env.OPS_TS_SIM_DIR) return resolve(cwd, env.OPS_TS_SIM_DIR);
  return resolve(cwd, '.sim', opts.model ?? DEFAULT_MODEL);
}

/** Mode of every file the model writes: they may hold secrets. */
const PRIVATE_FILE = 0o600;

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: PRIVATE_FILE });
  // `mode` applies only when the file is created; a leftover temp file keeps its old one otherwise.
  chmodSync(tmp, PRIVATE_FILE);
  renameSync(tmp, path);
}

/** A unit's directory name: `app/3` → `app-3`. */
export function unitSlug(unit: string): string {
  return unit.replace('/', '-');
}

/** Reads and writes one model directory. */
export class ModelStore {
  /** The model directory (absolute). */
  constructor(readonly dir: string) {}

  /** `state.json`. */
  get statePath(): string {
    return join(this.dir, 'state.json');
  }

  /** `sim.json`. */
  get simPath(): string {
    return join(this.dir, 'sim.json');
  }

  /** `hooks.jsonl`. */
  get hookLogPath(): string {
    return join(this.dir, 'hooks.jsonl');
  }

  /** The hook tools directory. */
  get toolsDir(): string {
    return join(this.dir, 'tools');
  }

  /** Where deployed charm files are kept. */
  get charmsDir(): string {
    return join(this.dir, 'charms');
  }

  /** A unit's charm directory (`JUJU_CHARM_DIR`), laid out as Juju's agent directory. */
  charmDir(unit: string): string {
    return join(this.dir, 'agents', `unit-${unitSlug(unit)}`, 'charm');
  }

  /** A unit's agent directory (holds the charm directory). */
  agentDir(unit: string): string {
    return join(this.dir, 'agents', `unit-${unitSlug(unit)}`);
  }

  /** A container's filesystem root. */
  containerRoot(unit: string, container: string): string {
    return join(this.dir, 'containers', unitSlug(unit), container);
  }

  /** The log file of a service stand-in (its stdout and stderr). */
  workloadLog(unit: string, container: string, service: string): string {
    return join(this.dir, 'workloads', unitSlug(unit), container, `${service}.log`);
  }

  /** Whether the model exists on disk. */
  exists(): boolean {
    return existsSync(this.statePath);
  }

  /** Loads the model, creating an empty one (named after the directory) when there is none. */
  load(create: { name?: string; type?: ModelType } = {}): { state: ModelState; sim: SimState } {
    if (!this.exists()) {
      const name = create.name ?? this.dir.split('/').at(-1) ?? DEFAULT_MODEL;
      return { state: newModel({ name, type: create.type ?? 'kubernetes' }), sim: newSimState() };
    }
    try {
      const state = JSON.parse(readFileSync(this.statePath, 'utf8')) as ModelState;
      const sim = existsSync(this.simPath)
        ? (JSON.parse(readFileSync(this.simPath, 'utf8')) as SimState)
        : newSimState();
      return { state, sim };
    } catch (error) {
      throw new SimError(`model in ${this.dir} is corrupt: ${(error as Error).message}`);
    }
  }

  /** Saves both state files atomically (each on its own). */
  save(state: ModelState, sim: SimState): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    writeAtomic(this.statePath, `${JSON.stringify(state)}\n`);
    writeAtomic(this.simPath, `${JSON.stringify(sim)}\n`);
  }

  /** Appends one hook-log line. */
  appendHookLog(entry: HookLogEntry): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    appendFileSync(this.hookLogPath, `${JSON.stringify(entry)}\n`, { mode: PRIVATE_FILE });
  }

  /** The hook log, oldest first. */
  hookLog(): HookLogEntry[] {
    if (!existsSync(this.hookLogPath)) return [];
    return readFileSync(this.hookLogPath, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as HookLogEntry);
  }

  /** Removes a unit's agent and container directories. */
  removeUnitDirs(unit: string): void {
    rmSync(this.agentDir(unit), { recursive: true, force: true });
    rmSync(join(this.dir, 'containers', unitSlug(unit)), { recursive: true, force: true });
    rmSync(join(this.dir, 'workloads', unitSlug(unit)), { recursive: true, force: true });
  }

  /**
   * Takes the model's lock so two commands never interleave their writes. A lock left by a dead
   * process is taken over. Returns the release function.
   */
  lock(): () => void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = join(this.dir, 'lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx');
        writeFileSync(fd, String(process.pid));
        closeSync(fd);
        return () => rmSync(path, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const pid = Number(readFileSync(path, 'utf8'));
        if (pid > 0 && pid !== process.pid && processAlive(pid)) {
          throw new ModelLockedError(`model in ${this.dir} is in use by process ${pid}`);
        }
        rmSync(path, { force: true });
      }
    }
    throw new ModelLockedError(`cannot lock model in ${this.dir}`);
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
