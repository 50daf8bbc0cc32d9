export { serviceArgv, shlexSplit } from '../command-split.js';
export {
  DEFAULT_BACKOFF_DELAY_MS,
  DEFAULT_BACKOFF_FACTOR,
  DEFAULT_BACKOFF_LIMIT_MS,
  nextBackoffMs,
} from './backoff.js';
export { type CheckProbeOptions, realCheckProbe } from './check-probes.js';
export {
  type CheckProbe,
  CheckRunner,
  DEFAULT_CHECK_PERIOD_MS,
  DEFAULT_CHECK_TIMEOUT_MS,
} from './check-runner.js';
export { containerPath, mapArgs, minimalEnvironment } from './container-paths.js';
export type { ExecHandler, ExecLookup, ExecRequest, ExecResult } from './exec-types.js';
/** Pebble's error envelope, for request interceptors that answer in Pebble's place. */
export { sendError } from './http-io.js';
export type { NoticeInput } from './notice-store.js';
export type { PebbleServerOptions, RequestInterceptor } from './pebble-server.js';
export { PebbleServer } from './pebble-server.js';
export { hostExecLookup, type ProcessExecOptions, processExecHandler } from './process-exec.js';
export { type ProcessRunnerOptions, ProcessServiceRunner } from './process-runner.js';
export type { SentSignal, Supervision } from './server-state.js';
export {
  type ServiceExit,
  type ServiceProcess,
  type ServiceRunner,
  STATE_ONLY_RUNNER,
} from './service-runner.js';
export type { PebbleSnapshot, ServiceSnapshot } from './snapshot.js';
export { REAL_TIMERS, type TimerHandle, type Timers } from './timers.js';
