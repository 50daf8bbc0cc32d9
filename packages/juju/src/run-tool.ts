/**
 * Running a hook tool in a hook context: the tool registry meets the context here, so the context itself
 * knows no tools (and the tools' modules do not loop back through it).
 */
import type { HookContext } from './hook-context.js';
import { executeTool, type ToolResult } from './tool.js';
import { TOOLS } from './tools/index.js';

/** Runs one hook tool in `ctx` as if invoked with argv `[toolName, ...args]` from `cwd`. */
export function runTool(
  ctx: HookContext,
  toolName: string,
  args: readonly string[],
  stdin?: string | Buffer,
  cwd?: string,
): ToolResult {
  if (ctx.phase !== 'running') {
    return { stdout: '', stderr: 'ERROR hook context is no longer running\n', exitCode: 1 };
  }
  const tool = TOOLS[toolName];
  if (!tool) return { stdout: '', stderr: `ERROR bad request: unknown command: ${toolName}\n`, exitCode: 1 };
  return executeTool(tool, ctx, args, stdin, cwd ?? process.cwd());
}
