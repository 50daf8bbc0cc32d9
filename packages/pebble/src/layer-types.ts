/** How a layer entry combines with the same-named entry of lower layers. */
export type Override = 'merge' | 'replace';

/** Whether a service or check starts automatically (`''` means unset). */
export type Startup = 'enabled' | 'disabled' | '';

/** What Pebble does when a service exits or a check fails. */
export type ServiceAction = 'restart' | 'shutdown' | 'ignore' | 'success-shutdown' | 'failure-shutdown';

/** A service definition, with Pebble's YAML field names. */
export interface Service {
  summary?: string;
  description?: string;
  startup?: Startup;
  override?: Override;
  command?: string;
  after?: string[];
  before?: string[];
  requires?: string[];
  environment?: Record<string, string>;
  user?: string;
  'user-id'?: number;
  group?: string;
  'group-id'?: number;
  'working-dir'?: string;
  'on-success'?: ServiceAction;
  'on-failure'?: ServiceAction;
  'on-check-failure'?: Record<string, ServiceAction>;
  'backoff-delay'?: string;
  'backoff-factor'?: number;
  'backoff-limit'?: string;
  'kill-delay'?: string;
}

/** The `http` probe of a check. */
export interface HttpCheck {
  url?: string;
  headers?: Record<string, string>;
}

/** The `tcp` probe of a check. */
export interface TcpCheck {
  port?: number;
  host?: string;
}

/** The `exec` probe of a check. */
export interface ExecCheck {
  command?: string;
  'service-context'?: string;
  environment?: Record<string, string>;
  user?: string;
  'user-id'?: number;
  group?: string;
  'group-id'?: number;
  'working-dir'?: string;
}

/** Check level (`''` means unset). */
export type CheckLevel = 'alive' | 'ready' | '';

/** A health check definition, with Pebble's YAML field names. */
export interface Check {
  override?: Override;
  level?: CheckLevel;
  startup?: Startup;
  period?: string;
  timeout?: string;
  threshold?: number;
  http?: HttpCheck;
  tcp?: TcpCheck;
  exec?: ExecCheck;
}

/** A log forwarding target, with Pebble's YAML field names. */
export interface LogTarget {
  override?: Override;
  type?: 'loki' | 'opentelemetry';
  location?: string;
  services?: string[];
  labels?: Record<string, string>;
}

/** One configuration layer, as sent to `addLayer` or stored by Pebble. */
export interface Layer {
  summary?: string;
  description?: string;
  services?: Record<string, Service>;
  checks?: Record<string, Check>;
  'log-targets'?: Record<string, LogTarget>;
}
