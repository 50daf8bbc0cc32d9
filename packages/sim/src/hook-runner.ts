import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { beginHook, CommitError, type HookContext, type ModelState, type StateChange } from '@ops-ts/juju';
import { DEFAULT_HOOK_LIMITS, runHookProcess } from './hook-process.js';
import { installTools } from './tools/install-tools.js';
import { ToolServer } from './tools/tool-server.js';

/** One hook (or action) to run for one unit, with the context Juju gives it. */
export interface HookRequest {
  unit: string;
  /** The hook name (`db-relation-changed`); for actions give `actionId` and `actionName`. */
  hook?: string;
  actionId?: string;
  actionName?: string;
  relationId?: number;
  remoteUnit?: string;
  remoteApp?: string;
  departingUnit?: string;
  secretId?: string;
  secretLabel?: string;
  secretRevision?: number;
  storageId?: string;
  workloadName?: string;
  noticeId?: string;
  noticeType?: string;
  noticeKey?: string;
  checkName?: string;
}

/** What a hook run produced. */
export interface HookResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** What the hook changed in the model (buffered changes only when it exited 0). */
  changes: StateChange[];
  /** Hook-tool calls the hook made, in order. */
  toolCalls: { tool: string; args: string[] }[];
}

/** Where the runner finds things. */
export interface HookRunnerOptions {
  /** The model state the tools act on (mutated in place by commits and immediate effects). */
  state: () => ModelState;
  /** The unpacked charm directory of a unit. */
  charmDir: (unit: string) => string;
  /** A directory for the tools (`jujuc` and its links). */
  toolsDir: string;
  /** Extra environment for every hook (e.g. the Pebble socket directory). */
  extraEnv?: (unit: string) => Record<string, string>;
  /** Hook timeout; a hook still running then is killed with its process group and fails. */
  timeoutMs?: number;
  /** How long a finished hook's leftovers may hold its output open before their group is killed. */
  stdioGraceMs?: number;
}

/**
 * Runs hooks as Juju's uniter does: the charm's `dispatch` as a real process, cwd = charm dir, the hook
 * environment of juju-hook-tools.md §8, the hook tools on PATH answering through `packages/juju` within a
 * hook context, and the context committed if the process exits 0, discarded otherwise.
 */
export class HookRunner {
  readonly #contexts = new Map<string, { ctx: HookContext; calls: { tool: string; args: string[] }[] }>();
  #server: ToolServer | undefined;

  constructor(private readonly options: HookRunnerOptions) {}

