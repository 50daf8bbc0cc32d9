/** The registry of hook tools by name (Juju 3.6 set, minus podspec/metrics/payload legacy). */
import type { Tool } from '../tool.js';
import { actionFail, actionGet, actionLog, actionSet } from './action.js';
import { applicationVersionSet } from './application-version-set.js';
import { configGet } from './config-get.js';
import { credentialGet } from './credential-get.js';
import { goalState } from './goal-state.js';
import { isLeader } from './is-leader.js';
import { jujuLog } from './juju-log.js';
import { jujuReboot } from './juju-reboot.js';
import { leaderGet, leaderSet } from './leader-settings.js';
import { networkGet } from './network-get.js';
import { closePort, openedPorts, openPort } from './ports.js';
import { relationGet } from './relation-get.js';
import { relationIds } from './relation-ids.js';
import { relationList } from './relation-list.js';
import { relationModelGet } from './relation-model-get.js';
import { relationSet } from './relation-set.js';
import { resourceGet } from './resource-get.js';
import { secretGrant, secretRevoke } from './secret-access.js';
import { secretAdd } from './secret-add.js';
import { secretGet } from './secret-get.js';
import { secretIds } from './secret-ids.js';
import { secretInfoGet } from './secret-info-get.js';
import { secretRemove } from './secret-remove.js';
import { secretSet } from './secret-set.js';
import { stateDelete, stateGet, stateSet } from './state.js';
import { statusGet, statusSet } from './status.js';
import { storageAdd, storageGet, storageList } from './storage.js';
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
