/** Workload containers: Pebble layers, services, files, exec results, notices and checks. */
import type { CheckStatus, Layer, ServiceStatus } from '@ops-ts/pebble';
import { deepFreeze } from './freeze.js';

/** What an exec of a matching command produces. */
export interface ExecResult {
  /** Exit code (default 0). */
  readonly exitCode?: number;
  /** Standard output (default ''). */
  readonly stdout?: string;
  /** Standard error (default ''). */
  readonly stderr?: string;
}

/** What an exec handler is told. */
export interface ExecCall {
  /** Full argv. */
  readonly command: readonly string[];
  /** Environment passed to exec. */
  readonly environment: Readonly<Record<string, string>>;
  /** Working directory, if any. */
  readonly workingDir?: string;
  /** Everything written to stdin. */
  readonly stdin: string;
}

/** A mocked command: the longest matching argv prefix wins (`[]` matches everything). */
export interface Exec extends ExecResult {
  /** Argv prefix, e.g. `['ls', '-l']`. */
  readonly command: readonly string[];
  /** Computes the result from the call instead of the fixed fields. */
  readonly handler?: (call: ExecCall) => ExecResult;
}

/** A Pebble notice to record before the run. */
export interface PebbleNotice {
  /** Notice key, e.g. `example.com/reload`. */
  readonly key: string;
  /** Notice type (default `custom`). */
  readonly type?: string;
  /** Last data. */
  readonly data?: Readonly<Record<string, string>>;
}

/** A check's state (the check itself comes from the layers). */
export interface CheckState {
  /** Check name in the plan. */
  readonly name: string;
  /** `up`, `down` or `inactive` (default `up`). */
  readonly status: CheckStatus;
  /** Failure count (default: the threshold when down). */
  readonly failures?: number;
}

/** A workload container. */
export interface Container {
  /** Container name from the metadata. */
  readonly name: string;
  /** Whether Pebble answers (default false, as in Scenario). */
  readonly canConnect: boolean;
  /** Layers by label, bottom first. */
  readonly layers: Readonly<Record<string, Layer>>;
  /** Current status of services (services of the plan not listed are inactive). */
  readonly serviceStatuses: Readonly<Record<string, ServiceStatus>>;
  /** Files in the container: absolute path → text content. */
  readonly files: Readonly<Record<string, string>>;
  /** Mocked commands. */
  readonly execs: readonly Exec[];
  /** Notices recorded before the run. */
  readonly notices: readonly PebbleNotice[];
  /** Check states. */
  readonly checks: readonly CheckState[];
}

/** A container (defaults: cannot connect, empty plan and filesystem). */
export function container(init: Partial<Container> & { readonly name: string }): Container {
  return deepFreeze({
    ...init,
    canConnect: init.canConnect ?? false,
    layers: structuredClone({ ...init.layers }),
    serviceStatuses: { ...init.serviceStatuses },
    files: { ...init.files },
    execs: [...(init.execs ?? [])],
    notices: [...(init.notices ?? [])],
    checks: [...(init.checks ?? [])],
  });
}

/** The mocked command matching `argv` (longest prefix first), if any. */
export function matchExec(execs: readonly Exec[], argv: readonly string[]): Exec | undefined {
  let best: Exec | undefined;
  for (const e of execs) {
    const matches = e.command.length <= argv.length && e.command.every((part, i) => argv[i] === part);
    if (matches && (!best || e.command.length > best.command.length)) best = e;
  }
  return best;
}
