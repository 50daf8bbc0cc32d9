// Pebble's errors and types, as ops offers them under `ops.pebble`. The errors come from their own entry
// point: importing them must not initialise the client (ws, yaml), which Container loads on first use.

export type {
  Check,
  CheckInfo,
  Client as PebbleClient,
  ExecOptions,
  ExecProcess,
  FileInfo,
  Layer,
  ListFilesOptions,
  LogTarget,
  MakeDirOptions,
  Notice as PebbleNotice,
  NoticesFilter,
  Plan,
  PushOptions,
  RemovePathOptions,
  Service,
  ServiceInfo,
} from '@ops-ts/pebble';
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
} from '@ops-ts/pebble/errors';
