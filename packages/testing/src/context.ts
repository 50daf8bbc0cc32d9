/** `Context`: runs a charm class as a function of state, one event at a time (ops's Scenario `Context`). */
import { DEFAULT_JUJU_VERSION, type HookOptions, type ModelState } from '@ops-ts/juju';
import { type CharmClass, type EventBase, LifecycleEvent, type LogLevel } from '@ops-ts/ops';
import type { StoreData } from '@ops-ts/ops/runtime';
import { seedStore } from './charm-dir.js';
import { type DeferredEvent, deferredSnapshot } from './deferred.js';
import { ActionFailed, type ActionOutput, UncaughtCharmError } from './errors.js';
import { type CharmEvent, EVENTS, type EventFactory } from './events.js';
import type { Fault } from './faults.js';
import { findCharmProject } from './find-project.js';
import { deepFreeze } from './freeze.js';
import { fromModelState } from './from-model.js';
import { type RunManager, startManagedRun } from './manager.js';
import type { ExecRecord } from './pebble.js';
import { type EmittedEvent, execute, type JujuLogLine, type RunResult, type ToolCall } from './run.js';
import { type CharmSpec, type CharmSpecInit, loadCharmSpec } from './spec.js';
import { state as buildState, type State, type StateInit } from './state.js';
import type { Status } from './status.js';
import { toModelState } from './to-model.js';

/** How a Context runs the charm: where its declarations come from, and who it runs as. */
export interface ContextOptions extends CharmSpecInit {
  /** Application name (default: the charm's name). */
  readonly appName?: string;
  /** Unit number (default 0). */
  readonly unitId?: number;
  /** `JUJU_VERSION` (default 3.6.8). */
  readonly jujuVersion?: string;
  /** Lowest level the charm sends to juju-log (default: as in production, WARNING). */
  readonly logLevel?: LogLevel;
  /** Whether the application is trusted (`credential-get`). */
  readonly appTrusted?: boolean;
  /** Extra environment variables for every run. */
  readonly env?: Readonly<Record<string, string>>;
  /** Skip the consistency check (for deliberately odd states). */
  readonly skipConsistencyCheck?: boolean;
  /** Also record re-emitted deferred events in `emittedEvents` (Scenario's `capture_deferred_events`). */
  readonly captureDeferredEvents?: boolean;
  /** Also record pre-commit, commit and collect-status in `emittedEvents` (`capture_framework_events`). */
  readonly captureFrameworkEvents?: boolean;
}

/** A kit state as packages/juju holds it: the model, the hook context of the event, the framework store. */
export interface ModelSnapshot {
  /** The model (a fresh, mutable copy). */
  readonly model: ModelState;
  /** The hook context of the event (for `beginHook`). */
  readonly hook: HookOptions;
  /** The framework store (`.unit-state.json` content). */
  readonly store: StoreData;
}

/** Options of one run. */
export interface RunOptions {
  /** Faults to inject: hook-tool calls that fail or hang, Pebble requests that fail (see faults.ts). */
  readonly faults?: readonly Fault[];
}

/** A step of {@link Context.runSequence}: an event, or a change to the state between events. */
export type SequenceStep = CharmEvent | ((state: State) => StateInit);

/** The method names of a charm class (what can observe, and so what a deferred event targets). */
export type HandlerName<C extends CharmClass> = {
  [K in keyof InstanceType<C>]: InstanceType<C>[K] extends (event: never) => unknown ? K : never;
}[keyof InstanceType<C>] &
  string;

/**
 * Runs a charm: `await ctx.run(ctx.on.configChanged(), state({ leader: true }))` returns the new state.
 * Side channels (tool trace, logs, status history, execs, action output) accumulate on the context;
 * {@link runWithResult} returns them for one run instead.
 */
