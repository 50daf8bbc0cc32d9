/**
 * An exec handler that runs the command for real as a host process: stdin streamed from the client,
 * stdout/stderr streamed back, the exit code returned; a timeout or abort kills its process group.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { containerPath, mapArgs, minimalEnvironment } from './container-paths.js';
import type { ExecHandler, ExecLookup, ExecRequest, ExecResult } from './exec-types.js';

/** Options of {@link processExecHandler}. */
export interface ProcessExecOptions {
  /** Host directory that stands for the container's `/`: working dirs are resolved under it. */
  filesRoot: string;
  /** Variables every command gets under the request's own (default: PATH, HOME and LANG of this process). */
  baseEnvironment?: Readonly<Record<string, string>>;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Pebble's exec.LookPath on this host: a name with a slash must be an executable file (under the
 * files root or, failing that, on the host), a bare name must be found on the request's PATH (else
 * the base one).
 */
export function hostExecLookup(
  filesRoot: string,
  baseEnvironment: Readonly<Record<string, string>> = minimalEnvironment(),
): ExecLookup {
  return (name, environment) => {
    if (name.includes('/')) return executable(mapArgs(filesRoot, [name])[0] ?? name);
    const path = environment.PATH ?? baseEnvironment.PATH ?? '';
    return path.split(delimiter).some((dir) => dir !== '' && executable(join(dir, name)));
  };
}

/** Kills the command's whole group: what it started dies with it, as a container's processes would. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/**
 * Runs exec commands as host processes. `user`/`group` are ignored: switching user needs privileges the
 * simulator does not have, so commands run as the server's own user.
 */
export function processExecHandler(opts: ProcessExecOptions): ExecHandler {
  const base = opts.baseEnvironment ?? minimalEnvironment();
  return (req: ExecRequest): Promise<ExecResult> =>
    new Promise((resolve) => {
      // Absolute paths the charm pushed into the container are found under the files root.
      const [command = '', ...args] = mapArgs(opts.filesRoot, req.command);
      const cwd = containerPath(opts.filesRoot, req.workingDir ?? '/');
      const child = spawn(command, args, {
        cwd,
        env: { ...base, ...req.environment },
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (chunk: Buffer) => req.write('stdout', chunk));
      child.stderr.on('data', (chunk: Buffer) => req.write('stderr', chunk));
      child.stdin.on('error', () => {});
      req.onStdin((chunk) => {
        if (chunk === null) child.stdin.end();
        else child.stdin.write(chunk);
      });
      req.onSignal((name) => {
        const signal = (name.startsWith('SIG') ? name : `SIG${name}`) as NodeJS.Signals;
        try {
          if (child.pid !== undefined) process.kill(child.pid, signal);
        } catch {
          // Unknown signal or already gone: Pebble ignores it too.
        }
      });
      const onAbort = (): void => killGroup(child.pid);
      req.signal.addEventListener('abort', onAbort, { once: true });
      child.once('error', (error) => {
        req.signal.removeEventListener('abort', onAbort);
        resolve({ exitCode: 127, stderr: `${error.message}\n` });
      });
      // 'close' waits for the output pipes to drain, so no output is lost after the exit code.
      child.once('close', (code, signal) => {
        req.signal.removeEventListener('abort', onAbort);
        resolve({ exitCode: code ?? (signal ? -1 : 1) });
      });
    });
}
