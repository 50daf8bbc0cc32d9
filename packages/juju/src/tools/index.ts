/** The registry of hook tools by name (Juju 3.6 set, minus podspec/metrics/payload legacy). */
import type { Tool } from '../tool.js';
import { actionFail } from './action-fail.js';
import { actionGet } from './action-get.js';
import { actionLog } from './action-log.js';
import { actionSet } from './action-set.js';
import { applicationVersionSet } from './application-version-set.js';
import { closePort } from './close-port.js';
import { configGet } from './config-get.js';
import { credentialGet } from './credential-get.js';
import { goalState } from './goal-state.js';
import { isLeader } from './is-leader.js';
import { jujuLog } from './juju-log.js';
import { jujuReboot } from './juju-reboot.js';
import { leaderGet } from './leader-get.js';
import { leaderSet } from './leader-set.js';
import { networkGet } from './network-get.js';
import { openPort } from './open-port.js';
import { openedPorts } from './opened-ports.js';
import { relationGet } from './relation-get.js';
import { relationIds } from './relation-ids.js';
import { relationList } from './relation-list.js';
import { relationModelGet } from './relation-model-get.js';
import { relationSet } from './relation-set.js';
import { resourceGet } from './resource-get.js';
import { secretAdd } from './secret-add.js';
import { secretGet } from './secret-get.js';
import { secretGrant } from './secret-grant.js';
import { secretIds } from './secret-ids.js';
import { secretInfoGet } from './secret-info-get.js';
import { secretRemove } from './secret-remove.js';
import { secretRevoke } from './secret-revoke.js';
import { secretSet } from './secret-set.js';
import { stateDelete } from './state-delete.js';
import { stateGet } from './state-get.js';
import { stateSet } from './state-set.js';
import { statusGet } from './status-get.js';
import { statusSet } from './status-set.js';
import { storageAdd } from './storage-add.js';
import { storageGet } from './storage-get.js';
import { storageList } from './storage-list.js';
import { unitGet } from './unit-get.js';

const ALL: readonly Tool[] = [
  actionFail,
  actionGet,
  actionLog,
  actionSet,
  applicationVersionSet,
  closePort,
  configGet,
  credentialGet,
  goalState,
  isLeader,
  jujuLog,
  jujuReboot,
  leaderGet,
  leaderSet,
  networkGet,
  openPort,
  openedPorts,
  relationGet,
  relationIds,
  relationList,
  relationModelGet,
  relationSet,
  resourceGet,
  secretAdd,
  secretGet,
  secretGrant,
  secretIds,
  secretInfoGet,
  secretRemove,
  secretRevoke,
  secretSet,
  stateDelete,
  stateGet,
  stateSet,
  statusGet,
  statusSet,
  storageAdd,
  storageGet,
  storageList,
  unitGet,
];

/** Tools by name (frozen: no module-level mutable state). */
export const TOOLS: Readonly<Record<string, Tool>> = Object.freeze(
  Object.fromEntries(ALL.map((t) => [t.name, t])),
);

/** Names of every supported hook tool (e.g. to create symlinks in a tools directory). */
export const TOOL_NAMES: readonly string[] = Object.freeze(ALL.map((t) => t.name).sort());
