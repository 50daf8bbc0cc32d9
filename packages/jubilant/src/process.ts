// Runs one juju process asynchronously (execFile: no shell, no spawnSync, so an in-process server in the
// same test can still answer), collecting stdout and stderr whatever the exit code.
import { execFile } from 'node:child_process';

/** What a finished process printed and its exit code. */
export interface ProcessResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options for one process. */
export interface ProcessOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Written to the process's stdin, which is then closed (it is closed at once when absent). */
  readonly stdin?: string;
}

/** Runs `command args`; a missing program fails in one line naming it. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { env: options.env, cwd: options.cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve({ exitCode: 0, stdout, stderr });
        const code = (error as NodeJS.ErrnoException & { code?: unknown }).code;
        if (code === 'ENOENT')
          return reject(
            new Error(`${command}: command not found (PATH=${options.env?.PATH ?? process.env.PATH ?? ''})`),
          );
        if (typeof code === 'number') return resolve({ exitCode: code, stdout, stderr });
        // Killed by a signal, or over maxBuffer: report it as a failure with what was printed.
        resolve({ exitCode: 1, stdout, stderr: stderr || error.message });
      },
    );
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.stdin ?? '');
  });
}
