/** `deploy`, `add-unit` and `refresh`: applications from packed charms. */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { addApplication, addRelation, isValidApplicationName, type JsonValue } from '@ops-ts/juju';
import { type CharmFile, charmContainers, charmEndpoints, readCharmFile } from '../charm-file.js';
import { checkConfig } from '../config-values.js';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { enqueue } from '../hook-queue.js';
import type { HookRequest } from '../hook-runner.js';
import { addUnitWithHooks, unpackCharm } from '../unit-lifecycle.js';

/** Options of {@link deploy}. */
export interface DeployOptions {
  /** Application name (default: the charm's name). */
  app?: string;
  /** Config values (`k=v` text or typed values). */
  config?: Record<string, string | JsonValue>;
  /** Number of units (default 1). */
  numUnits?: number;
  /** Grant trust (`credential-get`). */
  trust?: boolean;
  /**
   * `real`: each container gets a long-lived Pebble daemon that runs the plan's services as host
   * processes and exec and checks for real; `stub` (default): canned exec answers, state-only services.
   */
  workloads?: 'stub' | 'real';
  /** Container ports the real workloads listen on, per container ('' for every container); each gets a host loopback port. */
  workloadPorts?: Record<string, readonly number[]>;
  /** The base (`ubuntu@22.04`), as `juju deploy --base` takes it. */
  base?: string;
  /** Resource files by resource name (`--resource name=path`); each must be declared by the charm. */
  resources?: Record<string, string>;
  /** Storage directives by store name (`--storage name=pool,size`); each store must be declared. */
  storage?: Record<string, string>;
}

/** The base used when neither `--base` nor the charm names one. */
export const DEFAULT_BASE = 'ubuntu@22.04';

/**
 * Checks `--base`, `--resource` and `--storage` against the charm as juju's deploy does
 * (juju/juju cmd/juju/application/deploy.go; core/base ParseBaseFromString; storage "no store called").
 */
function deployExtras(
  charm: CharmFile,
  opts: DeployOptions,
): { base: string; resources?: Record<string, string> } {
  const base = opts.base ?? DEFAULT_BASE;
  if (!/^[a-z]+@[0-9][0-9.]*(\/[a-z]+)?$/.test(base))
    throw new SimError(
      `parsing base ${JSON.stringify(base)}: expected base string to contain os and channel separated by '@'`,
    );
  const declared = (key: string): string[] => {
    const section = charm.info.metadata[key];
    return section && typeof section === 'object' && !Array.isArray(section) ? Object.keys(section) : [];
  };
  for (const name of Object.keys(opts.storage ?? {})) {
    if (!declared('storage').includes(name))
      throw new SimError(`charm ${JSON.stringify(charm.name)} has no store called ${JSON.stringify(name)}`);
  }
  const resources = Object.entries(opts.resources ?? {});
  for (const [name, path] of resources) {
    if (!declared('resources').includes(name))
      throw new SimError(`unrecognized resource ${JSON.stringify(name)}`);
    if (!existsSync(path))
      throw new SimError(
        `file for resource ${JSON.stringify(name)}: open ${path}: no such file or directory`,
      );
  }
  return { base, ...(resources.length > 0 ? { resources: Object.fromEntries(resources) } : {}) };
}

/** Checks the real-workload options against the charm; returns what the application records. */
function workloadMode(
  opts: DeployOptions,
  containers: readonly string[],
): { workloads?: 'real'; workloadPorts?: Record<string, number[]> } {
  const mode = opts.workloads ?? 'stub';
  if (mode !== 'stub' && mode !== 'real')
    throw new SimError(`invalid workloads mode ${JSON.stringify(mode)} (expected "stub" or "real")`);
  const ports = Object.entries(opts.workloadPorts ?? {});
  if (mode === 'stub') {
    if (ports.length > 0) throw new SimError('workload ports need --workloads real');
    return {};
  }
  if (containers.length === 0) throw new SimError('--workloads real needs a charm with containers');
  const workloadPorts: Record<string, number[]> = {};
  for (const [container, list] of ports) {
    // A port given without a container ('') is the port of every container.
    if (container === '') {
      for (const c of containers) workloadPorts[c] = [...new Set([...(workloadPorts[c] ?? []), ...list])];
      continue;
    }
    if (!containers.includes(container))
      throw new SimError(`the charm has no container ${JSON.stringify(container)}`);
    for (const port of list) {
      if (!Number.isInteger(port) || port < 1 || port > 65535)
        throw new SimError(`invalid port ${JSON.stringify(port)} (expected 1-65535)`);
    }
    workloadPorts[container] = [...new Set([...(workloadPorts[container] ?? []), ...list])];
  }
  return { workloads: 'real', ...(ports.length > 0 ? { workloadPorts } : {}) };
}

/** Checks a unit count given on the command line. */
export function checkUnitCount(n: number, min: number): number {
  if (!Number.isInteger(n) || n < min)
    throw new SimError(`--num-units must be a whole number >= ${min}, got ${n}`);
  return n;
}

