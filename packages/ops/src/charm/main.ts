import { DispatchAbort } from '../backend/abort.js';
import type { LogLevel } from '../backend/backend.js';
import { HookToolBackend } from '../backend/hooktool-backend.js';
import { FileStore } from '../framework/file-store.js';
import { type EmitListener, Framework } from '../framework/framework.js';
import { JujuStore, StateTooLargeError } from '../framework/juju-store.js';
import { JujuLogger, parseLogLevel } from '../framework/logger.js';
import { runWithLogger } from '../framework/module-logger.js';
import { StateCorruptError } from '../framework/store.js';
import { spawnRunner, type ToolRunner } from '../hooktools/runner.js';
import type { ContainerPorts } from '../model/container.js';
import { Model } from '../model/model.js';
import type { CharmBase, CharmClass } from './charm-base.js';
import type { CharmTypes } from './charm-types.js';
import { eventArgs, RESTRICTED_EVENTS } from './dispatch.js';
import { evaluateStatus } from './evaluate-status.js';
import { type Env, eventNameOf, JujuContextError, jujuContextFromEnv } from './juju-context.js';
import { runLegacyHook } from './legacy-hook.js';
import { loadCharmMeta } from './load-meta.js';
import { MetadataError } from './metadata.js';
import { traceback } from './traceback.js';

/** Errors about bad input (not charm bugs), reported as one line without a stack. */
const ONE_LINE_ERRORS = [MetadataError, StateCorruptError, JujuContextError, StateTooLargeError];

/** How `main` runs a charm. */
export interface MainOptions {
  /**
   * Keep framework state (stored state, deferred events) in Juju's charm state (`state-get`/`state-set`),
   * which survives pod churn, instead of a file in the charm directory. Default false.
   */
  useJujuForStorage?: boolean;
  /**
   * The lowest level sent to `juju-log`; default WARNING, or `OPS_TS_LOG_LEVEL` from the environment.
   * Every record sent costs one process.
   */
  logLevel?: LogLevel;
  /** The hook-tool runner; default spawns the tools from PATH. */
  runner?: ToolRunner;
  /** The environment to read; default `process.env`. */
  env?: Env;
  /** Where stderr lines go (crash reports of actions); default `process.stderr`. */
  stderr?: (line: string) => void;
  /** Told about an error that ends the dispatch with exit 1 (the testing kit re-raises it). */
  onUncaughtError?: (error: Error) => void;
  /** The testing kit's hooks into the dispatch (as Scenario subclasses ops's manager); absent in production. */
  hooks?: DispatchHooks;
}

/** Where a test may look into a dispatch: the events it emits, the live charm, a custom event. */
export interface DispatchHooks {
  /** Told of every event emitted or re-emitted. */
  onEmit?: EmitListener;
  /** Given the charm once constructed, before any event; the dispatch waits until it resolves. */
  charmReady?: (charm: CharmBase<CharmTypes>) => void | Promise<void>;
  /** Emits this instead of the hook's own event (a custom event on one of the charm's objects). */
  emit?: (charm: CharmBase<CharmTypes>) => Promise<void>;
}

/**
 * Runs one dispatch (ops's `_Manager`) and returns the exit code instead of exiting: read the hook
 * environment, load metadata, build the model and framework, construct the charm, re-emit deferred events,
 * emit this hook's event, collect status, commit. An uncaught error is logged with its stack through
 * `juju-log` at ERROR and gives exit code 1, so Juju retries the hook and discards its changes.
 */
