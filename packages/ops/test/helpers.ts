// Test helpers: a scripted, recording hook-tool runner and a charm directory in a temp folder.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CharmClass, LogLevel } from '../src/index.js';
import { runDispatch, type ToolResult, type ToolRunner } from '../src/runtime.js';
import { type Call, type Reply, recorder } from './recorder.js';

export type { Call };

/** A scripted answer: stdout text, a full result, or a function of the call. */
export type Answer = Reply;

/** A runner answering from a script (tool → answer) and recording every call. */
export function scriptedRunner(script: Record<string, Answer> = {}): { runner: ToolRunner; calls: Call[] } {
  const { runner, calls } = recorder(script);
  return { runner, calls };
}

/** A failing tool answer, as Juju prints it. */
export function fail(stderr: string, exitCode = 1): ToolResult {
  return { stdout: '', stderr, exitCode };
}

/** Writes a charm directory with the given YAML documents. */
export function charmDir(docs: { metadata?: string; config?: string; actions?: string } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-test-'));
  writeFileSync(join(dir, 'metadata.yaml'), docs.metadata ?? 'name: test-charm\n');
  if (docs.config) writeFileSync(join(dir, 'config.yaml'), docs.config);
  if (docs.actions) writeFileSync(join(dir, 'actions.yaml'), docs.actions);
  return dir;
}

/** Options of one test dispatch. */
export interface DispatchOptions {
  hook: string;
  dir: string;
  script?: Record<string, Answer>;
  env?: Record<string, string>;
  logLevel?: LogLevel;
  useJujuForStorage?: boolean;
}

/** Runs one dispatch in-process against a scripted runner; returns exit code, calls and stderr lines. */
export async function dispatch(charm: CharmClass, options: DispatchOptions) {
  const { runner, calls } = scriptedRunner(options.script);
  const stderr: string[] = [];
  const code = await runDispatch(charm, {
    runner,
    env: {
      JUJU_DISPATCH_PATH: options.hook.includes('/') ? options.hook : `hooks/${options.hook}`,
      JUJU_UNIT_NAME: 'test-charm/0',
      JUJU_MODEL_NAME: 'test',
      JUJU_MODEL_UUID: '11111111-2222-4333-8444-555555555555',
      JUJU_VERSION: '3.6.8',
      JUJU_CHARM_DIR: options.dir,
      ...options.env,
    },
    stderr: (line) => stderr.push(line),
    ...(options.logLevel ? { logLevel: options.logLevel } : {}),
    ...(options.useJujuForStorage ? { useJujuForStorage: true } : {}),
  });
  return { code, calls, stderr, tools: calls.map((c) => c.tool) };
}

/** The messages sent through juju-log. */
export function logLines(calls: Call[]): string[] {
  return calls.filter((c) => c.tool === 'juju-log').map((c) => `${c.args[1]}: ${c.args.slice(3).join(' ')}`);
}
