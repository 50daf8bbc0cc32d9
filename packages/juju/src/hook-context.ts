/**
 * One running hook (or action) for one unit: the jujuc server side. Buffered writes live in
 * `pending` until `commit()`; immediate effects (status, logs, action results) go straight
 * into the state.
 */
import type { StateChange } from './changes.js';
import { applyPending } from './commit.js';
import type { HookIdentity } from './hook-identity.js';
import { unitApp } from './ids.js';
import { recordMembership } from './members.js';
import { applyDelta, emptyPending, type PendingChanges } from './pending.js';
import type {
  ActionRecord,
  Application,
  Bag,
  LogEntry,
  ModelState,
  Relation,
  StatusRecord,
  Unit,
} from './state.js';

/** Which hook or action is running (its identity), and the clock it runs by. */
export interface HookOptions extends HookIdentity {
  /** Clock (default: wall clock); lets tests pin timestamps. */
  now?: () => Date;
}

/** How the hook process ended (actions turn this into results). */
export interface ProcessOutcome {
  /** Exit code of the dispatch process. */
  exitCode?: number;
  /** Its stdout. */
  stdout?: string;
  /** Its stderr. */
  stderr?: string;
}

/** Where the hook is in its life. */
export type HookPhase = 'running' | 'committed' | 'discarded';

/** A running hook context: run tools against it, then commit or discard. */
export class HookContext {
  /** Buffered changes (read them in tests to see what a hook would commit). */
  readonly pending: PendingChanges = emptyPending();
  /** Immediate effects that matter to a scheduler (e.g. leader-settings changes). */
  readonly immediateChanges: StateChange[] = [];
  /** juju-log lines written by this hook (also appended to `state.logs`). */
  readonly logs: LogEntry[] = [];
  /** Controller reads cached for the rest of the hook (remote data is a snapshot). */
  readonly remoteCache: Record<string, Bag> = {};
  /** Running, committed or discarded. */
  phase: HookPhase = 'running';
  #unitStatus: StatusRecord | undefined;

  /** Starts a context; prefer {@link beginHook}. */
  constructor(
    /** The live model; immediate effects mutate it, commit applies `pending` to it. */
    readonly state: ModelState,
    /** What is running. */
    readonly options: Readonly<HookOptions>,
  ) {
    if (!state.units[options.unit]) throw new Error(`unit ${options.unit} not found`);
    if (options.actionId !== undefined && !state.actions[options.actionId]) {
      throw new Error(`action ${options.actionId} not found`);
    }
  }

  /** The hook exited 0: apply buffered changes; returns every change (buffered and immediate). */
  commit(outcome: ProcessOutcome = {}): StateChange[] {
    this.assertRunning();
    const changes = applyPending(this);
    recordMembership(this);
    this.phase = 'committed';
    this.finishAction(outcome, true);
    return [...this.immediateChanges, ...changes];
  }

  /** The hook failed: drop buffered changes; returns the immediate changes only. */
  discard(outcome: ProcessOutcome = {}): StateChange[] {
    this.assertRunning();
    this.phase = 'discarded';
    this.finishAction(outcome, false);
    return [...this.immediateChanges];
  }

  /** Commits when `exitCode` is 0, discards otherwise. */
  finish(exitCode: number, outcome: ProcessOutcome = {}): StateChange[] {
    return exitCode === 0 ? this.commit({ ...outcome, exitCode }) : this.discard({ ...outcome, exitCode });
  }

  /** The current time from the context clock. */
  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The unit running the hook. */
  get unit(): Unit {
    return this.state.units[this.options.unit]!;
  }

  /** The unit's application. */
  get app(): Application {
    const app = this.state.applications[unitApp(this.options.unit)];
    if (!app) throw new Error(`application of ${this.options.unit} not found`);
    return app;
  }

  /** Whether this unit currently holds leadership. */
  isLeader(): boolean {
    return this.app.leader === this.options.unit;
  }

  /** The running action, if this is an action context. */
  get action(): ActionRecord | undefined {
    return this.options.actionId === undefined ? undefined : this.state.actions[this.options.actionId];
  }

