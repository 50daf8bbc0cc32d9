/**
 * The faults a model can hold (`sim fault add`): a hook-tool call that fails or hangs, or a container's
 * Pebble that answers an error, resets the connection or never answers. They are part of the model
 * (`sim.json`), so they persist across commands and apply to every hook run until cleared or spent.
 */
import { TOOL_NAMES } from '@ops-ts/juju';
import { SimError } from '../errors.js';

/** The default text of a failing tool call (`connection is shut down`), from @ops-ts/juju. */
export { DEFAULT_TOOL_FAILURE } from '@ops-ts/juju';

/** Which hook runs a fault applies to (all filters must match; an unset one matches everything). */
export interface FaultScope {
  /** Only this unit's hooks. */
  unit?: string;
  /** Only the hooks of this application's units. */
  app?: string;
  /** Only this hook (`config-changed`, `db-relation-changed`, `action:rotate-password`). */
  hook?: string;
  /** Only the Nth matching call (tool) or request (Pebble) of each hook run, from 1. */
  call?: number;
  /** Fire this many times in all, then stay spent (listed, not applied) until cleared. */
  times?: number;
}

/** A hook-tool call that fails (exit 1, `ERROR <message>`) or never answers (the hook times out). */
export interface ToolFaultSpec extends FaultScope {
  /** Discriminator. */
  kind: 'tool';
  /** Only calls of this tool (`relation-set`, `secret-get`, ...). */
  tool?: string;
  /** `fail`: exit 1 with a Juju-like stderr; `hang`: the call never returns. */
  effect: 'fail' | 'hang';
  /** The error text of a failing call (default {@link DEFAULT_TOOL_FAILURE}). */
  message?: string;
}

/** A Pebble request that gets an error answer, a reset connection, or no answer. */
export interface PebbleFaultSpec extends FaultScope {
  /** Discriminator. */
  kind: 'pebble';
  /** The unit whose container misbehaves. */
  unit: string;
  /** The container. */
  container: string;
  /** Only requests like `GET /v1/services` (method optional; the path matches itself and below). */
  request?: string;
  /** `error`: an error answer (`status`); `refuse`: the connection is reset; `timeout`: no answer. */
  effect: 'error' | 'refuse' | 'timeout';
  /** HTTP status of an `error` answer (default 500). */
  status?: number;
  /** The error message of an `error` answer. */
  message?: string;
}

/** A fault to add. */
export type FaultSpec = ToolFaultSpec | PebbleFaultSpec;

/** A fault held by the model: its spec, its id and how often it fired. */
export type Fault = FaultSpec & {
  /** Id (`sim fault clear <id>`), unique in the model. */
  id: number;
  /** Times it fired so far. */
  hits: number;
};

const HOOK_NAME = /^(?:[a-z0-9][a-z0-9-]*|action:[a-z0-9][a-z0-9-]*)$/;
const UNIT_NAME = /^[a-z][a-z0-9-]*\/\d+$/;
const APP_NAME = /^[a-z][a-z0-9-]*$/;
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

function whole(what: string, value: number | undefined, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new SimError(`invalid ${what} ${JSON.stringify(value)} (expected a whole number ${min}-${max})`);
  }
}

/** Splits `METHOD /path` (or `/path`) into its parts. */
export function parseRequestPattern(pattern: string): { method?: string; path: string } {
  const parts = pattern.trim().split(/\s+/);
  const [first = '', second] = parts;
  const bad = () =>
    new SimError(`invalid --request ${JSON.stringify(pattern)} (expected "METHOD /v1/path" or "/v1/path")`);
  if (parts.length > 2) throw bad();
  const method = second !== undefined ? first.toUpperCase() : undefined;
  const path = second ?? first;
  if (!path.startsWith('/') || (method !== undefined && !METHODS.includes(method))) throw bad();
  return { ...(method !== undefined ? { method } : {}), path };
}

/** Checks a spec, naming the first bad value. */
export function checkFaultSpec(spec: FaultSpec): void {
  if (spec.kind === 'pebble' && !spec.unit) throw new SimError('a Pebble fault needs --unit');
  if (spec.unit !== undefined && !UNIT_NAME.test(spec.unit))
    throw new SimError(`invalid unit name ${JSON.stringify(spec.unit)}`);
  if (spec.app !== undefined && !APP_NAME.test(spec.app))
    throw new SimError(`invalid application name ${JSON.stringify(spec.app)}`);
  if (spec.unit !== undefined && spec.app !== undefined)
    throw new SimError('a fault names a unit or an application, not both');
  if (spec.hook !== undefined && !HOOK_NAME.test(spec.hook))
    throw new SimError(`invalid hook name ${JSON.stringify(spec.hook)}`);
  whole('--call', spec.call, 1);
  whole('--times', spec.times, 1);
  if (spec.kind === 'tool') {
    if (spec.effect !== 'fail' && spec.effect !== 'hang')
      throw new SimError(`invalid --effect ${JSON.stringify(spec.effect)} (expected fail or hang)`);
    if (spec.tool !== undefined && !(TOOL_NAMES as readonly string[]).includes(spec.tool))
      throw new SimError(`unknown hook tool ${JSON.stringify(spec.tool)}`);
    if (spec.message !== undefined && (spec.message === '' || /[\n\0]/.test(spec.message)))
      throw new SimError('--message must be one non-empty line');
    return;
  }
  if (!spec.container) throw new SimError('a Pebble fault needs --container');
  if (spec.effect !== 'error' && spec.effect !== 'refuse' && spec.effect !== 'timeout')
    throw new SimError(`invalid --effect ${JSON.stringify(spec.effect)} (expected error, refuse or timeout)`);
  whole('--status', spec.status, 400, 599);
  if (spec.request !== undefined) parseRequestPattern(spec.request);
}

/** One line describing a fault (for `sim fault list` and the debug log). */
export function describeFault(fault: Fault): string {
  const where = [
    fault.unit ?? (fault.app ? `app ${fault.app}` : 'every unit'),
    ...(fault.hook ? [`hook ${fault.hook}`] : []),
  ].join(', ');
  const call = fault.call !== undefined ? ` #${fault.call}` : '';
  const target =
    fault.kind === 'tool'
      ? `${fault.tool ?? 'any hook tool'}${call}`
      : `pebble ${fault.container}${fault.request ? ` ${fault.request}` : ''}${call}`;
  const effect =
    fault.kind === 'pebble' && fault.effect === 'error' ? `error ${fault.status ?? 500}` : fault.effect;
  const times = fault.times !== undefined ? `${fault.hits}/${fault.times}` : `${fault.hits}`;
  return `${target}: ${effect} (${where}; fired ${times})`;
}

/** Whether a fault still fires (not spent). */
export function faultActive(fault: Fault): boolean {
  return fault.times === undefined || fault.hits < fault.times;
}
