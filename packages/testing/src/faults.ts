/**
 * Fault injection for a run: make a hook-tool call fail or hang, or a container's Pebble answer 500, drop
 * the connection or never answer, at a given call position. Juju discards a failed hook's buffered changes
 * and retries it; these let a test check that a charm keeps that promise at every point it can fail.
 */

import { DEFAULT_TOOL_FAILURE, toolFailure } from '@ops-ts/juju';
import type { ToolResult } from '@ops-ts/ops/runtime';
import { type RequestInterceptor, sendError } from '@ops-ts/pebble/server';

/** A hook-tool call that fails (exit 1, Juju-like stderr) or hangs (the unit agent kills the hook). */
export interface ToolFault {
  /** Discriminator. */
  readonly kind: 'tool';
  /** The tool whose calls are counted (default: every tool). */
  readonly tool?: string;
  /** Which matching call, from 1 (default: every matching call). */
  readonly call?: number;
  /** `fail`: exit 1 with `ERROR <message>`; `hang`: the call never returns, so the hook is killed. */
  readonly effect: 'fail' | 'hang';
  /** The error text of a failing call (default: what Juju prints when the controller is unreachable). */
  readonly message?: string;
}

/** A Pebble request that gets an error answer, a dropped connection, or no answer. */
export interface PebbleFault {
  /** Discriminator. */
  readonly kind: 'pebble';
  /** The container whose Pebble misbehaves. */
  readonly container: string;
  /** Which request to it, from 1 (default: every request). */
  readonly request?: number;
  /** `error`: an error response (`status`, default 500); `refuse`: the connection is reset; `timeout`: no answer until the client gives up. */
  readonly effect: 'error' | 'refuse' | 'timeout';
  /** The HTTP status of an `error` answer (default 500). */
  readonly status?: number;
}

/** A fault to inject into a run. */
export type Fault = ToolFault | PebbleFault;

/** A fault that fired: which one, and the call or request it hit. */
export interface FaultHit {
  /** The fault. */
  readonly fault: Fault;
  /** The hook tool and its argv, or the Pebble request's method and path. */
  readonly target: string;
  /** The position of that call among the ones the fault counts (from 1). */
  readonly position: number;
}

/** The default text of a failing tool call (`connection is shut down`), from @ops-ts/juju. */
export { DEFAULT_TOOL_FAILURE } from '@ops-ts/juju';

/** A hook-tool fault (`toolFault({ tool: 'relation-set', call: 1, effect: 'fail' })`). */
export function toolFault(init: Omit<ToolFault, 'kind'>): ToolFault {
  if (init.call !== undefined && (!Number.isInteger(init.call) || init.call < 1)) {
    throw new RangeError(`toolFault: call must be a whole number from 1, got ${init.call}`);
  }
  return Object.freeze({ kind: 'tool', ...init });
}

/** A Pebble fault (`pebbleFault({ container: 'workload', request: 2, effect: 'error' })`). */
export function pebbleFault(init: Omit<PebbleFault, 'kind'>): PebbleFault {
  if (init.request !== undefined && (!Number.isInteger(init.request) || init.request < 1)) {
    throw new RangeError(`pebbleFault: request must be a whole number from 1, got ${init.request}`);
  }
  return Object.freeze({ kind: 'pebble', ...init });
}

/** Thrown into the charm by a hung tool call: the hook is being killed; nothing after it may reach Juju. */
export class HookKilledError extends Error {
  override name = 'HookKilledError';
}

/** The faults of one run, counting calls as they happen. */
export class FaultPlan {
  /** The faults that fired, in order. */
  readonly hits: FaultHit[] = [];
  /** Set once a hung call killed the hook: every later call fails too (the process is gone). */
  killed: string | undefined;
  readonly #toolCounts = new Map<ToolFault, number>();
  readonly #pebbleCounts = new Map<PebbleFault, number>();

  constructor(private readonly faults: readonly Fault[]) {}

  /** The answer to a hook-tool call when a fault applies to it, else undefined (run it for real). */
  toolCall(tool: string, args: readonly string[]): ToolResult | undefined {
    this.assertRunning();
    for (const fault of this.faults) {
      if (fault.kind !== 'tool' || (fault.tool !== undefined && fault.tool !== tool)) continue;
      const position = (this.#toolCounts.get(fault) ?? 0) + 1;
      this.#toolCounts.set(fault, position);
      if (fault.call !== undefined && fault.call !== position) continue;
      this.hits.push({ fault, target: [tool, ...args].join(' '), position });
      if (fault.effect === 'hang') {
        this.killed = tool;
        throw new HookKilledError(`${tool} hung (fault injected); the hook was killed`);
      }
      return toolFailure(fault.message ?? DEFAULT_TOOL_FAILURE);
    }
    return undefined;
  }

  /** Throws once a hung call killed the hook: a dead process makes no further calls. */
  assertRunning(): void {
    if (this.killed) throw new HookKilledError(`the hook was killed while ${this.killed} hung`);
  }

  /** The interceptor to put in front of a container's Pebble, when a fault names it. */
  pebbleInterceptor(container: string): RequestInterceptor | undefined {
    const mine = this.faults.filter(
      (f): f is PebbleFault => f.kind === 'pebble' && f.container === container,
    );
    if (mine.length === 0) return undefined;
    return (req, res) => {
      for (const fault of mine) {
        const position = (this.#pebbleCounts.get(fault) ?? 0) + 1;
        this.#pebbleCounts.set(fault, position);
        if (fault.request !== undefined && fault.request !== position) continue;
        this.hits.push({ fault, target: `${req.method} ${req.url}`, position });
        if (fault.effect === 'refuse') req.socket.destroy();
        else if (fault.effect === 'error')
          sendError(res, fault.status ?? 500, 'fault injected by the testing kit');
        // `timeout`: the request is left unanswered until the client's own timeout ends it.
        return true;
      }
      return false;
    };
  }
}
