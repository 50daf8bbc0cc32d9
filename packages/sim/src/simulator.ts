/**
 * The simulator's programmatic API: open a model directory, change the model as `juju` commands do,
 * and `settle()` to run the queued hooks as real processes. The CLI is a thin layer over this.
 */
import { rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ActionRecord, JsonValue, ModelState, ModelType } from '@ops-ts/juju';
import type { Layer } from '@ops-ts/pebble';
import type { AgentRecords, ExecStub, HookLogEntry } from './agent-records.js';
import { charmContainers } from './charm-file.js';
import type { SimContext } from './context.js';
import { SimError } from './errors.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { Fault, FaultSpec } from './faults/fault-spec.js';
import { queueFollowUps } from './follow-ups.js';
import { enqueue, pendingHookCount } from './hook-queue.js';
import { HookRunner } from './hook-runner.js';
import { ModelStore } from './model-store.js';
import { queueAction } from './ops/action.js';
import { type ConfigSetting, getConfig, setConfig, setTrust } from './ops/config.js';
import { addUnits, type DeployOptions, deploy, refresh } from './ops/deploy.js';
import { addFault, clearFaults } from './ops/faults.js';
import { findRelation, integrate, removeRelation } from './ops/integrate.js';
import { removeApplication, removeUnits, scaleDown } from './ops/remove.js';
import {
  addUserSecret,
  grantUserSecret,
  removeUserSecret,
  type SecretUpdate,
  updateUserSecret,
} from './ops/secrets.js';
import { PebbleHost } from './pebble-host.js';
import { type SimEvent, settle } from './scheduler.js';
import { cloneModel } from './store/model-shape.js';
import { type DebugLogOptions, debugLog } from './views/debug-log.js';
import { type JujuStatus, type JujuStatusOptions, jujuStatus } from './views/juju-status.js';
import { containerPlan, redactPlan, secretValues } from './views/plan.js';
import { type JujuUnitInfo, jujuShowUnit, showUnit, type UnitInfo } from './views/show-unit.js';
import { type ModelStatus, modelStatus } from './views/status.js';
import { workloadLog } from './views/workload-log.js';
import { addServiceStandIn, type StandInOptions } from './workloads/stand-ins.js';
import { Workloads } from './workloads/workloads.js';

/** Options of {@link Simulator.open}. */
export interface SimulatorOptions {
  /** The model directory (created when missing). */
  modelDir: string;
  /** Name for a new model (default: the directory's name). */
  modelName?: string;
  /** Substrate of a new model (default `kubernetes`). */
  modelType?: ModelType;
  /** Units whose hooks run side by side (default `$OPS_TS_SIM_JOBS`, else up to 4). 1 makes runs deterministic. */
  concurrency?: number;
  /** Hook timeout (default 120 s). */
  hookTimeoutMs?: number;
  /** How long a finished hook's leftover processes may hold its output open before they are killed (default 2 s). */
  hookStdioGraceMs?: number;
  /**
   * Open for reading only: no lock, nothing written (not even on {@link Simulator.close}), a missing
   * directory refused instead of created. Changes throw. The view commands (`status`, ...) use it.
   */
  readOnly?: boolean;
  /** Progress of hook runs. */
  onEvent?: (event: SimEvent) => void;
  /**
   * argv that runs a real-workload Pebble daemon given its config file (the CLI passes its own
   * `sim pebble-daemon`); needed only by applications deployed with `workloads: 'real'`.
   */
  pebbleDaemon?: readonly string[];
}