export class Context<C extends CharmClass = CharmClass> {
  /** Event factories, mirroring the charm's `this.on`. */
  readonly on: EventFactory = EVENTS;
  /** The charm's metadata, config and actions. */
  readonly spec: CharmSpec;
  /** Application name. */
  readonly appName: string;
  /** Unit number. */
  readonly unitId: number;
  /** Hook-tool calls of every run, in order. */
  readonly trace: ToolCall[] = [];
  /** juju-log records of every run. */
  readonly jujuLog: JujuLogLine[] = [];
  /** Unit statuses the charm set, in order, over every run. */
  readonly unitStatusHistory: Status[] = [];
  /** Application statuses the charm set, in order, over every run. */
  readonly appStatusHistory: Status[] = [];
  /** Commands run in containers over every run. */
  readonly execHistory: ExecRecord[] = [];
  /**
   * Events emitted over every run, custom ones included, in order (Scenario's `emitted_events`):
   * framework events and re-emitted deferred events only when the options ask for them.
   */
  readonly emittedEvents: EventBase[] = [];
  /** The output of the last action run (also when it failed). */
  actionOutput: ActionOutput | undefined;
  /** Everything the last run produced. */
  lastRun: RunResult | undefined;

  readonly #options: ContextOptions;
  readonly #charmPath: string;

  constructor(
    /** The charm class under test. */
    readonly charmClass: C,
    options: ContextOptions = {},
  ) {
    this.#options = options;
    // As Scenario does, a Context given no declarations finds the charm's charmcraft.yaml itself.
    const given = options.meta !== undefined || options.charmcraft !== undefined;
    this.spec = loadCharmSpec(given ? options : { ...options, charmcraft: findCharmProject() });
    this.appName = options.appName ?? this.spec.meta.name;
    this.unitId = options.unitId ?? 0;
    this.#charmPath = (charmClass as unknown as { handleKind?: string }).handleKind ?? charmClass.name;
  }

  /** This unit's name (`<app>/<n>`). */
  get unitName(): string {
    return `${this.appName}/${this.unitId}`;
  }

  /**
   * Runs one event and returns everything it produced; never throws for charm errors. With
   * `{ faults }`, the given hook-tool calls or Pebble requests fail (see `toolFault`, `pebbleFault`).
   */
  runWithResult(event: CharmEvent, state: StateInit = {}, options: RunOptions = {}): Promise<RunResult> {
    return this.#execute(event, state, undefined, options.faults);
  }

