import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  beginHook,
  CommitError,
  type HookContext,
  type HookIdentity,
  hookEnvironment,
  hookLabel,
  type ModelState,
  runTool,
  type StateChange,
} from '@ops-ts/juju';
import type { FaultHit, FaultInjector, HookFaults } from './faults/fault-injector.js';
import { DEFAULT_HOOK_LIMITS, runHookProcess } from './hook-process.js';
import { installTools } from './tools/install-tools.js';
import { ToolServer } from './tools/tool-server.js';

/** One hook (or action) to run for one unit: the identity every layer shares (packages/juju). */
export type HookRequest = HookIdentity;

/** What a hook run produced. */
export interface HookResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** What the hook changed in the model (buffered changes only when it exited 0). */
  changes: StateChange[];
  /** Hook-tool calls the hook made, in order. */
  toolCalls: { tool: string; args: string[] }[];
  /** Injected faults that fired during the hook (`sim fault add`), in order. */
  faults?: FaultHit[];
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
  /** The model's injected faults, consulted on every hook-tool call. */
  faults?: FaultInjector;
}

/**
 * Runs hooks as Juju's uniter does: the charm's `dispatch` as a real process, cwd = charm dir, the hook
 * environment of juju-hook-tools.md §8, the hook tools on PATH answering through `packages/juju` within a
 * hook context, and the context committed if the process exits 0, discarded otherwise.
 */
export class HookRunner {
  readonly #contexts = new Map<
    string,
    { ctx: HookContext; calls: { tool: string; args: string[] }[]; faults: HookFaults | undefined }
  >();
  #server: ToolServer | undefined;

  constructor(private readonly options: HookRunnerOptions) {}

  private async server(): Promise<ToolServer> {
    if (!this.#server) {
      installTools(this.options.toolsDir);
      this.#server = await ToolServer.start((call) => {
        const entry = this.#contexts.get(call.contextId);
        if (!entry) return undefined;
        entry.calls.push({ tool: call.tool, args: call.args });
        const injected = entry.faults?.toolCall(call.tool);
        if (injected) return injected;
        return runTool(entry.ctx, call.tool, call.args, call.stdin, call.cwd);
      });
    }
    return this.#server;
  }

  /** Stops the tool server. */
  async close(): Promise<void> {
    await this.#server?.close();
    this.#server = undefined;
  }

  /** The environment Juju gives the hook, with the simulator's agent socket and process basics. */
  private env(
    req: HookRequest,
    ctx: HookContext,
    contextId: string,
    address: string,
  ): Record<string, string> {
    return {
      PATH: `${this.options.toolsDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      LANG: 'C.UTF-8',
      HOME: process.env.HOME ?? '/tmp',
      ...hookEnvironment(ctx, { charmDir: this.options.charmDir(req.unit), contextId }),
      JUJU_AGENT_SOCKET_ADDRESS: address,
      JUJU_AGENT_SOCKET_NETWORK: 'tcp',
      ...this.options.extraEnv?.(req.unit),
    };
  }

  /**
   * Runs a command in a hook context of `unit`, as `juju exec --unit` does (juju/juju
   * worker/uniter/runcommands): the hook tools answer, no hook is named, and what the tools changed is
   * committed whatever the exit code (the uniter flushes the context unless running it failed).
   */
  async runCommand(unit: string, argv: readonly string[]): Promise<HookResult> {
    if (argv.length === 0) throw new Error('no command to run');
    // juju exec joins its arguments with spaces and hands the line to bash (cmd/juju/action/exec.go).
    const shell = existsSync('/bin/bash') ? '/bin/bash' : '/bin/sh';
    return this.run({ unit }, { command: shell, args: ['-c', argv.join(' ')], commitAlways: true });
  }

  /** Runs one hook to completion and commits or discards its changes. */
  async run(
    req: HookRequest,
    custom?: { command: string; args: readonly string[]; commitAlways: boolean },
  ): Promise<HookResult> {
    const server = await this.server();
    const state = this.options.state();
    const ctx = beginHook(state, req);
    const contextId = `${req.unit}-${hookLabel(req)}-${randomInt(2 ** 47)}`;
    const calls: { tool: string; args: string[] }[] = [];
    const faults = this.options.faults?.begin(req);
    this.#contexts.set(contextId, { ctx, calls, faults });
    const fired = () => (faults && faults.hits.length > 0 ? { faults: faults.hits } : {});
    const charmDir = this.options.charmDir(req.unit);
    try {
      const env = this.env(req, ctx, contextId, server.address);
      if (custom) {
        delete env.JUJU_HOOK_NAME;
        delete env.JUJU_DISPATCH_PATH;
      }
      const { exitCode, stdout, stderr } = await runHookProcess(
        custom?.command ?? join(charmDir, 'dispatch'),
        charmDir,
        env,
        {
          ...DEFAULT_HOOK_LIMITS,
          ...(this.options.timeoutMs !== undefined ? { timeoutMs: this.options.timeoutMs } : {}),
          ...(this.options.stdioGraceMs !== undefined ? { stdioGraceMs: this.options.stdioGraceMs } : {}),
        },
        custom?.args ?? [],
      );
      this.#contexts.delete(contextId);
      try {
        const changes = ctx.finish(custom?.commitAlways ? 0 : exitCode, { stdout, stderr });
        return { exitCode, stdout, stderr, changes, toolCalls: calls, ...fired() };
      } catch (error) {
        if (!(error instanceof CommitError)) throw error;
        // The controller refused the commit: the hook counts as failed and its changes are dropped.
        const failed = `${stderr}ERROR cannot commit hook changes: ${error.message}\n`;
        const changes = ctx.discard({ exitCode: 1, stdout, stderr: failed });
        return { exitCode: 1, stdout, stderr: failed, changes, toolCalls: calls, ...fired() };
      }
    } finally {
      this.#contexts.delete(contextId);
      this.options.faults?.end(faults);
    }
  }
}
