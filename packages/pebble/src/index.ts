export type {
  Change,
  ChangeStatus,
  CheckInfo,
  CheckStatus,
  FileInfo,
  FileType,
  Health,
  Notice,
  ServiceInfo,
  ServiceStatus,
  SystemInfo,
  Task,
  TaskProgress,
} from './api-types.js';
export type {
  ChangeSelect,
  ChangeWaitOptions,
  ClientOptions,
  NoticesFilter,
  NotifyOptions,
} from './client.js';
export { Client } from './client.js';
export { formatGoDuration, formatTimeout, parseDuration } from './duration.js';
export {
  APIError,
  ChangeError,
  ConnectionError,
  ExecError,
  LayerError,
  PathError,
  PebbleError,
  ProtocolError,
  TimeoutError,
} from './errors.js';
export type { ExecOptions } from './exec.js';
export { ExecProcess } from './exec-process.js';
export type {
  FileOwnerOptions,
  ListFilesOptions,
  MakeDirOptions,
  PushOptions,
  RemovePathOptions,
} from './files.js';
export type { LabelledLayer } from './layer-merge.js';
export {
  combineLayer,
  mergeCheck,
  mergeLayers,
  mergeLogTarget,
  mergeService,
  validatePlan,
} from './layer-merge.js';
export type {
  Check,
  CheckLevel,
  ExecCheck,
  HttpCheck,
  Layer,
  LogTarget,
  Override,
  Service,
  ServiceAction,
  Startup,
  TcpCheck,
} from './layer-types.js';
export { layerToYaml, normaliseLayer, parseLayerYaml } from './layer-yaml.js';
export { Plan } from './plan.js';
export { DEFAULT_PEBBLE_DIR, socketPathFor } from './socket-path.js';