  async #execute(
    event: CharmEvent,
    state: StateInit,
    charmReady: ((charm: InstanceType<C>) => Promise<void>) | undefined,
    faults: readonly Fault[] | undefined = undefined,
  ): Promise<RunResult> {
    const o = this.#options;
    const result = await execute(event, state, {
      charmClass: this.charmClass,
      spec: this.spec,
      charmPath: this.#charmPath,
      appName: this.appName,
      unitId: this.unitId,
      jujuVersion: o.jujuVersion ?? DEFAULT_JUJU_VERSION,
      logLevel: o.logLevel,
      trusted: o.appTrusted ?? false,
      skipConsistencyCheck: o.skipConsistencyCheck ?? false,
      env: o.env ?? {},
      ...(charmReady ? { charmReady: (charm) => charmReady(charm as InstanceType<C>) } : {}),
      ...(faults ? { faults } : {}),
    });
    this.lastRun = result;
    this.emittedEvents.push(...this.#captured(result.emitted));
    this.trace.push(...result.trace);
    this.jujuLog.push(...result.logs);
    this.unitStatusHistory.push(...result.unitStatusHistory);
    this.appStatusHistory.push(...result.appStatusHistory);
    this.execHistory.push(...result.execs);
    if (event.isAction) this.actionOutput = result.actionOutput;
    return result;
  }

  #captured(emitted: readonly EmittedEvent[]): EventBase[] {
    const o = this.#options;
    return emitted
      .filter((e) => o.captureDeferredEvents || !e.deferred)
      .filter((e) => o.captureFrameworkEvents || !(e.event instanceof LifecycleEvent))
      .map((e) => e.event);
  }

  /** Throws for a failed run (as `run` does) or returns its state. */
  #stateOf(event: CharmEvent, result: RunResult): State {
    if (result.exitCode !== 0) {
      const cause = result.error;
      throw new UncaughtCharmError(
        `the charm failed in ${event.kind}: ${cause?.name ?? 'Error'}: ${cause?.message ?? `exit code ${result.exitCode}`}`,
        cause,
        result.exitCode,
      );
    }
    if (result.actionOutput?.failureMessage !== undefined) {
      throw new ActionFailed(result.actionOutput.failureMessage, result.state, result.actionOutput);
    }
    return result.state;
  }

  /**
   * Runs `event` with the live charm in reach (Scenario's `with ctx(event, state) as mgr`): `body` gets
   * `mgr.charm` before the event is emitted and calls `mgr.run()` for the output state, after which the
   * same charm object can be inspected. If `body` never calls `run()`, the event runs when it returns.
   *
   *     await ctx.withManager(ctx.on.start(), state(), async (mgr) => {
   *       expect(mgr.charm.ready).toBe(false);
   *       const out = await mgr.run();
   *       expect(mgr.charm.ready).toBe(true);
   *     });
   */
  async withManager<R>(
    event: CharmEvent,
    state: StateInit,
    body: (mgr: RunManager<InstanceType<C>>) => Promise<R> | R,
  ): Promise<R> {
    const managed = startManagedRun<InstanceType<C>>(
      (ready) => this.#execute(event, state, ready),
      (r) => this.#stateOf(event, r),
    );
    const mgr = await managed.ready;
    let out: R;
    try {
      out = await body(mgr);
    } catch (error) {
      // The test's own failure wins; the paused run is still finished so nothing is left behind.
      await managed.finish().catch(() => {});
      throw error;
    }
    await managed.finish();
    return out;
  }

  /**
   * Runs one event on `state` and returns the new state. Throws UncaughtCharmError when the charm throws
   * (its error is the `cause`), ActionFailed when an action called `fail()`, InconsistentStateError when
   * the state or event is impossible.
   */
  async run(event: CharmEvent, state: StateInit = {}, options: RunOptions = {}): Promise<State> {
    return this.#stateOf(event, await this.runWithResult(event, state, options));
  }

  /**
   * Runs events one after the other, each on the previous output; a function step changes the state
   * between events (e.g. the operator changing config). Returns the last state.
   */
  async runSequence(steps: readonly SequenceStep[], state: StateInit = {}): Promise<State> {
    let current: StateInit = state;
    let last: State | undefined;
    for (const step of steps) {
      if (typeof step === 'function') {
        current = step(last ?? buildState(current));
        continue;
      }
      last = await this.run(step, current);
      current = last;
    }
    return last ?? buildState(current);
  }

  /**
   * The packages/juju model and framework store the kit builds for running `event` on `state`: seed the
   * simulator (or a HookRunner) with them to run the packed charm against the very same state.
   */
  toModel(event: CharmEvent, state: StateInit = {}): ModelSnapshot {
    const s = buildState(state);
    const { model, hook } = toModelState(s, event, this.#identity());
    return { model, hook, store: seedStore(s, this.#charmPath) };
  }

  /** Reads a State back from a packages/juju model and framework store (as after a kit run). */
  fromModel(input: StateInit, model: ModelState, store: StoreData): State {
    return fromModelState({
      input: buildState(input),
      model,
      appName: this.appName,
      unitName: this.unitName,
      store,
      containers: input.containers ?? [],
    });
  }

  #identity() {
    return {
      spec: this.spec,
      appName: this.appName,
      unitId: this.unitId,
      trusted: this.#options.appTrusted ?? false,
    };
  }

  /**
   * A deferred-event queue entry for `event`, as if `method` of the charm had deferred it: put it in
   * `state.deferred`. `key` is the event's number in its handle path (default 1).
   */
  deferred(
    event: CharmEvent,
    method: HandlerName<C>,
    opts: { key?: number; observer?: string } = {},
  ): DeferredEvent {
    return deepFreeze({
      handlePath: `${this.#charmPath}/on/${event.kind}[${opts.key ?? 1}]`,
      observer: opts.observer ?? this.#charmPath,
      method,
      snapshot: deferredSnapshot(event, { appName: this.appName }),
    });
  }
}