  /** Hook name, or `action:<name>` for actions (used in log records). */
  get contextName(): string {
    return this.options.hookName ?? `action:${this.action?.name ?? ''}`;
  }

  /** Relations this unit's application takes part in (not dead), by id. */
  relations(): Relation[] {
    const app = unitApp(this.options.unit);
    return Object.values(this.state.relations)
      .filter((r) => r.life !== 'dead' && r.endpoints.some((e) => e.app === app))
      .sort((a, b) => a.id - b.id);
  }

  /** A relation visible to this unit, or undefined. */
  relation(id: number): Relation | undefined {
    return this.relations().find((r) => r.id === id);
  }

  /** The hook's relation id, or -1. */
  get defaultRelationId(): number {
    return this.options.relationId ?? -1;
  }

  /** This unit's endpoint name in a relation. */
  endpointName(relation: Relation): string {
    const app = unitApp(this.options.unit);
    return relation.endpoints.find((e) => e.app === app)?.name ?? '';
  }

  /** The other side's application (own app for a peer relation). */
  remoteAppName(relation: Relation): string {
    const app = unitApp(this.options.unit);
    return relation.endpoints.find((e) => e.app !== app)?.app ?? app;
  }

  /** `JUJU_REMOTE_UNIT`, or undefined when empty. */
  get remoteUnit(): string | undefined {
    return this.options.remoteUnit || undefined;
  }

  /** `JUJU_REMOTE_APP`: given, or derived from the remote unit or the hook's relation. */
  get remoteApp(): string | undefined {
    if (this.options.remoteApp) return this.options.remoteApp;
    if (this.remoteUnit) return unitApp(this.remoteUnit);
    const rel = this.options.relationId === undefined ? undefined : this.relation(this.options.relationId);
    return rel ? this.remoteAppName(rel) : undefined;
  }

  /**
   * The unit's workload status as this hook sees it: read at the first call and kept for the rest of the
   * hook; status-set does not refresh it (HookContext.UnitStatus in runner/context/context.go).
   */
  unitStatus(): StatusRecord {
    if (!this.#unitStatus) {
      const s = this.unit.status;
      this.#unitStatus = { ...s, data: structuredClone(s.data) };
    }
    return this.#unitStatus;
  }

  /** This unit's bag in a relation, including this hook's pending writes. */
  ownUnitBag(relationId: number): Bag {
    const rel = this.state.relations[String(relationId)];
    return applyDelta(rel?.unitData[this.options.unit] ?? {}, this.pending.unitData[String(relationId)]);
  }

  /** This unit's application bag in a relation, including pending writes (leader view). */
  ownAppBag(relationId: number): Bag {
    const rel = this.state.relations[String(relationId)];
    return applyDelta(rel?.appData[this.app.name] ?? {}, this.pending.appData[String(relationId)]);
  }

  /** Charm state including pending writes. */
  charmState(): Bag {
    return applyDelta(this.unit.charmState, this.pending.charmState);
  }

  /** Appends a juju-log line to the state and this context. */
  log(level: string, message: string): void {
    const entry: LogEntry = {
      unit: this.options.unit,
      level,
      message,
      timestamp: this.now().toISOString(),
      context: this.contextName,
    };
    this.logs.push(entry);
    this.state.logs.push(entry);
  }

  private assertRunning(): void {
    if (this.phase !== 'running') throw new Error(`hook context already ${this.phase}`);
  }

  private finishAction(outcome: ProcessOutcome, ok: boolean): void {
    const action = this.action;
    if (!action) return;
    if (outcome.exitCode !== undefined) action.results['return-code'] = outcome.exitCode;
    if (outcome.stdout) action.results.stdout = outcome.stdout;
    if (outcome.stderr) action.results.stderr = outcome.stderr;
    if (!ok && action.failureMessage === null) action.failureMessage = `exit status ${outcome.exitCode ?? 1}`;
    action.status = ok && action.failureMessage === null ? 'completed' : 'failed';
  }
}

/** Starts a hook (or action, with `actionId`) for a unit; the action is marked running. */
export function beginHook(state: ModelState, options: HookOptions): HookContext {
  const ctx = new HookContext(state, options);
  const action = ctx.action;
  if (action) action.status = 'running';
  return ctx;
}