/** Deploys a packed charm: the application, its peer relations and its units with their install hooks. */
export function deploy(ctx: SimContext, charmPath: string, opts: DeployOptions = {}): string {
  const charm = readCharmFile(charmPath);
  const name = opts.app ?? charm.name;
  if (!isValidApplicationName(name)) throw new SimError(`invalid application name ${JSON.stringify(name)}`);
  if (ctx.state.applications[name]) throw new SimError(`application ${JSON.stringify(name)} already exists`);
  const units = checkUnitCount(opts.numUnits ?? 1, 0);
  if (charm.info.metadata.subordinate === true) {
    throw new SimError('subordinate charms are not supported by the simulator');
  }
  if (ctx.state.model.type !== 'kubernetes' && charmContainers(charm.info).length > 0) {
    throw new SimError(
      `charm ${JSON.stringify(charm.name)} needs a Kubernetes model (it declares containers)`,
    );
  }
  const config = checkConfig(charm.info.config, opts.config ?? {});
  const mode = { ...workloadMode(opts, charmContainers(charm.info)), ...deployExtras(charm, opts) };
  // Juju's first revision of a local charm is 0 (juju/juju apiserver/facades/client/charms: local revisions start at 0).
  const charmFile = join(ctx.store.charmsDir, `${name}-0.charm`);
  // Everything that can refuse the charm has run: the model changes from here on.
  ctx.store.writePrivateFile(charmFile, charm.bytes);
  try {
    createApplication(ctx, name, charm, charmFile, config, opts.trust ?? false, units, mode);
  } catch (error) {
    rmSync(charmFile, { force: true });
    throw error;
  }
  return name;
}

function createApplication(
  ctx: SimContext,
  name: string,
  charm: CharmFile,
  charmFile: string,
  config: Record<string, JsonValue>,
  trust: boolean,
  units: number,
  mode: ReturnType<typeof workloadMode> & ReturnType<typeof deployExtras>,
): void {
  addApplication(ctx.state, name, {
    metadata: charm.info.metadata,
    configOptions: charm.info.config,
    actions: charm.info.actions,
    config,
    trust,
    units: 0,
    leader: null,
  });
  ctx.sim.apps[name] = { charmFile, revision: 0, ...mode };
  for (const ep of charmEndpoints(charm.info)) {
    if (ep.role === 'peer')
      addRelation(ctx.state, { app: name, endpoint: ep.name }, undefined, { scope: [] });
  }
  for (let i = 0; i < units; i++) addUnitWithHooks(ctx, name);
}

/** Adds units to an application. */
export function addUnits(ctx: SimContext, app: string, count = 1): string[] {
  if (!ctx.state.applications[app] || ctx.sim.apps[app]?.dying) {
    throw new SimError(`application ${JSON.stringify(app)} not found`);
  }
  checkUnitCount(count, 1);
  return Array.from({ length: count }, () => addUnitWithHooks(ctx, app));
}

/**
 * Upgrades an application to a new build of its charm (`juju refresh --path`): new files in every
 * unit's charm directory, then (Kubernetes) stop, upgrade-charm, config-changed,
 * leader-settings-changed on non-leaders, start, pebble-ready; (machine) without stop/pebble-ready.
 */
export function refresh(ctx: SimContext, app: string, charmPath: string): number {
  const application = ctx.state.applications[app];
  const source = ctx.sim.apps[app];
  if (!application || !source || source.dying)
    throw new SimError(`application ${JSON.stringify(app)} not found`);
  const charm = readCharmFile(charmPath);
  const current = String(application.charm.metadata.name ?? '');
  if (charm.name !== current) {
    throw new SimError(
      `cannot refresh ${JSON.stringify(app)}: charm ${JSON.stringify(charm.name)} is not ${JSON.stringify(current)}`,
    );
  }
  // Settings the new charm no longer declares are dropped, as Juju drops them.
  for (const key of Object.keys(application.config))
    if (!Object.hasOwn(charm.info.config, key)) delete application.config[key];
  const revision = source.revision + 1;
  const charmFile = join(ctx.store.charmsDir, `${app}-${revision}.charm`);
  ctx.store.writePrivateFile(charmFile, charm.bytes);
  ctx.sim.apps[app] = { ...source, charmFile, revision };
  application.charm = charm.info;
  const k8s = ctx.state.model.type === 'kubernetes';
  for (const unit of application.units) {
    if (ctx.state.units[unit]?.life !== 'alive') continue;
    unpackCharm(ctx, unit);
    const hooks: HookRequest[] = [];
    if (k8s) hooks.push({ unit, hookName: 'stop' });
    hooks.push({ unit, hookName: 'upgrade-charm' }, { unit, hookName: 'config-changed' });
    if (application.leader !== unit) hooks.push({ unit, hookName: 'leader-settings-changed' });
    hooks.push({ unit, hookName: 'start' });
    if (k8s)
      for (const c of charmContainers(charm.info))
        hooks.push({ unit, hookName: `${c}-pebble-ready`, workloadName: c });
    enqueue(ctx, unit, ...hooks);
  }
  return revision;
}