function defaultConcurrency(): number {
  const fromEnv = Number(process.env.OPS_TS_SIM_JOBS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.min(4, availableParallelism());
}

/** The hook timeout: the option, else `$OPS_TS_SIM_HOOK_TIMEOUT_MS` (tests), else the runner's 120 s. */
function hookTimeout(options: SimulatorOptions): { timeoutMs?: number } {
  const fromEnv = Number(process.env.OPS_TS_SIM_HOOK_TIMEOUT_MS);
  const ms = options.hookTimeoutMs ?? (Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined);
  return ms !== undefined ? { timeoutMs: ms } : {};
}

/** A local Juju model on disk whose hooks run as real processes. */
export class Simulator implements SimContext {
  #state: ModelState;
  #sim: AgentRecords;
  readonly #runner: HookRunner;
  readonly #pebble: PebbleHost;
  readonly #workloads: Workloads;
  readonly #release: () => void;

  private constructor(
    /** The model directory. */
    readonly store: ModelStore,
    private readonly options: SimulatorOptions,
  ) {
    this.#release = options.readOnly ? () => {} : store.lock();
    try {
      const loaded = store.load({
        ...(options.modelName ? { name: options.modelName } : {}),
        ...(options.modelType ? { type: options.modelType } : {}),
        ...(options.readOnly ? { readOnly: true } : {}),
      });
      this.#state = loaded.state;
      this.#sim = loaded.sim;
      // Hook-log lines of hooks whose model was never saved (a crash between the two) are dropped.
      if (!options.readOnly) store.trimHookLog(loaded.sim.hookSeq);
    } catch (error) {
      this.#release();
      throw error;
    }
    // A process that died mid-hook left its flag behind; the hook never committed, so it runs again.
    for (const agent of Object.values(this.#sim.units)) if (agent.running) delete agent.running;
    this.#workloads = new Workloads(this, options.pebbleDaemon);
    const faults = new FaultInjector(this);
    this.#pebble = new PebbleHost(this, this.#workloads, faults);
    this.#runner = new HookRunner({
      faults,
      state: () => this.#state,
      charmDir: (unit) => store.charmDir(unit),
      toolsDir: store.toolsDir,
      extraEnv: (unit) => this.#pebble.env(unit),
      ...hookTimeout(options),
      ...(options.hookStdioGraceMs !== undefined ? { stdioGraceMs: options.hookStdioGraceMs } : {}),
    });
  }

  /** Opens (or creates) the model in `modelDir`, taking its lock until {@link close}. */
  static open(options: SimulatorOptions): Simulator {
    return new Simulator(new ModelStore(options.modelDir), options);
  }

  /** The juju model state (live). */
  get state(): ModelState {
    return this.#state;
  }

  /** The simulator state (live). */
  get sim(): AgentRecords {
    return this.#sim;
  }

  /** Runs a change; on error the model is restored, so bad input leaves it as it was. */
  private change<T>(fn: () => T): T {
    this.writable();
    const before = cloneModel({ state: this.#state, sim: this.#sim });
    try {
      const result = fn();
      this.store.save(this.#state, this.#sim);
      return result;
    } catch (error) {
      this.#state = before.state;
      this.#sim = before.sim;
      throw error;
    }
  }

  /** `deploy`: returns the application name. */
  deploy(charmPath: string, opts: DeployOptions = {}): string {
    return this.change(() => deploy(this, charmPath, opts));
  }

  /** `add-unit`: returns the new unit names. */
  addUnit(app: string, count = 1): string[] {
    return this.change(() => addUnits(this, app, count));
  }

  /** `remove-unit`. */
  removeUnit(units: readonly string[], force = false): void {
    this.change(() => removeUnits(this, units, force));
  }

  /** `remove-application`. */
  removeApplication(app: string, force = false): void {
    this.change(() => removeApplication(this, app, force));
  }

  /** `remove-unit <app> --num-units N` on a Kubernetes model: the N newest units go; returns the new scale. */
  scaleDown(app: string, count: number, force = false): number {
    return this.change(() => scaleDown(this, app, count, force));
  }

  /**
   * `exec --unit <unit> -- <command>`: runs the command line in a hook context of the unit (hook tools on
   * PATH), then queues what its tool calls set off (relation-changed, ...); `settle()` runs those.
   */
  async exec(
    unit: string,
    argv: readonly string[],
  ): Promise<{ id: string; exitCode: number; stdout: string; stderr: string }> {
    this.writable();
    if (this.#state.units[unit]?.life !== 'alive')
      throw new SimError(`unit ${JSON.stringify(unit)} not found`);
    // juju exec is an action (juju-exec) with a task id from the model's action sequence.
    this.#state.counters.action += 1;
    const id = String(this.#state.counters.action);
    await this.#pebble.ensure(unit);
    const result = await this.#runner.runCommand(unit, argv);
    queueFollowUps(this, unit, result.changes);
    await this.#pebble.snapshot(unit);
    this.store.save(this.#state, this.#sim);
    return { id, exitCode: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  }

  /** `integrate`: returns the relation id. */
  integrate(a: string, b: string): number {
    return this.change(() => integrate(this, a, b));
  }

  /** `remove-relation` by two endpoints or a relation id. */
  removeRelation(a: string, b?: string): void {
    this.change(() => removeRelation(this, findRelation(this, a, b)));
  }

  /** `config <app>`: the settings with their sources. */
  getConfig(app: string): Record<string, ConfigSetting> {
    return getConfig(this, app);
  }

  /** `config <app> k=v ... [--reset k]`: returns whether anything changed. */
  setConfig(
    app: string,
    settings: Record<string, string | JsonValue>,
    reset: readonly string[] = [],
  ): boolean {
    return this.change(() => setConfig(this, app, settings, reset));
  }

  /** `trust <app> [--remove]`: returns whether trust changed (then config-changed is queued). */
  setTrust(app: string, trust: boolean): boolean {
    return this.change(() => setTrust(this, app, trust));
  }

  /** `remove-secret <secret> [--revision N]`. */
  removeSecret(nameOrUri: string, revision?: number): void {
    this.change(() => removeUserSecret(this, nameOrUri, revision));
  }

  /** `refresh <app> --path <charm>`: returns the new revision. */
  refresh(app: string, charmPath: string): number {
    return this.change(() => refresh(this, app, charmPath));
  }

  /** `add-secret`: returns the secret URI. */
  addSecret(name: string, content: Record<string, string>, description?: string): string {
    return this.change(() => addUserSecret(this, name, content, description));
  }

  /** `update-secret`: returns the latest revision. */
  updateSecret(nameOrUri: string, update: SecretUpdate): number {
    return this.change(() => updateUserSecret(this, nameOrUri, update));
  }

  /** `grant-secret`. */
  grantSecret(nameOrUri: string, apps: readonly string[]): void {
    this.change(() => grantUserSecret(this, nameOrUri, apps));
  }

  /** Adds a canned answer for `exec` in an application's container (the newest stub wins). */
  addExecStub(app: string, stub: ExecStub): void {
    this.change(() => {
      const application = this.#state.applications[app];
      if (!application) throw new SimError(`application ${JSON.stringify(app)} not found`);
      if (!charmContainers(application.charm).includes(stub.container)) {
        throw new SimError(
          `application ${JSON.stringify(app)} has no container ${JSON.stringify(stub.container)}`,
        );
      }
      if (stub.command.length === 0) throw new SimError('exec stub needs a command');
      this.#sim.execStubs ??= {};
      this.#sim.execStubs[app] = [{ ...stub }, ...(this.#sim.execStubs[app] ?? [])];
    });
  }

  /**
   * Runs `command` as a host process in place of `service` in `container`, for every unit of `app`,
   * whenever Pebble starts the service. `ports` are the container ports it listens on: each gets a
   * loopback port (`OPS_TS_PORT_<N>` for the process, `OPS_TS_CONTAINER_PORTS` for the charm).
   */
  addServiceStandIn(
    app: string,
    container: string,
    service: string,
    command: readonly string[],
    opts: StandInOptions = {},
  ): void {
    this.change(() => addServiceStandIn(this, app, container, service, command, opts));
  }

  /**
   * Kills the stand-ins of these units or applications (all when none are named) and marks their
   * services inactive. Tests call it in their teardown: {@link close} leaves stand-ins running.
   */
  async stopWorkloads(names: readonly string[] = []): Promise<void> {
    this.writable();
    const units = this.#workloads
      .units()
      .filter((u) => names.length === 0 || names.some((n) => u === n || u.startsWith(`${n}/`)));
    // The saved Pebble state must not be overwritten by a server that still thinks they run.
    for (const unit of units) await this.#pebble.stop(unit);
    await this.#workloads.stopUnits(units);
    await this.#workloads.reap();
    this.store.save(this.#state, this.#sim);
  }

  /**
   * `fault add`: makes matching hook-tool calls fail or hang, or a container's Pebble answer an error,
   * reset or never answer, in every later hook run until cleared (or spent, with `times`). Returns it.
   */
  addFault(spec: FaultSpec): Fault {
    return this.change(() => structuredClone(addFault(this, spec)));
  }

  /** `fault list`: the model's faults with how often each fired. */
  faults(): Fault[] {
    return structuredClone(this.#sim.faults ?? []);
  }

  /** `fault clear [id]`: removes one fault, or all when no id is given; returns how many went. */
  clearFaults(id?: number): number {
    return this.change(() => clearFaults(this, id));
  }

  /** Refuses a change to a model opened read-only. */
  private writable(): void {
    if (this.options.readOnly) throw new SimError(`the model in ${this.store.dir} was opened read-only`);
  }

  /** Saves the model unless it was opened read-only. */
  private save(): void {
    if (!this.options.readOnly) this.store.save(this.#state, this.#sim);
  }

  /** `update-status`: queues update-status on every started unit not in error. */
  queueUpdateStatus(): void {
    this.change(() => {
      for (const [unit, agent] of Object.entries(this.#sim.units)) {
        if (agent.started && !agent.error && this.#state.units[unit]?.life === 'alive') {
          enqueue(this, unit, { unit, hookName: 'update-status' });
        }
      }
    });
  }

  /** `resolve <unit>`: clears the error; the failed hook runs again unless `retry` is false. */
  resolve(unit: string, retry = true): void {
    this.change(() => {
      const agent = this.#sim.units[unit];
      if (!agent) throw new SimError(`unit ${JSON.stringify(unit)} not found`);
      if (!agent.error) throw new SimError(`unit ${JSON.stringify(unit)} is not in an error state`);
      agent.error = null;
      if (!retry) agent.queue.shift();
    });
  }

  /** `run <unit> <action> k=v`: queues the action, settles, returns its record. */
  async runAction(unit: string, name: string, params: Record<string, string> = {}): Promise<ActionRecord> {
    const action = this.change(() => queueAction(this, unit, name, params));
    await this.settle();
    return this.#state.actions[action.id] ?? action;
  }

  /** Runs queued hooks until none is runnable (units in error wait for `resolve`). */
  async settle(): Promise<void> {
    this.writable();
    await settle(this, {
      runner: this.#runner,
      pebble: this.#pebble,
      workloads: this.#workloads,
      concurrency: this.options.concurrency ?? defaultConcurrency(),
      ...(this.options.onEvent ? { onEvent: this.options.onEvent } : {}),
    });
  }

  /** Hooks still queued over all units. */
  pendingHooks(): number {
    return pendingHookCount(this);
  }

  /** Units halted by a failed hook, with the message. */
  unitsInError(): { unit: string; message: string }[] {
    return Object.entries(this.#sim.units)
      .filter(([, a]) => a.error)
      .map(([unit, a]) => ({ unit, message: a.error?.message ?? '' }));
  }

  /** `status --format json`. */
  status(): ModelStatus {
    return modelStatus(this.#state, this.#sim);
  }

  /** `status --format json` as juju 3.6 prints it (selectors filter applications and units). */
  jujuStatus(opts: JujuStatusOptions = {}): JujuStatus {
    return jujuStatus(this.#state, this.#sim, opts);
  }

  /** `show-unit`. */
  showUnit(unit: string): UnitInfo {
    return showUnit(this.#state, this.#sim, unit);
  }

  /** `show-unit` as juju 3.6 prints it. */
  jujuShowUnit(unit: string): JujuUnitInfo {
    return jujuShowUnit(this.#state, this.#sim, unit);
  }

  /** `debug-log`: Juju's log lines, then the last lines of each service stand-in's output. */
  debugLog(opts: DebugLogOptions = {}): string[] {
    const { lines, ...filters } = opts;
    const all = [
      ...debugLog(this.#state, filters),
      ...workloadLog(this.store, secretValues(this.#state), filters),
    ];
    return lines !== undefined && lines > 0 ? all.slice(-lines) : all;
  }

  /** A container's Pebble plan (secret values redacted unless `reveal`). */
  plan(unit: string, container: string, reveal = false): Layer {
    const plan = containerPlan(this.#state, this.#sim, unit, container);
    return reveal ? plan : redactPlan(plan, this.#state);
  }

  /** The hook log, oldest first. */
  hookLog(): HookLogEntry[] {
    return this.store.hookLog(this.#sim.hookSeq);
  }

  /**
   * Stops the hook-tool and Pebble servers, saves the model and releases its lock. Stand-ins of
   * existing units keep running (the model lives on between commands); those of removed units are killed.
   */
  async close(): Promise<void> {
    try {
      await this.#pebble.close();
      await this.#runner.close();
      if (!this.options.readOnly) await this.#workloads.reap();
      this.save();
    } finally {
      this.#release();
    }
  }

  /** `destroy-model`: kills every stand-in, stops the servers and deletes the model directory. */
  async destroy(): Promise<void> {
    this.writable();
    try {
      await this.#pebble.close();
      await this.#runner.close();
      await this.#workloads.stopUnits(this.#workloads.units());
      await this.#workloads.reap();
    } finally {
      this.#release();
    }
    rmSync(this.store.dir, { recursive: true, force: true });
  }
}
