import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parseDuration } from '../duration.js';
import type { Service } from '../layer-types.js';
import type { ExecLookup, ExecRequest } from './exec-types.js';
import { secondsToNs } from './go-duration.js';
import { badRequest, HttpError } from './http-io.js';

/** A validated `POST /v1/exec` body. */
export interface ExecSpec {
  request: Omit<ExecRequest, 'readStdin' | 'onStdin' | 'write' | 'onSignal' | 'signal'>;
  splitStderr: boolean;
  /** Nanoseconds, or null for no timeout. */
  timeoutNs: bigint | null;
  /** The working directory the command gets (reported in the result, as Pebble does). */
  workingDir: string;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

// cmdstate/request.go getWorkingDir, checked against the container's filesystem (the files root).
function workingDir(filesRoot: string, requested: string | undefined, home: string | undefined): string {
  const dir = requested ?? home;
  if (dir === undefined) return '/';
  const what = requested === undefined ? 'home directory' : 'working directory';
  let isDir: boolean;
  try {
    isDir = statSync(join(filesRoot, posix.normalize(`/${dir}`))).isDirectory();
  } catch {
    throw new HttpError(500, `cannot call exec: ${what} ${JSON.stringify(dir)} does not exist`);
  }
  if (!isDir) throw new HttpError(500, `cannot call exec: ${what} ${JSON.stringify(dir)} not a directory`);
  return dir;
}

/**
 * Validate an exec request in the order internals/daemon/api_exec.go v1PostExec does: command, timeout,
 * executable (exec.LookPath), the service context (plan.MergeServiceContext), then the working
 * directory (cmdstate.Exec). Every refusal comes before any change exists.
 */
export function validateExec(
  body: Record<string, unknown>,
  filesRoot: string,
  lookup: ExecLookup,
  services: Readonly<Record<string, Service>> = {},
): ExecSpec {
  const command = body.command;
  if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
    throw badRequest('must specify command');
  }
  let timeoutNs: bigint | null = null;
  if (str(body.timeout)) {
    try {
      timeoutNs = secondsToNs(parseDuration(body.timeout as string));
    } catch {
      throw badRequest(`invalid timeout: time: invalid duration ${JSON.stringify(body.timeout)}`);
    }
    if (timeoutNs === 0n) timeoutNs = null;
  }
  const environment: Record<string, string> = {};
  if (body.environment && typeof body.environment === 'object') {
    for (const [k, v] of Object.entries(body.environment)) environment[k] = String(v);
  }
  const executable = command[0] as string;
  if (!lookup(executable, environment))
    throw badRequest(`cannot find executable ${JSON.stringify(executable)}`);
  let requestedDir = str(body['working-dir']);
  // plan.go MergeServiceContext: the context service's environment and working dir under the request's.
  const context = str(body['service-context']);
  if (context !== undefined) {
    const service = services[context];
    if (!service) throw badRequest(`context service ${JSON.stringify(context)} not found`);
    const own = { ...environment };
    for (const key of Object.keys(environment)) delete environment[key];
    Object.assign(environment, service.environment ?? {}, own);
    requestedDir ??= str(service['working-dir']);
  }
  const dir = workingDir(filesRoot, requestedDir, str(environment.HOME));
  const request: ExecSpec['request'] = { command: command as string[], environment };
  const optional = {
    workingDir: requestedDir,
    user: str(body.user),
    userId: int(body['user-id']),
    group: str(body.group),
    groupId: int(body['group-id']),
    serviceContext: str(body['service-context']),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) Object.assign(request, { [k]: v });
  return { request, splitStderr: body['split-stderr'] === true, timeoutNs, workingDir: dir };
}
