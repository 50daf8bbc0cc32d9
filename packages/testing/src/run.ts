/**
 * One run: State in, one event, State out. The real dispatch loop (runDispatch) runs in-process against
 * a HookContext of packages/juju (every hook tool goes through its rules) and a Pebble server per container.
 */
import { beginHook, type HookContext, type JsonObject, runTool } from '@ops-ts/juju';
import type { CharmBase, CharmClass, CharmTypes, EventBase, LogLevel } from '@ops-ts/ops';
import { type DispatchHooks, runDispatch, type ToolRunner } from '@ops-ts/ops/runtime';
import { makeCharmDir, readStore, removeDir, seedStore } from './charm-dir.js';
import { assertConsistent } from './consistency.js';
import { hookEnv } from './env.js';
import type { ActionOutput } from './errors.js';
import type { CharmEvent } from './events.js';
import { type Fault, type FaultHit, FaultPlan, HookKilledError } from './faults.js';
import { fromModelState } from './from-model.js';
import { type ExecRecord, startWorkloads } from './pebble.js';
import type { CharmSpec } from './spec.js';
import { type State, type StateInit, state } from './state.js';
import { type Status, statusFromRecord } from './status.js';
import { toModelState } from './to-model.js';

/** One hook-tool call the charm made: the tool's name and its argv (without the name). */
export interface ToolCall {
  /** Tool name, e.g. `relation-set`. */
  readonly tool: string;
  /** Arguments, e.g. `['-r', 'db:1', '--app', '--file', '-']`. */
  readonly args: readonly string[];
  /** What the charm wrote on stdin, if anything. */
  readonly stdin?: string;
}

/** One `juju-log` record. */
export interface JujuLogLine {
  /** DEBUG, INFO, WARNING, ERROR... */
  readonly level: string;
  /** The message. */
  readonly message: string;
}

/** An event the framework emitted during a run, and whether it was a deferred one re-emitted. */
export interface EmittedEvent {
  /** The event object the observers got. */
  readonly event: EventBase;
  /** True when a deferred event was re-emitted at the start of the dispatch. */
  readonly deferred: boolean;
}

/** Everything one run produced. */
export interface RunResult {
  /** The output state. */
  readonly state: State;
  /** The dispatch's exit code (0 unless the charm threw). */
  readonly exitCode: number;
  /** What the charm threw, when the exit code is not 0. */
  readonly error: Error | undefined;
  /** Hook-tool calls in order. */
  readonly trace: readonly ToolCall[];
  /** `juju-log` records in order. */
  readonly logs: readonly JujuLogLine[];
  /** Lines the dispatch wrote to stderr. */
  readonly stderr: readonly string[];
  /** Unit statuses set during the run, in order. */
  readonly unitStatusHistory: readonly Status[];
  /** Application statuses set during the run, in order. */
  readonly appStatusHistory: readonly Status[];
  /** Commands run in containers. */
  readonly execs: readonly ExecRecord[];
  /** The action's output, for action events. */
  readonly actionOutput: ActionOutput | undefined;
  /** Every event emitted, in order: framework and re-emitted deferred events included. */
  readonly emitted: readonly EmittedEvent[];
  /** The injected faults that fired, in order. */
  readonly faults: readonly FaultHit[];
  /** True when an injected hang killed the hook (exit code 137, as the agent's SIGKILL gives). */
  readonly killed: boolean;
}

/** How the charm is run. */
export interface RunSettings {
  /** The charm class. */
  readonly charmClass: CharmClass;
  /** Its declarations. */
  readonly spec: CharmSpec;
  /** The charm's handle path (class name or `handleKind`). */
  readonly charmPath: string;
  /** Application name. */
  readonly appName: string;
  /** Unit number. */
  readonly unitId: number;
  /** `JUJU_VERSION`. */
  readonly jujuVersion: string;
  /** Lowest level sent to juju-log (default: ops's default). */
  readonly logLevel: LogLevel | undefined;
  /** `juju trust` granted. */
  readonly trusted: boolean;
  /** Skip the consistency check. */
  readonly skipConsistencyCheck: boolean;
  /** Extra environment variables. */
  readonly env: Readonly<Record<string, string>>;
  /** Given the live charm before any event is emitted; the run waits for it (the run manager). */
  readonly charmReady?: (charm: CharmBase<CharmTypes>) => void | Promise<void>;
  /** Faults to inject into this run. */
  readonly faults?: readonly Fault[];
}

