// Ready/error conditions for `Juju.wait`, with jubilant's semantics (canonical/jubilant
// jubilant/_all_any.py): `all*` is true when every listed app (all apps when none are listed) and each of
// its units has that workload status, and false when a listed app is missing; `any*` is true when any
// listed app or unit has it, ignoring missing apps. Subordinate units count for their app (`getUnits`).
import { getUnits } from './status.js';
import type { Status } from './status-types.js';

function allStatusesAre(expected: string, status: Status, apps: readonly string[]): boolean {
  for (const app of apps.length ? apps : Object.keys(status.apps)) {
    const info = status.apps[app];
    if (!info || info.appStatus.current !== expected) return false;
    for (const unit of Object.values(getUnits(status, app)))
      if (unit.workloadStatus.current !== expected) return false;
  }
  return true;
}

function anyStatusIs(expected: string, status: Status, apps: readonly string[]): boolean {
  for (const app of apps.length ? apps : Object.keys(status.apps)) {
    const info = status.apps[app];
    if (!info) continue;
    if (info.appStatus.current === expected) return true;
    for (const unit of Object.values(getUnits(status, app)))
      if (unit.workloadStatus.current === expected) return true;
  }
  return false;
}

/** Whether all apps and their units (or those of `apps`) are `active`. */
export const allActive = (status: Status, ...apps: string[]): boolean =>
  allStatusesAre('active', status, apps);
/** Whether all apps and their units (or those of `apps`) are `blocked`. */
export const allBlocked = (status: Status, ...apps: string[]): boolean =>
  allStatusesAre('blocked', status, apps);
/** Whether all apps and their units (or those of `apps`) are `error`. */
export const allError = (status: Status, ...apps: string[]): boolean => allStatusesAre('error', status, apps);
/** Whether all apps and their units (or those of `apps`) are `maintenance`. */
export const allMaintenance = (status: Status, ...apps: string[]): boolean =>
  allStatusesAre('maintenance', status, apps);
/** Whether all apps and their units (or those of `apps`) are `waiting`. */
export const allWaiting = (status: Status, ...apps: string[]): boolean =>
  allStatusesAre('waiting', status, apps);

/** Whether any app or unit (of `apps`, if given) is `active`. */
export const anyActive = (status: Status, ...apps: string[]): boolean => anyStatusIs('active', status, apps);
/** Whether any app or unit (of `apps`, if given) is `blocked`. */
export const anyBlocked = (status: Status, ...apps: string[]): boolean =>
  anyStatusIs('blocked', status, apps);
/** Whether any app or unit (of `apps`, if given) is `error`. */
export const anyError = (status: Status, ...apps: string[]): boolean => anyStatusIs('error', status, apps);
/** Whether any app or unit (of `apps`, if given) is `maintenance`. */
export const anyMaintenance = (status: Status, ...apps: string[]): boolean =>
  anyStatusIs('maintenance', status, apps);
/** Whether any app or unit (of `apps`, if given) is `waiting`. */
export const anyWaiting = (status: Status, ...apps: string[]): boolean =>
  anyStatusIs('waiting', status, apps);

/**
 * Whether every unit agent (of `apps`, if given) is `idle`: the Juju agent status, not the workload's
 * (jubilant's `all_agents_idle`). False when a listed app is missing.
 */
export function allAgentsIdle(status: Status, ...apps: string[]): boolean {
  for (const app of apps.length ? apps : Object.keys(status.apps)) {
    if (!status.apps[app]) return false;
    for (const unit of Object.values(getUnits(status, app)))
      if (unit.jujuStatus.current !== 'idle') return false;
  }
  return true;
}