export async function runDispatch(charmClass: CharmClass, options: MainOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const stderr = options.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
  if (env.OPERATOR_DISPATCH) return 0; // the charm re-invoked itself (e.g. from a legacy hook)
  const ctx = jujuContextFromEnv(env, process.cwd());
  const backend = new HookToolBackend(options.runner ?? spawnRunner({ ...env, OPERATOR_DISPATCH: '1' }));
  const logger = new JujuLogger(backend, {
    level: options.logLevel ?? parseLogLevel(env.OPS_TS_LOG_LEVEL) ?? 'WARNING',
    stderr: ctx.debug,
  });
  // Module loggers (`getLogger`) of the charm's libraries log through this dispatch's logger.
  return runWithLogger(logger, async () => {
    let model: Model | undefined;
    try {
      const meta = await loadCharmMeta(ctx.charmDir);
      const eventName = eventNameOf(ctx.dispatchPath);
      const legacy = runLegacyHook(ctx.charmDir, ctx.dispatchPath, env, (m) => logger.warning(m));
      if (legacy !== 0) return legacy;

      const isBroken = eventName.endsWith('_relation_broken');
      const isDepartedOrBroken = isBroken || eventName.endsWith('_relation_departed');
      model = new Model({
        meta,
        backend,
        unitName: ctx.unitName,
        modelName: ctx.modelName,
        modelUuid: ctx.modelUuid,
        env,
        ...(ctx.relationName && ctx.relationId !== undefined
          ? {
              eventRelation: {
                endpoint: ctx.relationName,
                id: ctx.relationId,
                ...(ctx.remoteAppName ? { remoteApp: ctx.remoteAppName } : {}),
              },
            }
          : {}),
        ...(isBroken && ctx.relationId !== undefined ? { brokenRelationId: ctx.relationId } : {}),
        ...(isDepartedOrBroken && ctx.remoteUnitName ? { remoteUnitName: ctx.remoteUnitName } : {}),
        // The simulator's (and tests') Pebble sockets; read from this dispatch's env so runs can overlap.
        ...(env.OPS_TS_PEBBLE_DIR ? { pebbleDir: env.OPS_TS_PEBBLE_DIR } : {}),
        ...(env.OPS_TS_CONTAINER_PORTS
          ? { containerPorts: parseContainerPorts(env.OPS_TS_CONTAINER_PORTS) }
          : {}),
      });
      const store = options.useJujuForStorage ? new JujuStore(backend) : new FileStore(ctx.charmDir);
      const hooks = options.hooks;
      const framework = new Framework({
        store,
        model,
        logger,
        charmDir: ctx.charmDir,
        ...(hooks?.onEmit ? { onEmit: hooks.onEmit } : {}),
      });
      const charm = new charmClass(framework);
      await hooks?.charmReady?.(charm);
      const restricted = RESTRICTED_EVENTS.has(eventName);

      if (!restricted) await framework.reemit();
      const bound = hooks?.emit ? undefined : charm.on.byKind(eventName);
      if (hooks?.emit) {
        await hooks.emit(charm);
      } else if (bound) {
        const args = eventArgs(bound, ctx, model, logger);
        logger.debug(`Emitting Juju event ${eventName}.`);
        await (bound.emit as (...a: unknown[]) => Promise<void>)(...args);
      } else {
        logger.debug(`Event ${eventName} not defined for ${charm.constructor.name}.`);
      }
      if (!restricted) await evaluateStatus(charm);
      await framework.commit();
      return 0;
    } catch (error) {
      if (error instanceof DispatchAbort) {
        // Like ops, the hook still succeeds: relation writes made so far reach Juju; framework state does not.
        if (error.exitCode === 0) model?.flush();
        return error.exitCode;
      }
      const err = error instanceof Error ? error : new Error(String(error));
      options.onUncaughtError?.(err);
      if (ONE_LINE_ERRORS.some((type) => err instanceof type)) {
        // Bad input the operator must fix (metadata, corrupt state): one clear line, no stack.
        stderr(`ERROR ${err.message}`);
        try {
          backend.jujuLog('ERROR', err.message);
        } catch {
          // not running under Juju: stderr is enough
        }
        return 1;
      }
      try {
        backend.jujuLog('ERROR', `Uncaught exception while in charm code:\n${traceback(err, ctx.charmDir)}`);
      } catch {
        // juju-log itself failed: stderr below is all we have.
      }
      if (ctx.actionName) {
        stderr(`Uncaught ${err.name} in charm code: ${err.message}`);
        stderr('Use `juju debug-log` to see the full traceback.');
      } else if (!ctx.debug) {
        stderr(traceback(err, ctx.charmDir));
      }
      return 1;
    }
  });
}

/**
 * `OPS_TS_CONTAINER_PORTS` (`{"<container>": {"<port>": <hostPort>}}`, set by the simulator): the
 * well-formed entries; anything else is ignored, so a bad value means plain `localhost:<port>`.
 */
export function parseContainerPorts(text: string): ContainerPorts {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return {};
  }
  const out: Record<string, Record<string, number>> = {};
  if (typeof doc !== 'object' || doc === null) return out;
  for (const [container, ports] of Object.entries(doc)) {
    if (typeof ports !== 'object' || ports === null) continue;
    const mine: Record<string, number> = {};
    for (const [port, host] of Object.entries(ports as Record<string, unknown>)) {
      if (typeof host === 'number' && Number.isInteger(host) && host > 0 && host < 65536) mine[port] = host;
    }
    out[container] = mine;
  }
  return out;
}

/**
 * The entry point of a charm: `main(MyCharm)` at the bottom of `src/charm.ts`. Runs the dispatch and
 * exits the process with its exit code.
 */
export function main(charmClass: CharmClass, options: MainOptions = {}): void {
  runDispatch(charmClass, options).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // Reached only when even the hook environment could not be read: one clear line, exit 1.
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
