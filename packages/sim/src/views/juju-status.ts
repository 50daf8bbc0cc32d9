/**
 * `juju status --format json|yaml` as juju 3.6 prints it: the document of juju/juju
 * cmd/juju/status/formatted.go (formattedStatus, modelStatus, machineStatus, applicationStatus,
 * unitStatus, statusInfoContents) built from the simulated model. Empty fields are left out where
 * juju's struct tags say `omitempty` (a unit's `leader`, a status' `message`, `open-ports`, ...).
 */
import type { ModelState, StatusRecord } from '@ops-ts/juju';
import type { AgentRecords } from '../agent-records.js';
import { charmEndpoints } from '../charm-file.js';
import { DEFAULT_BASE } from '../ops/deploy.js';
import { compareUnits } from '../scheduler.js';

/** The controller the simulator plays, named in `status` and `models`. */
export const SIM_CONTROLLER = 'ops-ts-sim';

/** The juju version the simulator answers as. */
export const SIM_JUJU_VERSION = '3.6.8';

/** A status value with its time (`statusInfoContents`). */
export interface JujuStatusInfo {
  current?: string;
  message?: string;
  since?: string;
  version?: string;
}

/** A unit (`unitStatus`). */
export interface JujuUnitStatus {
  'workload-status': JujuStatusInfo;
  'juju-status': JujuStatusInfo;
  leader?: boolean;
  machine?: string;
  'open-ports'?: string[];
  'public-address'?: string;
  address?: string;
  'provider-id'?: string;
}

/** One side of an application's relation (juju 3.6 `relations: {ep: [...]}`). */
export interface JujuRelatedApp {
  'related-application': string;
  interface: string;
  scope: 'global' | 'container';
}

/** An application (`applicationStatus`). */
export interface JujuAppStatus {
  charm: string;
  base: { name: string; channel: string };
  'charm-origin': 'local';
  'charm-name': string;
  'charm-rev': number;
  scale?: number;
  'provider-id'?: string;
  address?: string;
  exposed: boolean;
  life?: string;
  'application-status': JujuStatusInfo;
  relations?: Record<string, JujuRelatedApp[]>;
  units?: Record<string, JujuUnitStatus>;
  version?: string;
  'endpoint-bindings': Record<string, string>;
}

/** A machine of a machine (IAAS) model (`machineStatus`). */
export interface JujuMachineStatus {
  'juju-status': JujuStatusInfo;
  hostname: string;
  'dns-name': string;
  'ip-addresses': string[];
  'instance-id': string;
  'machine-status': JujuStatusInfo;
  'modification-status': JujuStatusInfo;
  base: { name: string; channel: string };
  'network-interfaces': Record<
    string,
    { 'ip-addresses': string[]; 'mac-address': string; space: string; 'is-up': boolean }
  >;
  hardware: string;
}

/** One integration (the `--relations` table; not in the JSON document, as in juju). */
export interface JujuRelationRow {
  provider: string;
  requirer: string;
  interface: string;
  type: 'regular' | 'peer' | 'subordinate';
  message: string;
}

/** The whole `juju status --format json` document. */
export interface JujuStatus {
  model: {
    name: string;
    type: 'caas' | 'iaas';
    controller: string;
    cloud: string;
    region: string;
    version: string;
    'model-status': JujuStatusInfo;
    sla: string;
  };
  machines: Record<string, JujuMachineStatus>;
  applications: Record<string, JujuAppStatus>;
  storage: Record<string, never>;
  controller: { timestamp: string };
}

/** Options of {@link jujuStatus}. */
export interface JujuStatusOptions {
  /** Selectors (`juju status app unit/0 'db*'`): only matching applications and units. */
  patterns?: readonly string[];
  /** The time shown as `controller.timestamp` (default now). */
  now?: Date;
}

/** juju's status time (common.FormatTime, not ISO): `24 Feb 2025 12:03:17Z`. */
export function formatSince(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return '';
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${formatClock(d)}`;
}

/** The controller timestamp: `12:04:55Z`. */
export function formatClock(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}Z`;
}

/** The cloud and region a model of this type is said to live on (juju's names for microk8s and LXD). */
export function modelCloud(type: ModelState['model']['type']): { cloud: string; region: string } {
  return type === 'kubernetes'
    ? { cloud: 'microk8s', region: 'localhost' }
    : { cloud: 'localhost', region: 'localhost' };
}

