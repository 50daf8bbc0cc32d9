/**
 * A {@link ServiceRunner} that runs services as host processes, as Pebble's service manager does
 * (canonical/pebble internals/overlord/servstate/handlers.go startInternal): the command split as
 * plan.go ParseCommand splits it, each service in its own process group (Setpgid), the plan's
 * environment over a base one, the working directory under the files root, output kept as Pebble's
 * service log lines (`2024-05-01T10:00:00.000Z [web] text`). `user`/`group` are not switched to: that
 * needs privileges the host process does not have, so services run as its own user (noted in the log).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { serviceArgv } from '../command-split.js';
import type { Service } from '../layer-types.js';
import { containerPath, mapArgs, minimalEnvironment } from './container-paths.js';
import { appendCapped } from './service-log-file.js';
import type { ServiceExit, ServiceProcess, ServiceRunner } from './service-runner.js';

/** Options of {@link ProcessServiceRunner}. */
export interface ProcessRunnerOptions {
  /** Host directory standing for the container's `/`. */
  filesRoot: string;
  /** File each service's output is appended to. */
  logPath: (service: string) => string;
  /** Size in bytes past which a service's log file is rotated to `<file>.1` (default 1 MiB). */
  logCapBytes?: number;
  /** Variables every service gets under its plan's `environment` (default PATH, HOME, LANG). */
  baseEnvironment?: Readonly<Record<string, string>>;
  /** Called with each process started (pid = its process group), e.g. to record it for cleanup. */
  onSpawn?: (service: string, pid: number) => void;
}

/** handlers.go failDelay: how long SIGKILL may take before the stop gives up. */
const FAIL_DELAY_MS = 5000;

/** Longest unterminated output kept before it is written as a line of its own. */
const MAX_PENDING_CHARS = 64 * 1024;

/** Lines of a stream, each stamped and prefixed as servicelog's FormatWriter does. */
function lineWriter(path: string, service: string, cap?: number): (chunk: Buffer | null) => void {
  let pending = '';
  const write = (text: string): void => appendCapped(path, text, cap);
  return (chunk) => {
    if (chunk === null) {
      if (pending) write(`${new Date().toISOString()} [${service}] ${pending}\n`);
      pending = '';
      return;
    }
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    // Output that never ends a line must not grow in memory.
    while (pending.length > MAX_PENDING_CHARS) {
      lines.push(pending.slice(0, MAX_PENDING_CHARS));
      pending = pending.slice(MAX_PENDING_CHARS);
    }
    const stamp = new Date().toISOString();
    if (lines.length > 0) write(lines.map((l) => `${stamp} [${service}] ${l}\n`).join(''));
  };
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** One service process, followed through its `exit` event. */
class HostProcess implements ServiceProcess {
  private ended: ServiceExit | undefined;
  private readonly listeners: ((exit: ServiceExit) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    child.once('exit', (exitCode, signal) => {
      this.ended = { exitCode, signal };
      for (const listener of this.listeners.splice(0)) listener(this.ended);
    });
  }

  exit(): ServiceExit | undefined {
    return this.ended;
  }

  waitExit(timeoutMs: number): Promise<ServiceExit | undefined> {
    if (this.ended) return Promise.resolve(this.ended);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), timeoutMs);
      this.onExit((exit) => {
        clearTimeout(timer);
        resolve(exit);
      });
    });
  }

  onExit(listener: (exit: ServiceExit) => void): void {
    if (this.ended) listener(this.ended);
    else this.listeners.push(listener);
  }

  signal(name: string): void {
    try {
      if (this.child.pid !== undefined) process.kill(this.child.pid, name as NodeJS.Signals);
    } catch {
      // Gone, or a name the host does not know.
    }
  }

  /** handlers.go stop/terminateTimeElapsed: SIGTERM to the group, SIGKILL after the kill delay. */
  async stop(killDelayMs: number): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.ended) return;
    signalGroup(pid, 'SIGTERM');
    if (await this.waitExit(killDelayMs)) return;
    signalGroup(pid, 'SIGKILL');
    if (!(await this.waitExit(FAIL_DELAY_MS)))
      throw new Error('process still running after SIGTERM and SIGKILL');
  }
}

/** Go's exec error texts for a command that cannot be started. */
function startError(command: string, error: NodeJS.ErrnoException): Error {
  if (error.code === 'ENOENT' && !command.includes('/'))
    return new Error(`exec: ${JSON.stringify(command)}: executable file not found in $PATH`);
  if (error.code === 'ENOENT') return new Error(`fork/exec ${command}: no such file or directory`);
  if (error.code === 'EACCES') return new Error(`fork/exec ${command}: permission denied`);
  return new Error(error.message);
}

/** Runs every service of a plan as a host process. */
export class ProcessServiceRunner implements ServiceRunner {
  private readonly procs = new Map<string, HostProcess>();

  constructor(private readonly opts: ProcessRunnerOptions) {}

  find(name: string): ServiceProcess | undefined {
    return this.procs.get(name);
  }

  async start(name: string, service: Service): Promise<ServiceProcess> {
    const argv = mapArgs(this.opts.filesRoot, serviceArgv(name, service.command ?? ''));
    if (argv.length === 0) throw new Error(`service ${JSON.stringify(name)} has an empty command`);
    const cwd = containerPath(this.opts.filesRoot, service['working-dir'] ?? '/');
    try {
      if (!statSync(cwd).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new Error(`chdir ${service['working-dir'] ?? '/'}: no such file or directory`);
    }
    const log = this.opts.logPath(name);
    mkdirSync(dirname(log), { recursive: true, mode: 0o700 });
    const write = lineWriter(log, 'pebble', this.opts.logCapBytes);
    const who = service.user ?? service['user-id'] ?? service.group ?? service['group-id'];
    if (who !== undefined)
      write(
        Buffer.from(
          `service ${JSON.stringify(name)}: user/group ${JSON.stringify(who)} ignored (runs as the simulator's user)\n`,
        ),
      );
    write(Buffer.from(`Service ${JSON.stringify(name)} starting: ${service.command ?? ''}\n`));
    const [command = '', ...args] = argv;
    const child = spawn(command, args, {
      cwd,
      env: { ...(this.opts.baseEnvironment ?? minimalEnvironment()), ...service.environment },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error: NodeJS.ErrnoException) => reject(startError(command, error)));
    }).catch((error: Error) => {
      write(Buffer.from(`${error.message}\n`));
      throw error;
    });
    const out = lineWriter(log, name, this.opts.logCapBytes);
    const err = lineWriter(log, name, this.opts.logCapBytes);
    child.stdout?.on('data', out);
    child.stderr?.on('data', err);
    child.stdout?.on('end', () => out(null));
    child.stderr?.on('end', () => err(null));
    const proc = new HostProcess(child);
    proc.onExit((exit) =>
      write(
        Buffer.from(`Service ${JSON.stringify(name)} exited (${exit.signal ?? `code ${exit.exitCode}`})\n`),
      ),
    );
    this.procs.set(name, proc);
    if (child.pid !== undefined) this.opts.onSpawn?.(name, child.pid);
    return proc;
  }
}
