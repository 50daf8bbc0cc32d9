/**
 * The model directory: everything a model is between CLI commands.
 *
 * ```
 * <dir>/state.json        packages/juju ModelState (units, relations, secrets, config, logs, ...)
 * <dir>/sim.json          AgentRecords (hook queues, unit errors, charm sources, Pebble state)
 *                         (both symlinks through <dir>/current: saved as one unit, store/generations.ts)
 * <dir>/hooks.jsonl       hook log, one JSON line per hook run
 * <dir>/charms/           the deployed .charm files (<app>-<revision>.charm)
 * <dir>/agents/unit-<app>-<n>/charm/   each unit's unpacked charm (JUJU_CHARM_DIR)
 * <dir>/containers/<app>-<n>/<container>/   each container's filesystem (Pebble files root)
 * <dir>/tools/            the hook tools (jujuc and its links)
 * <dir>/workloads/<app>-<n>/<container>/<service>.log   each service stand-in's stdout and stderr
 * ```
 *
 * The state files hold secret contents and Pebble plans (environments with passwords): every file is
 * readable by the owner only (0600), every directory 0700.
 */
import { appendFileSync, existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type ModelState, type ModelType, newModel } from '@ops-ts/juju';
import { type AgentRecords, type HookLogEntry, newAgentRecords } from './agent-records.js';
import { SimError } from './errors.js';
import { CrashPoints } from './store/crash-points.js';
import { commitGeneration, currentGeneration, hasLegacyFiles, readCommitted } from './store/generations.js';
import { lockModel } from './store/model-lock.js';
import {
  nullPrototypes,
  parseModelJson,
  simProblem,
  stateProblem,
  upgradeQueues,
} from './store/model-shape.js';
import { mkdirPrivate, PRIVATE_FILE, writeAtomic } from './store/private-fs.js';

/** Default model name. */
export const DEFAULT_MODEL = 'sim';

/**
 * Where a model lives: `--model-dir`, else `$OPS_TS_SIM_DIR`, else `<home>/<model>` where the home is
 * `$OPS_TS_SIM_HOME` or `.sim` under `cwd` (sim-home.ts) and the model is `--model`, else the current
 * model (`juju switch`), else `sim`.
 */
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
  const home = env.OPS_TS_SIM_HOME ? resolve(cwd, env.OPS_TS_SIM_HOME) : resolve(cwd, '.sim');
  return resolve(home, opts.model ?? currentModelIn(home) ?? DEFAULT_MODEL);
}

/** The current model remembered in a home (see sim-home.ts; read here to keep the two modules acyclic). */
function currentModelIn(home: string): string | undefined {
  const path = join(home, '.current-model');
  if (!existsSync(path)) return undefined;
  const name = readFileSync(path, 'utf8').trim();
  return name === '' ? undefined : name;
}

/** Entries whose presence means a model lived here (so a missing state file is corruption, not a new model). */
const MODEL_TRACES = ['sim.json', 'hooks.jsonl', 'charms', 'agents', 'generations', 'current'];

/** A unit's directory name: `app/3` → `app-3`. */
export function unitSlug(unit: string): string {
  return unit.replace('/', '-');
}