/** `caas` or `iaas`, juju's words for the two model types. */
export function jujuModelType(type: ModelState['model']['type']): 'caas' | 'iaas' {
  return type === 'kubernetes' ? 'caas' : 'iaas';
}

const SEVERITY = ['error', 'blocked', 'maintenance', 'waiting', 'active', 'unknown'];

function info(current: string, message: string, since: string, version?: string): JujuStatusInfo {
  return {
    ...(current ? { current } : {}),
    ...(message ? { message } : {}),
    ...(since ? { since: formatSince(since) } : {}),
    ...(version ? { version } : {}),
  };
}

/** Whether `name` (an application or a unit) matches a selector; `*` matches any run of characters. */
export function matchesSelector(name: string, pattern: string): boolean {
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}

/** The base as juju prints it: `{name: ubuntu, channel: "22.04"}`. */
export function baseOf(base: string | undefined): { name: string; channel: string } {
  const [name = 'ubuntu', channel = '22.04'] = (base ?? DEFAULT_BASE).split('@');
  return { name, channel };
}

function unitJujuStatus(state: ModelState, sim: AgentRecords, name: string): string {
  const unit = state.units[name];
  const agent = sim.units[name];
  if (agent?.error) return 'idle';
  if (unit?.life !== 'alive') return 'executing';
  if (agent?.queue.some((q) => q.hookName === 'install')) return 'allocating';
  return (agent?.queue.length ?? 0) > 0 || agent?.running ? 'executing' : 'idle';
}

/** Builds the status document of the model. */
export function jujuStatus(state: ModelState, sim: AgentRecords, opts: JujuStatusOptions = {}): JujuStatus {
  const now = opts.now ?? new Date();
  const k8s = state.model.type === 'kubernetes';
  const patterns = opts.patterns ?? [];
  const { cloud, region } = modelCloud(state.model.type);
  const applications: Record<string, JujuAppStatus> = {};
  const machines: Record<string, JujuMachineStatus> = {};
  for (const app of Object.values(state.applications).sort((a, b) => a.name.localeCompare(b.name))) {
    const source = sim.apps[app.name];
    const unitNames = [...app.units].sort(compareUnits);
    const selectedUnits =
      patterns.length === 0 || patterns.some((p) => matchesSelector(app.name, p))
        ? unitNames
        : unitNames.filter((u) => patterns.some((p) => matchesSelector(u, p)));
    if (
      patterns.length > 0 &&
      selectedUnits.length === 0 &&
      !patterns.some((p) => matchesSelector(app.name, p))
    )
      continue;
    const units: Record<string, JujuUnitStatus> = {};
    const shown: StatusRecord[] = [];
    for (const name of unitNames) {
      const unit = state.units[name];
      const agent = sim.units[name];
      if (!unit) continue;
      // A failed hook shows as workload error; the charm's own status returns once resolved.
      const workload = agent?.error
        ? { ...unit.status, status: 'error', message: agent.error.message }
        : unit.status;
      shown.push(workload);
      if (!selectedUnits.includes(name)) continue;
      const ports = unit.openedPorts.map((p) =>
        p.protocol === 'icmp'
          ? 'icmp'
          : `${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}/${p.protocol}`,
      );
      const machine = agent?.machine;
      units[name] = {
        'workload-status': info(workload.status, workload.message, workload.since),
        'juju-status': info(unitJujuStatus(state, sim, name), '', workload.since, SIM_JUJU_VERSION),
        ...(app.leader === name ? { leader: true } : {}),
        ...(machine !== undefined ? { machine } : {}),
        ...(ports.length > 0 ? { 'open-ports': ports } : {}),
        ...(k8s ? {} : { 'public-address': unit.privateAddress }),
        address: unit.privateAddress,
        ...(k8s ? { 'provider-id': name.replace('/', '-') } : {}),
      };
      if (machine !== undefined)
        machines[machine] = machineStatus(machine, unit.privateAddress, source?.base, workload.since);
    }
    // An application status set by the leader wins; otherwise the most severe unit status.
    const appStatus =
      app.status.status !== 'unknown' && !shown.some((s) => s.status === 'error')
        ? app.status
        : ([...shown].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status))[0] ??
          app.status);
    const relations: Record<string, JujuRelatedApp[]> = {};
    for (const rel of Object.values(state.relations).sort((a, b) => a.id - b.id)) {
      const own = rel.endpoints.find((e) => e.app === app.name);
      if (!own) continue;
      const other = rel.endpoints.find((e) => e !== own)?.app ?? app.name;
      const scope =
        charmEndpoints(app.charm).find((e) => e.name === own.name)?.scope === 'container'
          ? 'container'
          : 'global';
      relations[own.name] = [
        ...(relations[own.name] ?? []),
        { 'related-application': other, interface: rel.interface, scope },
      ];
    }
    const charmName = String(app.charm.metadata.name ?? '');
    const revision = source?.revision ?? 0;
    applications[app.name] = {
      charm: `local:${charmName}-${revision}`,
      base: baseOf(source?.base),
      'charm-origin': 'local',
      'charm-name': charmName,
      'charm-rev': revision,
      ...(k8s
        ? { scale: app.units.length, 'provider-id': `${app.name}-${state.model.uuid.slice(0, 8)}` }
        : {}),
      ...(k8s ? { address: serviceAddress(app.name) } : {}),
      exposed: false,
      ...(source?.dying ? { life: 'dying' } : {}),
      'application-status': info(appStatus.status, appStatus.message, appStatus.since),
      ...(Object.keys(relations).length > 0 ? { relations } : {}),
      ...(Object.keys(units).length > 0 ? { units } : {}),
      ...(app.workloadVersion ? { version: app.workloadVersion } : {}),
      'endpoint-bindings': Object.fromEntries([
        ['', 'alpha'],
        ...charmEndpoints(app.charm).map((e) => [e.name, 'alpha']),
      ]),
    };
  }
  return {
    model: {
      name: state.model.name,
      type: jujuModelType(state.model.type),
      controller: SIM_CONTROLLER,
      cloud,
      region,
      version: SIM_JUJU_VERSION,
      'model-status': { current: 'available' },
      sla: 'unsupported',
    },
    machines,
    applications,
    storage: {},
    controller: { timestamp: formatClock(now) },
  };
}

