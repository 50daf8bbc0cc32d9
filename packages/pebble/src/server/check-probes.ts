/**
 * The probes Pebble runs for checks (canonical/pebble internals/overlord/checkstate/checkers.go):
 * `http` (a GET that must answer 2xx), `tcp` (a connection that opens), `exec` (a command that exits
 * 0). Error texts follow Go's: `non-2xx status code 503; <body>`, `dial tcp 127.0.0.1:80: connect:
 * connection refused`, `exit status 1; <output>`. A host without a network namespace per container
 * can map container ports on localhost to host ports (`mapPort`).
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { shlexSplit } from '../command-split.js';
import type { Check, ExecCheck, Service } from '../layer-types.js';
import type { CheckProbe } from './check-runner.js';
import { containerPath, mapArgs } from './container-paths.js';

/** Options of {@link realCheckProbe}. */
export interface CheckProbeOptions {
  /** Host directory standing for the container's `/` (exec checks' working directories). */
  filesRoot: string;
  /** Environment exec checks start from (their own `environment` comes on top). */
  baseEnvironment: Readonly<Record<string, string>>;
  /** The host port that stands for a container port on localhost (undefined: the same port). */
  mapPort?: (port: number) => number | undefined;
  /** A service of the current plan, for exec checks with a `service-context`. */
  service?: (name: string) => Service | undefined;
}

/**
 * plan.go MergeServiceContext: the context service's environment and working dir, with the check's own
 * on top; a missing service fails the check (`context service "x" not found`).
 */
function withServiceContext(check: ExecCheck, opts: CheckProbeOptions): ExecCheck {
  const name = check['service-context'];
  if (!name) return check;
  const service = opts.service?.(name);
  if (!service) throw new Error(`context service ${JSON.stringify(name)} not found`);
  const workingDir = check['working-dir'] || service['working-dir'];
  return {
    ...check,
    environment: { ...service.environment, ...check.environment },
    ...(workingDir ? { 'working-dir': workingDir } : {}),
  };
}

/** checkers.go maxErrorLines: the details keep the first five lines. */
const MAX_ERROR_LINES = 5;
const MAX_ERROR_BYTES = 512;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1', '']);

function withDetails(message: string, details: string): Error {
  return new Error(details ? `${message}; ${details}` : message);
}

function firstLines(text: string): string {
  const lines = text.trim().split('\n');
  if (lines.length <= MAX_ERROR_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_ERROR_LINES), '(...)'].join('\n');
}

/** Go's dial error text for a refused or failed connection. */
function dialError(host: string, port: number, error: NodeJS.ErrnoException): string {
  const address = `${host}:${port}`;
  if (error.code === 'ECONNREFUSED') return `dial tcp ${address}: connect: connection refused`;
  return `dial tcp ${address}: ${error.message}`;
}

/** A localhost address mapped to its host port. */
function mapped(host: string, port: number, opts: CheckProbeOptions): { host: string; port: number } {
  if (!LOCAL_HOSTS.has(host)) return { host, port };
  const hostPort = opts.mapPort?.(port);
  return hostPort === undefined ? { host: host || 'localhost', port } : { host: '127.0.0.1', port: hostPort };
}

async function httpProbe(check: NonNullable<Check['http']>, opts: CheckProbeOptions, signal: AbortSignal) {
  const url = new URL(check.url ?? '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const target = mapped(url.hostname, port, opts);
  const original = check.url ?? '';
  if (target.port !== port || target.host !== url.hostname) {
    url.hostname = target.host;
    url.port = String(target.port);
  }
  let response: Response;
  try {
    response = await fetch(url, { headers: check.headers ?? {}, signal, redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    const reason = cause?.code ? dialError(target.host, target.port, cause) : (error as Error).message;
    throw new Error(`Get ${JSON.stringify(original)}: ${reason}`);
  }
  const body = await response.text().catch(() => '');
  if (response.status < 200 || response.status > 299) {
    throw withDetails(`non-2xx status code ${response.status}`, firstLines(body.slice(0, MAX_ERROR_BYTES)));
  }
}

function tcpProbe(check: NonNullable<Check['tcp']>, opts: CheckProbeOptions, signal: AbortSignal) {
  const target = mapped(check.host ?? '', check.port ?? 0, opts);
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host: target.host, port: target.port, signal });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(dialError(target.host, target.port, error))),
    );
  });
}

function execProbe(given: ExecCheck, opts: CheckProbeOptions, signal: AbortSignal) {
  return new Promise<void>((resolve, reject) => {
    let check: ExecCheck;
    try {
      check = withServiceContext(given, opts);
    } catch (error) {
      reject(error);
      return;
    }
    let argv: string[];
    try {
      argv = shlexSplit(check.command ?? '');
    } catch (error) {
      reject(new Error(`cannot parse command: ${(error as Error).message}`));
      return;
    }
    const cwd = containerPath(opts.filesRoot, check['working-dir'] ?? '/');
    const [command = '', ...args] = mapArgs(opts.filesRoot, argv);
    const child = spawn(command, args, {
      cwd,
      env: { ...opts.baseEnvironment, ...check.environment },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-MAX_ERROR_BYTES);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const onAbort = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      reject(
        new Error(
          error.code === 'ENOENT'
            ? `exec: ${JSON.stringify(command)}: executable file not found in $PATH`
            : error.message,
        ),
      );
    });
    child.once('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else {
        // servicelog.LastLines: the last lines of the output.
        const lines = output.trim().split('\n').slice(-MAX_ERROR_LINES).join('\n');
        reject(
          withDetails(
            code === null ? `signal: ${sig === 'SIGKILL' ? 'killed' : sig}` : `exit status ${code}`,
            lines,
          ),
        );
      }
    });
  });
}

/** The probe that runs a check's `http`, `tcp` or `exec` for real. */
export function realCheckProbe(opts: CheckProbeOptions): CheckProbe {
  return async (_name, check, signal) => {
    if (check.http) return httpProbe(check.http, opts, signal);
    if (check.tcp) return tcpProbe(check.tcp, opts, signal);
    if (check.exec) return execProbe(check.exec, opts, signal);
    throw new Error('check has no http, tcp or exec probe');
  };
}
