// The wait conditions with jubilant's semantics (canonical/jubilant tests/unit/test_all_any.py): all* is
// false for a missing listed app, any* ignores it; units (and subordinate units) count with their app.
import { describe, expect, it } from 'vitest';
import {
  allActive,
  allAgentsIdle,
  allBlocked,
  allError,
  allMaintenance,
  allWaiting,
  anyActive,
  anyBlocked,
  anyError,
  anyMaintenance,
  anyWaiting,
  parseStatus,
  type Status,
} from '../src/index.js';
import { fixture } from './support/recording-juju.js';

/** A status of apps `{ name: [appStatus, ...unitStatuses] }`, unit agents `agent` (default idle). */
function mk(apps: Record<string, string[]>, agent = 'idle'): Status {
  const applications = Object.fromEntries(
    Object.entries(apps).map(([name, [app, ...units]]) => [
      name,
      {
        charm: name,
        'charm-origin': 'local',
        'charm-name': name,
        'charm-rev': 0,
        exposed: false,
        'application-status': { current: app },
        units: Object.fromEntries(
          units.map((u, i) => [
            `${name}/${i}`,
            { 'workload-status': { current: u }, 'juju-status': { current: agent } },
          ]),
        ),
      },
    ]),
  );
  return parseStatus({ model: { name: 'm', type: 'caas' }, machines: {}, applications });
}

const both = mk({ a: ['active', 'active', 'active'], b: ['active', 'active'] });
const mixed = mk({ a: ['active', 'active', 'blocked'], b: ['waiting', 'waiting'] });

describe('all and any', () => {
  it.each([
    { name: 'allActive, all apps', f: allActive, s: both, apps: [], expected: true },
    { name: 'allActive, one listed app', f: allActive, s: both, apps: ['a'], expected: true },
    { name: 'allActive, a missing listed app', f: allActive, s: both, apps: ['a', 'zzz'], expected: false },
    { name: 'allActive, one unit blocked', f: allActive, s: mixed, apps: ['a'], expected: false },
    { name: 'allWaiting, b', f: allWaiting, s: mixed, apps: ['b'], expected: true },
    { name: 'allWaiting, all', f: allWaiting, s: mixed, apps: [], expected: false },
    {
      name: 'allBlocked, app active but unit blocked',
      f: allBlocked,
      s: mixed,
      apps: ['a'],
      expected: false,
    },
    { name: 'allError, none', f: allError, s: both, apps: [], expected: false },
    { name: 'allMaintenance, none', f: allMaintenance, s: both, apps: [], expected: false },
    { name: 'allActive, empty model', f: allActive, s: mk({}), apps: [], expected: true },
    { name: 'anyBlocked, a unit', f: anyBlocked, s: mixed, apps: [], expected: true },
    { name: 'anyBlocked, only b', f: anyBlocked, s: mixed, apps: ['b'], expected: false },
    {
      name: 'anyBlocked, a missing listed app is ignored',
      f: anyBlocked,
      s: mixed,
      apps: ['zzz', 'a'],
      expected: true,
    },
    { name: 'anyError, none', f: anyError, s: mixed, apps: [], expected: false },
    { name: 'anyError, an app in error', f: anyError, s: mk({ a: ['error'] }), apps: [], expected: true },
    { name: 'anyWaiting, app b', f: anyWaiting, s: mixed, apps: [], expected: true },
    { name: 'anyActive, only missing apps', f: anyActive, s: both, apps: ['zzz'], expected: false },
    {
      name: 'anyMaintenance, a unit',
      f: anyMaintenance,
      s: mk({ a: ['active', 'maintenance'] }),
      apps: [],
      expected: true,
    },
  ])('$name → $expected', ({ f, s, apps, expected }) => {
    expect(f(s, ...apps)).toBe(expected);
  });

  it('counts subordinate units with their application', () => {
    // nrpe's units are blocked under ubuntu/1 and ubun2/0; ubuntu and ubun2 themselves are active.
    const s = parseStatus(JSON.parse(fixture('status-machines-subordinates.json')));
    expect(allBlocked(s, 'nrpe')).toBe(true);
    expect(allActive(s, 'ubuntu', 'ubun2')).toBe(true);
    expect(anyBlocked(s, 'ubuntu')).toBe(false);
    expect(allActive(s)).toBe(false);
  });

  it('allAgentsIdle looks at the unit agents, not the workload', () => {
    expect(allAgentsIdle(mixed)).toBe(true);
    expect(allAgentsIdle(mk({ a: ['active', 'active'] }, 'executing'))).toBe(false);
    expect(allAgentsIdle(mixed, 'zzz')).toBe(false);
  });
});
