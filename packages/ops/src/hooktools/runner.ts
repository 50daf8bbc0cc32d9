import { spawnSync } from 'node:child_process';

/** What one hook-tool process produced. */
export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * The one seam through which every hook tool runs: the tool's bare name, its argv (without the name)
 * and optional stdin. The real runner spawns a process; tests and the testing kit pass their own.
 */
export type ToolRunner = (tool: string, args: readonly string[], stdin?: string) => ToolResult;

/** A hook tool exited non-zero; carries the exact argv and the tool's stderr. */
export class HookToolError extends Error {
  override readonly name = 'HookToolError';
  constructor(
    readonly tool: string,
    readonly args: readonly string[],
    readonly exitCode: number,
    readonly stderr: string,
  ) {
    super(`${tool} exited ${exitCode}: ${stderr.trim()}`);
  }
}

/** A runner that spawns each tool by bare name from PATH, as Juju puts the tools first on the hook's PATH. */
export function spawnRunner(env: NodeJS.ProcessEnv = process.env): ToolRunner {
  return (tool, args, stdin) => {
    const result = spawnSync(tool, args, {
      env,
      input: stdin,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) {
      // ENOENT and friends: the tool is not on PATH (e.g. running outside Juju).
      return { stdout: '', stderr: `ERROR cannot run ${tool}: ${result.error.message}\n`, exitCode: 127 };
    }
    return { stdout: result.stdout ?? '', stderr: result.stderr ?? '', exitCode: result.status ?? 1 };
  };
}

/** Runs a tool and returns its stdout, throwing HookToolError when it exits non-zero. */
export type Invoke = (tool: string, args: readonly string[], stdin?: string) => string;

/** Wraps a runner into an `Invoke` that throws on failure. */
export function invoker(runner: ToolRunner): Invoke {
  return (tool, args, stdin) => {
    const result = runner(tool, args, stdin);
    if (result.exitCode !== 0) throw new HookToolError(tool, args, result.exitCode, result.stderr);
    return result.stdout;
  };
}

/** Parses a tool's `--format=json` output; an empty output reads as null. */
export function parseJson(tool: string, stdout: string): unknown {
  const text = stdout.trim();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`${tool} printed output that is not JSON: ${JSON.stringify(text.slice(0, 200))}`);
  }
}
