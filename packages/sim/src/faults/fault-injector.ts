/**
 * Applying the model's faults to the hooks it runs: one {@link HookFaults} per hook run counts the calls
 * and Pebble requests each fault matches, so `--call N` means the Nth such call of that run. Faults are
 * read live from the model, and their hit counts are saved with it after the hook.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEFAULT_TOOL_FAILURE, toolFailure, unitApp } from '@ops-ts/juju';
import { type RequestInterceptor, sendError } from '@ops-ts/pebble/server';
import { hookName } from '../agent-records.js';
import type { SimContext } from '../context.js';
import type { HookRequest } from '../hook-runner.js';
import type { ToolReply } from '../tools/tool-server.js';
import { type Fault, faultActive, parseRequestPattern } from './fault-spec.js';

/** A fault that fired: its id and what it hit. */
export interface FaultHit {
  /** The fault's id. */
  id: number;
  /** `relation-set #2 failed`, `pebble workload POST /v1/layers: error 500`, ... */
  what: string;
}

/** What a hook-tool call gets from a fault: an answer, or `hang` (no answer at all). */
export type ToolFaultOutcome = ToolReply | 'hang';

/** The faults of one hook run of one unit. */
export class HookFaults {
  /** The faults that fired in this run, in order. */
  readonly hits: FaultHit[] = [];
  readonly #counts = new Map<number, number>();

  constructor(
    private readonly ctx: SimContext,
    /** The unit running the hook. */
    readonly unit: string,
    /** The hook's name (`hookName` of the request), or undefined outside a hook. */
    readonly hook: string | undefined,
  ) {}

  private inScope(fault: Fault): boolean {
    if (!faultActive(fault)) return false;
    if (fault.unit !== undefined && fault.unit !== this.unit) return false;
    if (fault.app !== undefined && fault.app !== unitApp(this.unit)) return false;
    return fault.hook === undefined || fault.hook === this.hook;
  }

  /** Counts a matching call; true when this is the one the fault fires at. */
  private fires(fault: Fault): boolean {
    const position = (this.#counts.get(fault.id) ?? 0) + 1;
    this.#counts.set(fault.id, position);
    return fault.call === undefined || fault.call === position;
  }

  private hit(fault: Fault, what: string): void {
    fault.hits += 1;
    this.hits.push({ id: fault.id, what });
  }

  /** The answer to a hook-tool call when a fault fires at it, else undefined (run it for real). */
  toolCall(tool: string): ToolFaultOutcome | undefined {
    for (const fault of this.ctx.sim.faults ?? []) {
      if (fault.kind !== 'tool' || !this.inScope(fault)) continue;
      if (fault.tool !== undefined && fault.tool !== tool) continue;
      if (!this.fires(fault)) continue;
      const position = this.#counts.get(fault.id) ?? 0;
      this.hit(fault, `${tool} (call ${position}) ${fault.effect === 'hang' ? 'hung' : 'failed'}`);
      if (fault.effect === 'hang') return 'hang';
      return toolFailure(fault.message ?? DEFAULT_TOOL_FAILURE);
    }
    return undefined;
  }

  /** Answers (or drops) a Pebble request when a fault fires at it; false lets the API answer. */
  pebbleRequest(container: string, req: IncomingMessage, res: ServerResponse): boolean {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    for (const fault of this.ctx.sim.faults ?? []) {
      if (fault.kind !== 'pebble' || fault.container !== container || !this.inScope(fault)) continue;
      if (fault.request !== undefined) {
        const want = parseRequestPattern(fault.request);
        if (want.method !== undefined && want.method !== method) continue;
        if (path !== want.path && !path.startsWith(`${want.path.replace(/\/$/, '')}/`)) continue;
      }
      if (!this.fires(fault)) continue;
      const status = fault.status ?? 500;
      const effect = fault.effect === 'error' ? `error ${status}` : fault.effect;
      this.hit(fault, `pebble ${container} ${method} ${path}: ${effect}`);
      if (fault.effect === 'refuse') req.socket.destroy();
      else if (fault.effect === 'error')
        sendError(res, status, fault.message ?? `fault ${fault.id} injected`);
      // `timeout`: left unanswered; the client's timeout (or the hook's) ends it.
      return true;
    }
    return false;
  }
}

/** The model's faults for the hooks one simulator runs: which run each unit is in now. */
export class FaultInjector {
  readonly #current = new Map<string, HookFaults>();

  constructor(private readonly ctx: SimContext) {}

  /** Starts counting for a hook run (undefined when the model holds no fault: nothing to count). */
  begin(req: HookRequest): HookFaults | undefined {
    if ((this.ctx.sim.faults ?? []).length === 0) return undefined;
    const run = new HookFaults(this.ctx, req.unit, hookName(req));
    this.#current.set(req.unit, run);
    return run;
  }

  /** Ends a hook run. */
  end(run: HookFaults | undefined): void {
    if (run && this.#current.get(run.unit) === run) this.#current.delete(run.unit);
  }

  /** The interceptor for a unit's container's Pebble server (requests outside a hook count on their own). */
  interceptor(unit: string, container: string): RequestInterceptor {
    return (req, res) => {
      if ((this.ctx.sim.faults ?? []).length === 0) return false;
      const run = this.#current.get(unit) ?? new HookFaults(this.ctx, unit, undefined);
      return run.pebbleRequest(container, req, res);
    };
  }
}