/** The dispatch hooks of a run: record emitted events, hand out the charm, emit a custom event. */
function dispatchHooks(event: CharmEvent, settings: RunSettings, emitted: EmittedEvent[]): DispatchHooks {
  const custom = event.custom;
  return {
    onEmit: (e, how) => emitted.push({ event: e, deferred: how.deferred }),
    ...(settings.charmReady ? { charmReady: settings.charmReady } : {}),
    ...(custom
      ? {
          emit: (charm: CharmBase<CharmTypes>) => {
            const bound = custom.select(charm);
            return bound.emit(...custom.args);
          },
        }
      : {}),
  };
}

function actionOutput(hook: HookContext): ActionOutput | undefined {
  const action = hook.action;
  if (!action) return undefined;
  const results: JsonObject = { ...action.results };
  for (const key of ['return-code', 'stdout', 'stderr']) delete results[key];
  return {
    results,
    logs: action.logs.map((l) => l.message),
    failureMessage: action.failureMessage ?? undefined,
  };
}

/** Runs `event` on `input` and returns everything the run produced (never throws for charm errors). */
export async function execute(
  event: CharmEvent,
  input: StateInit,
  settings: RunSettings,
): Promise<RunResult> {
  const before = state(input);
  const target = {
    meta: settings.spec.meta,
    appName: settings.appName,
    unitId: settings.unitId,
    charmPath: settings.charmPath,
  };
  if (!settings.skipConsistencyCheck) assertConsistent(before, event, target);
  const { model, hook: options } = toModelState(before, event, {
    spec: settings.spec,
    appName: settings.appName,
    unitId: settings.unitId,
    trusted: settings.trusted,
  });
  const historyStart = model.statusHistory.length;
  const dir = makeCharmDir(settings.spec, seedStore(before, settings.charmPath));
  const plan = new FaultPlan(settings.faults ?? []);
  const workloads = await startWorkloads(dir, before.containers, (c) => plan.pebbleInterceptor(c)).catch(
    (error: unknown) => {
      removeDir(dir);
      throw error;
    },
  );
  try {
    const noticeId =
      event.notice && event.container !== undefined
        ? workloads.noticeId(event.container, event.notice.type, event.notice.key)
        : undefined;
    const hook = beginHook(model, noticeId !== undefined ? { ...options, noticeId } : options);
    const trace: ToolCall[] = [];
    const runner: ToolRunner = (tool, args, stdin) => {
      plan.assertRunning();
      trace.push({ tool, args: [...args], ...(stdin !== undefined ? { stdin } : {}) });
      return plan.toolCall(tool, args) ?? runTool(hook, tool, args, stdin, dir);
    };
    const env = hookEnv(hook, {
      charmDir: dir,
      jujuVersion: settings.jujuVersion,
      pebbleDir: workloads.pebbleDir,
      extra: settings.env,
    });
    const stderr: string[] = [];
    const emitted: EmittedEvent[] = [];
    let error: Error | undefined;
    let exitCode: number;
    try {
      exitCode = await runDispatch(settings.charmClass, {
        runner,
        env,
        stderr: (line) => stderr.push(line),
        onUncaughtError: (e) => {
          error = e;
        },
        ...(settings.logLevel ? { logLevel: settings.logLevel } : {}),
        hooks: dispatchHooks(event, settings, emitted),
      });
    } catch (e) {
      // The hook environment itself could not be read.
      error = e instanceof Error ? e : new Error(String(e));
      exitCode = 1;
    }
    if (plan.killed) {
      // The agent killed the hung hook: whatever the charm did after the hang does not count.
      exitCode = 137;
      error = new HookKilledError(`the hook was killed: ${plan.killed} hung (fault injected)`);
    }
    hook.finish(exitCode, { stderr: stderr.join('\n') });
    const unitName = options.unit;
    const history = model.statusHistory.slice(historyStart);
    const out = fromModelState({
      input: before,
      model,
      appName: settings.appName,
      unitName,
      store: readStore(dir),
      containers: await workloads.read(before.containers),
    });
    return {
      state: out,
      exitCode,
      error: exitCode === 0 ? undefined : (error ?? new Error(stderr.join('\n') || `exit code ${exitCode}`)),
      trace,
      logs: hook.logs.map((l) => ({ level: l.level, message: l.message })),
      stderr,
      unitStatusHistory: history.filter((h) => h.kind === 'unit').map(statusFromRecord),
      appStatusHistory: history.filter((h) => h.kind === 'application').map(statusFromRecord),
      execs: [...workloads.execs],
      actionOutput: actionOutput(hook),
      emitted,
      faults: [...plan.hits],
      killed: plan.killed !== undefined,
    };
  } finally {
    await workloads.close();
    removeDir(dir);
  }
}
