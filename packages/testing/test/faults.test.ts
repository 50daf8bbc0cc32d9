// Fault injection: the chosen hook-tool call fails or hangs, the chosen Pebble request errors or is
// dropped, and the run reports which fault fired; a failed hook commits nothing.
import { describe, expect, it } from 'vitest';
import {
  container,
  DEFAULT_TOOL_FAILURE,
  getContainer,
  pebbleFault,
  relation,
  toolFault,
} from '../src/index.js';
import { seen, sink } from './helpers.js';

const db = () => relation({ endpoint: 'db', remoteAppName: 'postgres', remoteAppData: { host: 'pg.local' } });

describe('toolFault', () => {
  it('a failing call exits 1 with a Juju-like stderr, and nothing the hook buffered is committed', async () => {
    const ctx = sink();
    const rel = db();
    const r = await ctx.runWithResult(
      ctx.on.relationChanged(rel),
      { relations: [rel] },
      {
        faults: [toolFault({ tool: 'relation-set', effect: 'fail', message: 'permission denied' })],
      },
    );
    expect(r.exitCode).toBe(1);
    expect(r.faults.map((h) => [h.target, h.position])).toEqual([
      [`relation-set -r db:${rel.id} --file -`, 1],
    ]);
    expect(r.error?.message).toContain('permission denied');
    expect(r.state.relations[0]?.localUnitData).not.toHaveProperty('seen-host');
    expect(seen(r.state)).toBeUndefined();
  });

  it('without a message the stderr is what Juju prints when the agent is gone', async () => {
    const ctx = sink();
    const r = await ctx.runWithResult(
      ctx.on.configChanged(),
      {},
      { faults: [toolFault({ call: 1, effect: 'fail' })] },
    );
    expect(r.exitCode).toBe(1);
    expect(r.error?.message).toContain(DEFAULT_TOOL_FAILURE);
  });

  it('counts only the named tool, and fires at the given call only', async () => {
    const ctx = sink();
    const clean = await ctx.runWithResult(ctx.on.configChanged(), {});
    const configGets = clean.trace.filter((c) => c.tool === 'config-get').length;
    const r = await ctx.runWithResult(
      ctx.on.configChanged(),
      {},
      {
        faults: [toolFault({ tool: 'config-get', call: configGets + 1, effect: 'fail' })],
      },
    );
    expect(r.faults).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('a hanging call kills the hook (exit 137) and no later call reaches Juju', async () => {
    const ctx = sink();
    const r = await ctx.runWithResult(
      ctx.on.configChanged(),
      {},
      { faults: [toolFault({ call: 1, effect: 'hang' })] },
    );
    expect(r.killed).toBe(true);
    expect(r.exitCode).toBe(137);
    expect(r.error?.message).toMatch(/killed/);
    expect(r.trace).toHaveLength(1);
    expect(seen(r.state)).toBeUndefined();
  });

  it('run() raises for a faulted hook as for any uncaught charm error', async () => {
    const ctx = sink();
    await expect(
      ctx.run(ctx.on.configChanged(), {}, { faults: [toolFault({ call: 1, effect: 'fail' })] }),
    ).rejects.toThrow(DEFAULT_TOOL_FAILURE);
  });

  it.each([0, -1, 1.5])('refuses call %s, naming it', (call) => {
    expect(() => toolFault({ call, effect: 'fail' })).toThrow(`got ${call}`);
  });
});

describe('pebbleFault', () => {
  const workload = () =>
    container({
      name: 'workload',
      canConnect: true,
      execs: [{ command: ['sink', '--version'], stdout: '1.2.3\n' }],
    });

  it.each(['error', 'refuse'] as const)(
    '%s on the first request fails the hook and changes no file',
    async (effect) => {
      const ctx = sink();
      const w = workload();
      const r = await ctx.runWithResult(
        ctx.on.pebbleReady(w),
        { containers: [w] },
        {
          faults: [pebbleFault({ container: 'workload', request: 1, effect })],
        },
      );
      expect(r.faults).toHaveLength(1);
      expect(r.faults[0]?.position).toBe(1);
      expect(r.exitCode).toBe(1);
      expect(getContainer(r.state, 'workload').files).toEqual({});
    },
  );

  it('an error answer carries the given status to the charm', async () => {
    const ctx = sink();
    const w = workload();
    const r = await ctx.runWithResult(
      ctx.on.pebbleReady(w),
      { containers: [w] },
      {
        faults: [pebbleFault({ container: 'workload', effect: 'error', status: 503 })],
      },
    );
    expect(r.error?.message).toMatch(/503|fault injected/);
  });

  it('a fault for another container leaves this one alone', async () => {
    const ctx = sink();
    const w = workload();
    const r = await ctx.runWithResult(
      ctx.on.pebbleReady(w),
      { containers: [w] },
      {
        faults: [pebbleFault({ container: 'other', effect: 'refuse' })],
      },
    );
    expect(r.exitCode).toBe(0);
    expect(r.faults).toEqual([]);
  });

  it.each([0, 2.5])('refuses request %s, naming it', (request) => {
    expect(() => pebbleFault({ container: 'workload', request, effect: 'error' })).toThrow(`got ${request}`);
  });
});
