/**
 * The shape of a hook tool and the juju/cmd `Main` around it: parse flags, Init (exit 2),
 * Run (exit 1), format output (`--format`, `-o`), print `ERROR <msg>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type FlagDef, type ParsedArgs, parseArgs, renderOptions, stringFlag } from './argv.js';
import { HelpRequested, RunError, UsageError } from './errors.js';
import { formatOutput, type OutputFormat, type OutputValue } from './format.js';
import type { HookContext } from './hook-context.js';

/** What a tool invocation printed and how it exited. */
export interface ToolResult {
  /** Standard output. */
  stdout: string;
  /** Standard error (`ERROR <msg>\n` on failure). */
  stderr: string;
  /** 0 success, 1 Run error, 2 flag/Init error. */
  exitCode: number;
}

/** Access to the caller's stdin and working directory. */
export interface ToolIO {
  /** The caller's working directory (relative paths resolve against it). */
  readonly cwd: string;
  /** All of stdin; throws when the caller supplied none (the client then retries with it). */
  stdin(): Buffer;
  /** Reads a file relative to `cwd`. */
  readFile(path: string): Buffer;
}

/** What Run produced: a value to format, and/or raw text. */
export interface ToolOutput {
  /** Value for the output formatter (tools with `--format`). */
  value?: OutputValue;
  /** Raw stdout (tools without a formatter). */
  stdout?: string;
  /** Raw stderr (deprecation notices). */
  stderr?: string;
}

/** Declaration of one hook tool. */
export interface ToolSpec<T> {
  /** Tool name (argv[0]). */
  readonly name: string;
  /** Positional-argument synopsis for help. */
  readonly args?: string;
  /** One-line purpose for help. */
  readonly purpose: string;
  /** `--format` / `-o` support: default format and accepted formats. */
  readonly output?: { readonly default: OutputFormat; readonly formats: readonly OutputFormat[] };
  /** Flags (may depend on the context, e.g. the default relation id). */
  readonly flags?: (ctx: HookContext) => FlagDef[];
  /** Validates positionals; throw {@link UsageError} for exit 2. */
  readonly init: (ctx: HookContext, parsed: ParsedArgs, io: ToolIO) => T;
  /** Does the work; throw {@link RunError} for exit 1. */
  readonly run: (ctx: HookContext, command: T, io: ToolIO) => ToolOutput | undefined;
}

/** A tool with its command type erased, ready for the registry. */
export interface Tool {
  /** Tool name. */
  readonly name: string;
  /** Runs the tool (parse, init, run, output). */
  readonly execute: (ctx: HookContext, args: readonly string[], io: ToolIO) => ToolResult;
}

/** Thrown by {@link ToolIO.stdin} when no stdin was supplied. */
export class StdinRequired extends Error {}

/**
 * What a hook tool prints when it cannot reach the unit agent (juju/juju worker/uniter jujuc over a
 * closed API connection): the default text of an injected tool failure.
 */
export const DEFAULT_TOOL_FAILURE = 'connection is shut down';

/** A failed hook-tool call as Juju reports it: `ERROR <message>` on stderr and the exit code (1). */
export function toolFailure(message: string, exitCode = 1): ToolResult {
  return { stdout: '', stderr: `ERROR ${message}\n`, exitCode };
}

/** Defines a tool from its spec. */
export function defineTool<T>(spec: ToolSpec<T>): Tool {
  return { name: spec.name, execute: (ctx, args, io) => executeSpec(spec, ctx, args, io) };
}

/** Runs a registered tool with the given stdin and cwd. */
export function executeTool(
  tool: Tool,
  ctx: HookContext,
  args: readonly string[],
  stdin: string | Buffer | undefined,
  cwd: string,
): ToolResult {
  const io: ToolIO = {
    cwd,
    stdin: () => {
      if (stdin === undefined) throw new StdinRequired('hook tool requires stdin, none supplied');
      return typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin;
    },
    readFile: (path) => readFileSync(resolve(cwd, path)),
  };
  return tool.execute(ctx, args, io);
}

function executeSpec<T>(
  spec: ToolSpec<T>,
  ctx: HookContext,
  args: readonly string[],
  io: ToolIO,
): ToolResult {
  const defs = [...(spec.flags?.(ctx) ?? []), ...(spec.output ? outputFlags(spec.output) : [])];
  try {
    const parsed = parseArgs(args, defs);
    const command = spec.init(ctx, parsed, io);
    const out = spec.run(ctx, command, io) ?? {};
    let stdout = out.stdout ?? '';
    if (spec.output && (out.value !== undefined || out.stdout === undefined)) {
      stdout = formatOutput(out.value, stringFlag(parsed, 'format') as OutputFormat);
      const target = stringFlag(parsed, 'output');
      if (target !== '') {
        writeFileSync(resolve(io.cwd, target), stdout);
        stdout = '';
      }
    }
    return { stdout, stderr: out.stderr ?? '', exitCode: 0 };
  } catch (err) {
    if (err instanceof HelpRequested) return { stdout: helpText(spec, defs), stderr: '', exitCode: 0 };
    if (err instanceof UsageError || err instanceof RunError) {
      return toolFailure(err.message, err.exitCode);
    }
    if (err instanceof StdinRequired) return toolFailure(err.message);
    // A bug in a tool: Juju reports a panic with exit code 3.
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    return { stdout: '', stderr: `panic: ${message}\n`, exitCode: 3 };
  }
}

function outputFlags(output: NonNullable<ToolSpec<unknown>['output']>): FlagDef[] {
  return [
    {
      names: ['format'],
      kind: 'string',
      default: output.default,
      customValue: true,
      usage: `Specify output format (${[...output.formats].sort().join('|')})`,
      validate: (v) => (output.formats.includes(v as OutputFormat) ? undefined : `unknown format "${v}"`),
    },
    { names: ['output', 'o'], kind: 'string', default: '', usage: 'Specify an output file' },
  ];
}

function helpText<T>(spec: ToolSpec<T>, defs: readonly FlagDef[]): string {
  const usage = `Usage: ${spec.name}${defs.length > 0 ? ' [options]' : ''}${spec.args ? ` ${spec.args}` : ''}`;
  const options = defs.length > 0 ? `\n\nOptions:\n${renderOptions(defs)}` : '';
  return `${usage}\n\nSummary:\n${spec.purpose}${options}\n`;
}
