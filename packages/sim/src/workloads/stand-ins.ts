/** Recording service stand-ins: which host command runs for a Pebble service of an application. */
import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { unitApp } from '@ops-ts/juju';
import type { ServiceStandIn } from '../agent-records.js';
import { charmContainers } from '../charm-file.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';

/** What {@link addServiceStandIn} takes besides the names. */
export interface StandInOptions {
  /** Container ports the workload listens on (each gets `OPS_TS_PORT_<N>`). */
  ports?: readonly number[];
  /** Relative paths in the command are resolved from here (default: the process's cwd). */
  cwd?: string;
}

// Used in file names (the log) and environment variable names: keep them plain.
const SERVICE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * The command with its relative paths made absolute, since it runs in the container's directory:
 * arguments that start with `./` or `../`, and arguments that name an existing file or directory
 * relative to `cwd` (`node server.mjs`). Bare program names (`node`) are left to PATH.
 */
export function resolveCommand(command: readonly string[], cwd: string): string[] {
  return command.map((arg) => {
    if (arg === '' || isAbsolute(arg) || arg.startsWith('-')) return arg;
    if (arg.startsWith('./') || arg.startsWith('../')) return resolve(cwd, arg);
    return arg.includes('=') || !existsSync(resolve(cwd, arg)) ? arg : resolve(cwd, arg);
  });
}

/** Records (or replaces) the stand-in of `service` in `container` for every unit of `app`. */
export function addServiceStandIn(
  ctx: SimContext,
  app: string,
  container: string,
  service: string,
  command: readonly string[],
  opts: StandInOptions = {},
): ServiceStandIn {
  const application = ctx.state.applications[app];
  if (!application || ctx.sim.apps[app]?.dying)
    throw new SimError(`application ${JSON.stringify(app)} not found`);
  if (!charmContainers(application.charm).includes(container)) {
    throw new SimError(`application ${JSON.stringify(app)} has no container ${JSON.stringify(container)}`);
  }
  if (!SERVICE_NAME.test(service)) throw new SimError(`invalid service name ${JSON.stringify(service)}`);
  if (command.length === 0 || command[0] === '') throw new SimError('service stand-in needs a command');
  const ports = [...new Set(opts.ports ?? [])];
  for (const port of ports) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new SimError(`invalid port ${JSON.stringify(port)} (expected 1-65535)`);
    }
  }
  const standIn: ServiceStandIn = {
    container,
    service,
    command: resolveCommand(command, opts.cwd ?? process.cwd()),
    ports,
  };
  ctx.sim.standIns ??= {};
  const others = (ctx.sim.standIns[app] ?? []).filter(
    (s) => s.container !== container || s.service !== service,
  );
  ctx.sim.standIns[app] = [...others, standIn];
  return standIn;
}

/** The stand-in of a unit's service, if one is recorded. */
export function standInFor(
  ctx: SimContext,
  unit: string,
  container: string,
  service: string,
): ServiceStandIn | undefined {
  return ctx.sim.standIns?.[unitApp(unit)]?.find((s) => s.container === container && s.service === service);
}

/** The container ports declared for a unit's application (stand-ins, real workloads), per container. */
export function declaredPorts(ctx: SimContext, unit: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  const add = (container: string, ports: readonly number[]): void => {
    out.set(container, [...new Set([...(out.get(container) ?? []), ...ports])]);
  };
  for (const s of ctx.sim.standIns?.[unitApp(unit)] ?? []) add(s.container, s.ports);
  // Ports of real workloads (`deploy --workloads real --workload-port`).
  for (const [container, ports] of Object.entries(ctx.sim.apps[unitApp(unit)]?.workloadPorts ?? {}))
    add(container, ports);
  return out;
}
