export type { ExecHandler, ExecLookup, ExecRequest, ExecResult } from './exec-types.js';
export type { NoticeInput } from './notice-store.js';
export type { PebbleServerOptions } from './pebble-server.js';
export { PebbleServer } from './pebble-server.js';
export type { SentSignal } from './server-state.js';
export {
  type ServiceExit,
  type ServiceProcess,
  type ServiceRunner,
  STATE_ONLY_RUNNER,
} from './service-runner.js';
export type { PebbleSnapshot, ServiceSnapshot } from './snapshot.js';