  private async server(): Promise<ToolServer> {
    if (!this.#server) {
      installTools(this.options.toolsDir);
      this.#server = await ToolServer.start((call) => {
        const entry = this.#contexts.get(call.contextId);
        if (!entry) return undefined;
        entry.calls.push({ tool: call.tool, args: call.args });
        return entry.ctx.runTool(call.tool, call.args, call.stdin, call.cwd);
      });
    }
    return this.#server;
  }

  /** Stops the tool server. */
  async close(): Promise<void> {
    await this.#server?.close();
    this.#server = undefined;
  }

  /** The environment Juju gives the hook. */
  private env(
    req: HookRequest,
    state: ModelState,
    ctx: HookContext,
    contextId: string,
    address: string,
  ): Record<string, string> {
    const unit = state.units[req.unit];
    const charmDir = this.options.charmDir(req.unit);
    const env: Record<string, string> = {
      PATH: `${this.options.toolsDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      LANG: 'C.UTF-8',
      HOME: process.env.HOME ?? '/tmp',
      JUJU_CHARM_DIR: charmDir,
      CHARM_DIR: charmDir,
      JUJU_CONTEXT_ID: contextId,
      JUJU_HOOK_NAME: req.hook ?? '',
      JUJU_DISPATCH_PATH: req.actionName ? `actions/${req.actionName}` : `hooks/${req.hook ?? ''}`,
      JUJU_AGENT_SOCKET_ADDRESS: address,
      JUJU_AGENT_SOCKET_NETWORK: 'tcp',
      JUJU_UNIT_NAME: req.unit,
      JUJU_MODEL_UUID: state.model.uuid,
      JUJU_MODEL_NAME: state.model.name,
      JUJU_API_ADDRESSES: '127.0.0.1:17070',
      JUJU_MACHINE_ID: unit?.machineId ?? '',
      JUJU_PRINCIPAL_UNIT: unit?.principal ?? '',
      JUJU_AVAILABILITY_ZONE: '',
      JUJU_VERSION: '3.6.8',
      JUJU_CHARM_HTTP_PROXY: '',
      JUJU_CHARM_HTTPS_PROXY: '',
      JUJU_CHARM_FTP_PROXY: '',
      JUJU_CHARM_NO_PROXY: '127.0.0.1,localhost,::1',
      ...this.options.extraEnv?.(req.unit),
    };
    if (req.relationId !== undefined) {
      const rel = state.relations[String(req.relationId)];
      const endpoint = rel ? ctx.endpointName(rel) : '';
      env.JUJU_RELATION = endpoint;
      env.JUJU_RELATION_ID = `${endpoint}:${req.relationId}`;
      env.JUJU_REMOTE_APP = ctx.remoteApp ?? '';
      env.JUJU_REMOTE_UNIT = req.remoteUnit ?? '';
      if (req.departingUnit) env.JUJU_DEPARTING_UNIT = req.departingUnit;
    }
    if (req.actionId !== undefined) {
      env.JUJU_ACTION_NAME = req.actionName ?? '';
      env.JUJU_ACTION_UUID = req.actionId;
      env.JUJU_ACTION_TAG = `action-${req.actionId}`;
    }
    if (req.secretId) {
      env.JUJU_SECRET_ID = req.secretId;
      env.JUJU_SECRET_LABEL = req.secretLabel ?? '';
      if (req.secretRevision) env.JUJU_SECRET_REVISION = String(req.secretRevision);
    }
    if (req.storageId) {
      const storage = state.storage?.[req.storageId];
      env.JUJU_STORAGE_ID = req.storageId;
      env.JUJU_STORAGE_LOCATION = storage?.location ?? '';
      env.JUJU_STORAGE_KIND = storage?.kind ?? 'filesystem';
    }
    if (req.workloadName) env.JUJU_WORKLOAD_NAME = req.workloadName;
    if (req.noticeId) {
      env.JUJU_NOTICE_ID = req.noticeId;
      env.JUJU_NOTICE_TYPE = req.noticeType ?? 'custom';
      env.JUJU_NOTICE_KEY = req.noticeKey ?? '';
    }
    if (req.checkName) env.JUJU_PEBBLE_CHECK_NAME = req.checkName;
    return env;
  }

  /** Runs one hook to completion and commits or discards its changes. */
  async run(req: HookRequest): Promise<HookResult> {
    const server = await this.server();
    const state = this.options.state();
    const ctx = beginHook(state, {
      unit: req.unit,
      ...(req.hook ? { hookName: req.hook } : {}),
      ...(req.actionId !== undefined ? { actionId: req.actionId } : {}),
      ...(req.relationId !== undefined ? { relationId: req.relationId } : {}),
      ...(req.remoteUnit ? { remoteUnit: req.remoteUnit } : {}),
      ...(req.remoteApp ? { remoteApp: req.remoteApp } : {}),
      ...(req.departingUnit ? { departingUnit: req.departingUnit } : {}),
      ...(req.secretId ? { secretId: req.secretId } : {}),
      ...(req.secretRevision ? { secretRevision: req.secretRevision } : {}),
      ...(req.storageId ? { storageId: req.storageId } : {}),
      ...(req.workloadName ? { workloadName: req.workloadName } : {}),
    });
    const contextId = `${req.unit}-${req.hook ?? req.actionName ?? 'action'}-${randomInt(2 ** 47)}`;
    const calls: { tool: string; args: string[] }[] = [];
    this.#contexts.set(contextId, { ctx, calls });
    const charmDir = this.options.charmDir(req.unit);
    try {
      const { exitCode, stdout, stderr } = await runHookProcess(
        join(charmDir, 'dispatch'),
        charmDir,
        this.env(req, state, ctx, contextId, server.address),
        {
          ...DEFAULT_HOOK_LIMITS,
          ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
          ...(this.options.stdioGraceMs !== undefined ? { stdioGraceMs: this.options.stdioGraceMs } : {}),
        },
      );
      this.#contexts.delete(contextId);
      try {
        const changes = ctx.finish(exitCode, { stdout, stderr });
        return { exitCode, stdout, stderr, changes, toolCalls: calls };
      } catch (error) {
        if (!(error instanceof CommitError)) throw error;
        // The controller refused the commit: the hook counts as failed and its changes are dropped.
        const failed = `${stderr}ERROR cannot commit hook changes: ${error.message}\n`;
        const changes = ctx.discard({ exitCode: 1, stdout, stderr: failed });
        return { exitCode: 1, stdout, stderr: failed, changes, toolCalls: calls };
      }
    } finally {
      this.#contexts.delete(contextId);
    }
  }
}
