/**
 * Running one hook's process: `dispatch` in a process group of its own, so the hook and everything it
 * started can be ended together. The run ends when the hook process has exited and its output pipes
 * are closed; leftovers that still hold the pipes after a short grace are killed with their group (else
 * `sleep infinity &` in a hook would hold the model, and its lock, forever). A timeout, or this process
 * being interrupted, kills the whole group.
 */
import { spawn } from 'node:child_process';

/** Limits of one hook run. */
export interface HookProcessLimits {
  /** Wall time before the group is killed (Juju's uniter: none; the simulator: 120 s). */
  timeoutMs: number;
  /** How long output may stay open after the hook process exited. */
  stdioGraceMs: number;
  /** Bytes kept of stdout and of stderr each (the end is kept: a failure's reason is last). */
  maxOutputBytes: number;
}

/** Default limits. */
export const DEFAULT_HOOK_LIMITS: HookProcessLimits = {
  timeoutMs: 120_000,
  stdioGraceMs: 2_000,
  maxOutputBytes: 1024 * 1024,
};

/** How the hook ended. */
export interface HookProcessResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** True when the timeout killed it. */
  timedOut: boolean;
}

/** Process groups of hooks running now, killed if this process is interrupted or exits. */
const running = new Set<number>();
let handlersInstalled = false;

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const pgid of running) killGroup(pgid);
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      for (const pgid of running) killGroup(pgid);
      // Hooks run in their own groups, out of reach of the terminal's Ctrl-C: end them, then die as asked.
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Keeps the last `max` bytes written to it. */
class OutputTail {
  #chunks: Buffer[] = [];
  #size = 0;
  #dropped = 0;
  constructor(private readonly max: number) {}

  push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#size += chunk.length;
    while (this.#size > this.max && this.#chunks.length > 0) {
      const first = this.#chunks[0] as Buffer;
      const excess = this.#size - this.max;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#size -= first.length;
        this.#dropped += first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#size -= excess;
        this.#dropped += excess;
      }
    }
  }

  text(): string {
    const body = Buffer.concat(this.#chunks).toString('utf8');
    return this.#dropped > 0 ? `[ops-ts sim: ${this.#dropped} earlier bytes dropped]\n${body}` : body;
  }
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Runs `command` to its end as described in the module comment. */
export function runHookProcess(
  command: string,
  cwd: string,
  env: Record<string, string>,
  limits: HookProcessLimits = DEFAULT_HOOK_LIMITS,
  args: readonly string[] = [],
): Promise<HookProcessResult> {
  installHandlers();
  return new Promise((resolve) => {
    const child = spawn(command, [...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const pgid = child.pid;
    if (pgid !== undefined) running.add(pgid);
    const stdout = new OutputTail(limits.maxOutputBytes);
    const stderr = new OutputTail(limits.maxOutputBytes);
    child.stdout.on('data', (d: Buffer) => stdout.push(d));
    child.stderr.on('data', (d: Buffer) => stderr.push(d));
    let exitCode: number | undefined;
    let timedOut = false;
    let spawnError: Error | undefined;
    let open = 2;
    let grace: NodeJS.Timeout | undefined;
    let settled = false;
    const finish = (killLeftovers: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(grace);
      if (pgid !== undefined) {
        // Leftovers holding the hook's output are part of the hook; a daemon that let go of it is not.
        if (killLeftovers) killGroup(pgid);
        running.delete(pgid);
      }
      child.stdout.destroy();
      child.stderr.destroy();
      let err = stderr.text();
      if (spawnError) err += `${spawnError.message}\n`;
      if (timedOut) err += `hook timed out after ${seconds(limits.timeoutMs)}\n`;
      resolve({ exitCode: exitCode ?? 126, stdout: stdout.text(), stderr: err, timedOut });
    };
    const closed = () => {
      open -= 1;
      if (open === 0 && exitCode !== undefined) finish(false);
    };
    child.stdout.on('close', closed);
    child.stderr.on('close', closed);
    const timer = setTimeout(() => {
      timedOut = true;
      if (pgid !== undefined) killGroup(pgid);
    }, limits.timeoutMs);
    child.on('error', (error) => {
      spawnError = error;
      exitCode = 126;
      finish(true);
    });
    child.on('exit', (code, signal) => {
      exitCode = timedOut ? 137 : (code ?? (signal ? 128 + signalNumber(signal) : 1));
      if (open === 0) finish(false);
      else grace = setTimeout(() => finish(true), timedOut ? 0 : limits.stdioGraceMs);
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  const numbers: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };
  return numbers[signal] ?? 9;
}
