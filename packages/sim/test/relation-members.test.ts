// relation-list in the simulator follows Juju's uniter (worker/uniter/runner/context/contextfactory.go):
// a remote unit is listed from its relation-joined hook on, not from relation-created.
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Simulator } from '../src/index.js';
import { openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

// Logs what relation-list answered in every relation hook.
const DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
case "$hook" in
  *-relation-*) juju-log "$hook \${JUJU_REMOTE_UNIT:-} [$(relation-list | tr '\\n' ' ')]" ;;
esac
exit 0
`;

let dbCharm: string;
let appCharm: string;
beforeAll(() => {
  dbCharm = packShellCharm({ name: 'db', provides: { db: { interface: 'sql' } }, dispatch: DISPATCH });
  appCharm = packShellCharm({ name: 'app', requires: { db: { interface: 'sql' } }, dispatch: DISPATCH });
});

let sim: Simulator;
afterEach(async () => sim?.close());

it('adds remote units to relation-list one by one as their joined hooks run', async () => {
  sim = openSim({ concurrency: 1 });
  sim.deploy(dbCharm, { numUnits: 2 });
  sim.deploy(appCharm);
  await sim.settle();
  sim.integrate('db', 'app');
  await sim.settle();
  const seen = sim.state.logs
    .filter((l) => l.unit === 'app/0' && l.message.includes('-relation-') && !l.message.startsWith('juju.'))
    .map((l) => l.message.replace(/^db:\d+: /, ''));
  expect(seen).toEqual([
    'db-relation-created  []',
    'db-relation-joined db/0 [db/0 ]',
    'db-relation-changed db/0 [db/0 ]',
    'db-relation-joined db/1 [db/0 db/1 ]',
    'db-relation-changed db/1 [db/0 db/1 ]',
  ]);
});
