/**
 * `juju status` (tabular) as juju 3.6 prints it (juju/juju cmd/juju/status/output_tabular.go,
 * FormatTabular): the model line, then the App, Unit and Machine sections, each only when it has rows,
 * and the Integration section only with `--relations`.
 */
import type { JujuRelationRow, JujuStatus } from './juju-status.js';
import { renderTable } from './table.js';

/** Options of {@link renderJujuStatus}. */
export interface TabularOptions {
  /** Add the integrations section (`--relations`/`--integrations`). */
  relations?: readonly JujuRelationRow[];
}

/** The tabular status text (empty sections left out). */
export function renderJujuStatus(status: JujuStatus, opts: TabularOptions = {}): string {
  const { model } = status;
  const k8s = model.type === 'caas';
  const sections: string[] = [
    renderTable([
      ['Model', 'Controller', 'Cloud/Region', 'Version', 'SLA', 'Timestamp'],
      [
        model.name,
        model.controller,
        model.region ? `${model.cloud}/${model.region}` : model.cloud,
        model.version,
        model.sla,
        status.controller.timestamp,
      ],
    ]),
  ];
  const apps = Object.entries(status.applications);
  if (apps.length > 0) {
    const header = [
      'App',
      'Version',
      'Status',
      'Scale',
      'Charm',
      'Channel',
      'Rev',
      ...(k8s ? ['Address'] : []),
      'Exposed',
      'Message',
    ];
    const rows = [header];
    for (const [name, app] of apps) {
      const units = Object.values(app.units ?? {});
      // Scale is "ready/desired" while some units are not idle or executing (formatted.go applicationScale).
      const ready = units.filter((u) =>
        ['idle', 'executing'].includes(u['juju-status'].current ?? ''),
      ).length;
      const desired = app.scale ?? units.length;
      rows.push([
        name,
        app.version ?? '',
        app['application-status'].current ?? '',
        ready === desired ? String(desired) : `${ready}/${desired}`,
        app['charm-name'],
        '',
        String(app['charm-rev']),
        ...(k8s ? [app.address ?? ''] : []),
        app.exposed ? 'yes' : 'no',
        app['application-status'].message ?? '',
      ]);
    }
    sections.push(renderTable(rows, [3, 6]));
    const unitRows = [
      k8s
        ? ['Unit', 'Workload', 'Agent', 'Address', 'Ports', 'Message']
        : ['Unit', 'Workload', 'Agent', 'Machine', 'Public address', 'Ports', 'Message'],
    ];
    for (const [, app] of apps) {
      for (const [name, unit] of Object.entries(app.units ?? {})) {
        unitRows.push([
          `${name}${unit.leader ? '*' : ''}`,
          unit['workload-status'].current ?? '',
          unit['juju-status'].current ?? '',
          ...(k8s ? [unit.address ?? ''] : [unit.machine ?? '', unit['public-address'] ?? '']),
          (unit['open-ports'] ?? []).join(','),
          unit['workload-status'].message ?? '',
        ]);
      }
    }
    if (unitRows.length > 1) sections.push(renderTable(unitRows));
  }
  const machines = Object.entries(status.machines);
  if (machines.length > 0) {
    const rows = [['Machine', 'State', 'Address', 'Inst id', 'Base', 'AZ', 'Message']];
    for (const [id, m] of machines.sort(([a], [b]) => Number(a) - Number(b))) {
      rows.push([
        id,
        m['juju-status'].current ?? '',
        m['dns-name'],
        m['instance-id'],
        `${m.base.name}@${m.base.channel}`,
        '',
        m['machine-status'].message ?? '',
      ]);
    }
    sections.push(renderTable(rows));
  }
  if (opts.relations && opts.relations.length > 0) {
    const rows = [['Integration provider', 'Requirer', 'Interface', 'Type', 'Message']];
    for (const r of opts.relations) rows.push([r.provider, r.requirer, r.interface, r.type, r.message]);
    sections.push(renderTable(rows));
  }
  return sections.join('\n');
}
