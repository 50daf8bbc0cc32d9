// A recording hook-tool runner for the ops tests: records (tool, args, stdin) and answers from a
// script of stdout texts, Juju-style failures, or functions of the call.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CharmClass, Model } from '../src/index.js';
import {
  HookToolBackend,
  parseCharmMeta,
  runDispatch,
  type ToolResult,
  type ToolRunner,
} from '../src/runtime.js';

/** One hook-tool call as the runner saw it. */
export interface Call {
  tool: string;
  args: string[];
  stdin?: string;
}

/** A scripted answer: stdout, a full result, or a function of the call. */
export type Reply = string | ToolResult | ((call: Call) => string | ToolResult);

/** What a tool prints when Juju refuses: `ERROR <msg>` on stderr and exit 1 (or 2 for usage errors). */
export function jujuError(message: string, exitCode = 1): ToolResult {
  return { stdout: '', stderr: `ERROR ${message}\n`, exitCode };
}

/** A runner that records every call; a list of replies answers successive calls in turn. */
export function recorder(script: Record<string, Reply | Reply[]> = {}) {
  const calls: Call[] = [];
  const seen = new Map<string, number>();
  const runner: ToolRunner = (tool, args, stdin) => {
    const call: Call = { tool, args: [...args], ...(stdin === undefined ? {} : { stdin }) };
    calls.push(call);
    const entry = script[tool] ?? DEFAULTS[tool] ?? '';
    let reply: Reply;
    if (Array.isArray(entry)) {
      const n = seen.get(tool) ?? 0;
      seen.set(tool, n + 1);
      reply = entry[Math.min(n, entry.length - 1)] ?? '';
    } else reply = entry;
    const out = typeof reply === 'function' ? reply(call) : reply;
    return typeof out === 'string' ? { stdout: out, stderr: '', exitCode: 0 } : out;
  };
  const backend = new HookToolBackend(runner);
  /** The calls of one tool, as argv lists. */
  const argsOf = (tool: string) => calls.filter((c) => c.tool === tool).map((c) => c.args);
  return { runner, calls, backend, argsOf, tools: () => calls.map((c) => c.tool) };
}

const DEFAULTS: Record<string, Reply> = {
  'is-leader': 'true',
  'config-get': '{}',
  'relation-ids': '[]',
  'status-get': '{"status":"unknown","message":""}',
};

/** The model uuid every test model uses. */
export const MODEL_UUID = '11111111-2222-4333-8444-555555555555';

/** A model over a recording runner, with the given metadata (JS objects, as parsed YAML). */
export function testModel(
  script: Record<string, Reply | Reply[]> = {},
  metadata: Record<string, unknown> = {},
  actions?: Record<string, unknown>,
) {
  const rec = recorder(script);
  const meta = parseCharmMeta({ metadata: { name: 'test-charm', ...metadata }, actions });
  const model = new Model({
    meta,
    backend: rec.backend,
    unitName: 'test-charm/0',
    modelName: 'test',
    modelUuid: MODEL_UUID,
  });
  return { ...rec, model };
}

/** Runs one dispatch of `charm` in-process against a recording runner; returns exit code, calls, stderr. */
export async function dispatchWith(
  charm: CharmClass,
  options: {
    path: string;
    metadata?: string;
    actions?: string;
    script?: Record<string, Reply | Reply[]>;
    env?: Record<string, string>;
  },
) {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-issue3-'));
  writeFileSync(join(dir, 'metadata.yaml'), options.metadata ?? 'name: test-charm\n');
  if (options.actions) writeFileSync(join(dir, 'actions.yaml'), options.actions);
  const rec = recorder(options.script);
  const stderr: string[] = [];
  const code = await runDispatch(charm, {
    runner: rec.runner,
    env: {
      JUJU_DISPATCH_PATH: options.path,
      JUJU_UNIT_NAME: 'test-charm/0',
      JUJU_MODEL_NAME: 'test',
      JUJU_MODEL_UUID: MODEL_UUID,
      JUJU_VERSION: '3.6.8',
      JUJU_CHARM_DIR: dir,
      ...options.env,
    },
    stderr: (line) => stderr.push(line),
  });
  return { code, stderr, ...rec };
}