/** Reads and writes one model directory. */
export class ModelStore {
  /** Test hook of the crash-consistency suite: `OPS_TS_SIM_CRASH_AT` (store/crash-points.ts). */
  readonly #crash = new CrashPoints();

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
    return currentGeneration(this.dir) !== undefined || hasLegacyFiles(this.dir);
  }

  /**
   * Loads the model. A directory with no model gives an empty one (named after the directory), written
   * only when the caller saves; `readOnly` refuses a directory that does not exist (a typo'd path must not
   * look like an empty model). A model partly missing or of the wrong shape is refused, named, untouched.
   */
  load(create: { name?: string; type?: ModelType; readOnly?: boolean } = {}): {
    state: ModelState;
    sim: AgentRecords;
  } {
    const st = statSync(this.dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new SimError(`model directory ${this.dir} is not a directory`);
    if (!st && create.readOnly) throw new SimError(`no model in ${this.dir}`);
    const committed = st ? readCommitted(this.dir) : { where: this.dir };
    if (committed.state === undefined && committed.sim === undefined) {
      const traces = st ? MODEL_TRACES.filter((n) => existsSync(join(this.dir, n))) : [];
      if (traces.length > 0) {
        throw new SimError(
          `model in ${this.dir} is corrupt: state.json is missing (found ${traces.join(', ')}); left untouched`,
        );
      }
      const name = create.name ?? this.dir.split('/').at(-1) ?? DEFAULT_MODEL;
      return nullPrototypes({
        state: newModel({ name, type: create.type ?? 'kubernetes' }),
        sim: newAgentRecords(),
      });
    }
    const state = this.parse('state.json', committed.state, stateProblem) as ModelState;
    const sim = upgradeQueues(this.parse('sim.json', committed.sim, simProblem) as AgentRecords);
    return { state, sim };
  }

  private parse(
    name: string,
    text: string | undefined,
    problem: (doc: unknown) => string | undefined,
  ): unknown {
    const corrupt = (why: string) =>
      new SimError(`model in ${this.dir} is corrupt: ${name} ${why}; left untouched`);
    if (text === undefined) throw corrupt('is missing');
    let doc: unknown;
    try {
      doc = parseModelJson(text);
    } catch (error) {
      throw corrupt(`is not JSON (${(error as Error).message})`);
    }
    const why = problem(doc);
    if (why !== undefined) throw corrupt(`has the wrong shape: ${why}`);
    return doc;
  }

  /** Saves both documents as one unit: a crash at any point leaves the last saved model whole. */
  save(state: ModelState, sim: AgentRecords): void {
    // Maps created since the last save (a new relation's bags, ...) lose their prototype here too.
    nullPrototypes(state);
    nullPrototypes(sim);
    mkdirPrivate(this.dir);
    commitGeneration(
      this.dir,
      { state: `${JSON.stringify(state)}\n`, sim: `${JSON.stringify(sim)}\n` },
      this.#crash,
    );
  }

  /** Writes a file of the model (e.g. a deployed charm) atomically, readable by the owner only. */
  writePrivateFile(path: string, data: string | Uint8Array): void {
    writeAtomic(path, data);
  }

  /** Appends one hook-log line. */
  appendHookLog(entry: HookLogEntry): void {
    mkdirPrivate(this.dir);
    const line = `${JSON.stringify(entry)}\n`;
    this.#crash.partial('hook-log-partial', line, (half) =>
      appendFileSync(this.hookLogPath, half, { mode: PRIVATE_FILE }),
    );
    appendFileSync(this.hookLogPath, line, { mode: PRIVATE_FILE });
    this.#crash.reach('hook-log-written');
  }

  /**
   * The hook log, oldest first, up to sequence number `upTo` (the model's `hookSeq`): a line written
   * for a hook whose model was never saved (a crash in between) is not part of the model's history.
   */
  hookLog(upTo = Number.POSITIVE_INFINITY): HookLogEntry[] {
    if (!existsSync(this.hookLogPath)) return [];
    const out: HookLogEntry[] = [];
    for (const line of readFileSync(this.hookLogPath, 'utf8').split('\n')) {
      if (line === '') continue;
      let entry: HookLogEntry;
      try {
        entry = JSON.parse(line) as HookLogEntry;
      } catch {
        continue; // the torn last line of an append a crash interrupted
      }
      if (entry.seq <= upTo) out.push(entry);
    }
    return out;
  }

  /** Drops hook-log lines beyond `upTo` (see {@link hookLog}), so their sequence numbers are not repeated. */
  trimHookLog(upTo: number): void {
    if (!existsSync(this.hookLogPath)) return;
    const text = readFileSync(this.hookLogPath, 'utf8');
    const kept = this.hookLog(upTo);
    const lines = kept.map((e) => `${JSON.stringify(e)}\n`).join('');
    if (lines !== text) writeAtomic(this.hookLogPath, lines);
  }

  /** Removes a unit's agent and container directories. */
  removeUnitDirs(unit: string): void {
    rmSync(this.agentDir(unit), { recursive: true, force: true });
    rmSync(join(this.dir, 'containers', unitSlug(unit)), { recursive: true, force: true });
    rmSync(join(this.dir, 'workloads', unitSlug(unit)), { recursive: true, force: true });
  }

  /**
   * Takes the model's lock so two commands never interleave their writes. A lock left by a dead
   * process is taken over safely (store/model-lock.ts). Returns the release function.
   */
  lock(): () => void {
    const st = statSync(this.dir, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new SimError(`model directory ${this.dir} is not a directory`);
    mkdirPrivate(this.dir);
    return lockModel(this.dir);
  }
}
