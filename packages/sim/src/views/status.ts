/** `status`: the model as `juju status` shows it, as data (`--format json`) and as a table. */
import type { ModelState, StatusRecord } from '@ops-ts/juju';
import type { AgentRecords } from '../agent-records.js';
import { compareUnits } from '../scheduler.js';
import { renderTable } from './table.js';

/** A unit's row. */
export interface UnitStatus {
  'workload-status': { current: string; message: string };
  'juju-status': { current: string; message: string };
  leader: boolean;
  address: string;
  'open-ports': string[];
}

/** An application's row with its units. */
export interface AppStatus {
  charm: string;
  'charm-rev': number;
  scale: number;
  'application-status': { current: string; message: string };
  version: string;
  trust: boolean;
  /** Set when the application runs real workloads (`deploy --workloads real`). */
  workloads?: 'real';
  relations: Record<string, string[]>;
  units: Record<string, UnitStatus>;
}

/** One integration row. */
export interface RelationStatus {
  id: number;
  provider: string;
  requirer: string;
  interface: string;
  type: 'regular' | 'peer' | 'subordinate';
  status: 'joined' | 'dying';
}

/** The whole `status --format json` document. */
export interface ModelStatus {
  model: { name: string; type: string; uuid: string; 'pending-hooks': number };
  applications: Record<string, AppStatus>;
  relations: RelationStatus[];
}

const SEVERITY = ['error', 'blocked', 'maintenance', 'waiting', 'active', 'unknown'];

function worst(statuses: StatusRecord[]): StatusRecord | undefined {
  return [...statuses].sort((a, b) => SEVERITY.indexOf(a.status) - SEVERITY.indexOf(b.status))[0];
}

/** Builds the status document. */
export function modelStatus(state: ModelState, sim: AgentRecords): ModelStatus {
  const applications: Record<string, AppStatus> = {};
  for (const app of Object.values(state.applications).sort((a, b) => a.name.localeCompare(b.name))) {
    const units: Record<string, UnitStatus> = {};
    const shown: StatusRecord[] = [];
    for (const name of [...app.units].sort(compareUnits)) {
      const unit = state.units[name];
      const agent = sim.units[name];
      if (!unit) continue;
      // A failed hook shows as workload error; the charm's own status returns once resolved.
      const workload = agent?.error
        ? { ...unit.status, status: 'error', message: agent.error.message }
        : unit.status;
      shown.push(workload);
      const installing = agent?.queue.some((q) => q.hookName === 'install');
      const juju = agent?.error
        ? 'idle'
        : unit.life !== 'alive'
          ? 'stopping'
          : installing
            ? 'allocating'
            : (agent?.queue.length ?? 0) > 0
              ? 'executing'
              : 'idle';
      units[name] = {
        'workload-status': { current: workload.status, message: workload.message },
        'juju-status': { current: juju, message: '' },
        leader: app.leader === name,
        address: unit.privateAddress,
        'open-ports': unit.openedPorts.map((p) =>
          p.protocol === 'icmp'
            ? 'icmp'
            : `${p.fromPort === p.toPort ? p.fromPort : `${p.fromPort}-${p.toPort}`}/${p.protocol}`,
        ),
      };
    }
    // An application status set by the leader wins; otherwise the most severe unit status.
    const appStatus =
      app.status.status !== 'unknown' && !shown.some((s) => s.status === 'error')
        ? app.status
        : (worst(shown) ?? app.status);
    const relations: Record<string, string[]> = {};
    for (const rel of Object.values(state.relations)) {
      const own = rel.endpoints.find((e) => e.app === app.name);
      if (!own) continue;
      const other = rel.endpoints.find((e) => e !== own)?.app ?? app.name;
      relations[own.name] = [...(relations[own.name] ?? []), other];
    }
    applications[app.name] = {
      charm: String(app.charm.metadata.name ?? ''),
      'charm-rev': sim.apps[app.name]?.revision ?? 0,
      scale: app.units.length,
      'application-status': { current: appStatus.status, message: appStatus.message },
      version: app.workloadVersion,
      trust: app.trust,
      ...(sim.apps[app.name]?.workloads === 'real' ? { workloads: 'real' as const } : {}),
      relations,
      units,
    };
  }
  const relations = Object.values(state.relations)
    .sort((a, b) => a.id - b.id)
    .map((rel): RelationStatus => {
      const [first, second] = rel.endpoints;
      const provider = rel.endpoints.find((e) => e.role === 'provider') ?? first;
      const requirer = rel.endpoints.find((e) => e !== provider) ?? second ?? first;
      return {
        id: rel.id,
        provider: provider ? `${provider.app}:${provider.name}` : '',
        requirer: requirer ? `${requirer.app}:${requirer.name}` : '',
        interface: rel.interface,
        type: rel.kind,
        status: rel.life === 'alive' ? 'joined' : 'dying',
      };
    });
  const pending = Object.values(sim.units).reduce((n, a) => n + a.queue.length, 0);
  return {
    model: {
      name: state.model.name,
      type: state.model.type,
      uuid: state.model.uuid,
      'pending-hooks': pending,
    },
    applications,
    relations,
  };
}

/** The status as `juju status` prints it: model, apps, units and integrations tables. */
export function renderStatus(status: ModelStatus): string {
  const { model } = status;
  const out: string[] = [];
  out.push(
    renderTable([
      ['Model', 'Controller', 'Cloud/Region', 'Version', 'Type', 'Pending hooks'],
      [model.name, 'ops-ts-sim', 'local/default', '3.6.8', model.type, String(model['pending-hooks'])],
    ]),
  );
  const apps = Object.entries(status.applications);
  if (apps.length === 0) {
    out.push('Model is empty.');
    return `${out.join('\n')}\n`;
  }
  const appRows = [['App', 'Version', 'Status', 'Scale', 'Charm', 'Rev', 'Message']];
  const unitRows = [['Unit', 'Workload', 'Agent', 'Address', 'Ports', 'Message']];
  for (const [name, app] of apps) {
    appRows.push([
      name,
      app.version,
      app['application-status'].current,
      String(app.scale),
      app.charm,
      String(app['charm-rev']),
      app['application-status'].message,
    ]);
    for (const [unitName, unit] of Object.entries(app.units)) {
      unitRows.push([
        `${unitName}${unit.leader ? '*' : ''}`,
        unit['workload-status'].current,
        unit['juju-status'].current,
        unit.address,
        unit['open-ports'].join(','),
        unit['workload-status'].message,
      ]);
    }
  }
  out.push(renderTable(appRows), renderTable(unitRows));
  if (status.relations.length > 0) {
    const relRows = [['Integration provider', 'Requirer', 'Interface', 'Type', 'Message']];
    for (const r of status.relations) {
      relRows.push([r.provider, r.requirer, r.interface, r.type, r.status === 'dying' ? 'dying' : '']);
    }
    out.push(renderTable(relRows));
  }
  return `${out.join('\n')}\n`;
}