/** A stable service address per application (10.152.183.x, microk8s' service range). */
function serviceAddress(app: string): string {
  let h = 0;
  for (const ch of app) h = (h * 31 + ch.charCodeAt(0)) % 250;
  return `10.152.183.${h + 1}`;
}

function machineStatus(
  id: string,
  address: string,
  base: string | undefined,
  since: string,
): JujuMachineStatus {
  const instance = `juju-sim-${id}`;
  return {
    'juju-status': info('started', '', since, SIM_JUJU_VERSION),
    hostname: instance,
    'dns-name': address,
    'ip-addresses': [address],
    'instance-id': instance,
    'machine-status': info('running', 'Running', since),
    'modification-status': info('applied', '', since),
    base: baseOf(base),
    'network-interfaces': {
      eth0: { 'ip-addresses': [address], 'mac-address': '00:16:3e:00:00:00', space: 'alpha', 'is-up': true },
    },
    hardware: 'arch=amd64 cores=0 mem=0M virt-type=container',
  };
}

/** The integrations of the model, as the tabular `--relations` section lists them. */
export function jujuRelations(state: ModelState, patterns: readonly string[] = []): JujuRelationRow[] {
  return Object.values(state.relations)
    .filter(
      (rel) =>
        patterns.length === 0 || rel.endpoints.some((e) => patterns.some((p) => matchesSelector(e.app, p))),
    )
    .map((rel): JujuRelationRow => {
      const [first, second] = rel.endpoints;
      const provider = rel.endpoints.find((e) => e.role === 'provider') ?? first;
      const requirer = rel.endpoints.find((e) => e !== provider) ?? second ?? first;
      return {
        provider: provider ? `${provider.app}:${provider.name}` : '',
        requirer: requirer ? `${requirer.app}:${requirer.name}` : '',
        interface: rel.interface,
        type: rel.kind,
        message: rel.life === 'alive' ? '' : 'dying',
      };
    })
    .sort((a, b) => a.provider.localeCompare(b.provider) || a.requirer.localeCompare(b.requirer));
}
