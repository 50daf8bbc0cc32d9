// A hook's processes (issue 12, defect 1): the hook ends when dispatch has exited and its output is
// closed; leftovers holding the output are killed with the hook's process group, as is everything on a
// timeout or when dispatch itself is killed.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runHookProcess } from '../src/hook-process.js';
import { processRunning } from '../src/workloads/process-group.js';
import { openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

// A killed leftover is reparented to PID 1, which in a container may never reap it: zombies count as gone.
const alive = (pid: number): boolean => processRunning(pid);
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
});

function script(body: string): { path: string; pids: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-hook-process-'));
  const path = join(dir, 'dispatch');
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return { path, pids: join(dir, 'pids') };
}

function pidsOf(file: string): number[] {
  const pids = readFileSync(file, 'utf8').trim().split(/\s+/).map(Number);
  started.push(...pids);
  return pids;
}

const limits = { timeoutMs: 1500, stdioGraceMs: 200, maxOutputBytes: 1024 };

describe('runHookProcess', () => {
  const leftovers: [string, string, boolean][] = [
    [
      'a background sleep holding stdout is killed at the end',
      'sleep 25 & echo $! >"$PIDS"; echo done',
      false,
    ],
    ['sleep infinity holding stderr is killed at the end', 'sleep infinity 1>&2 & echo $! >"$PIDS"', false],
    ['a daemon that let go of the output keeps running', 'sleep 25 >/dev/null 2>&1 & echo $! >"$PIDS"', true],
  ];
  it.each(leftovers)('%s', async (_name, body, survives) => {
    const { path, pids } = script(body);
    const t0 = Date.now();
    const r = await runHookProcess(path, tmpdir(), { PATH: process.env.PATH ?? '', PIDS: pids }, limits);
    expect(Date.now() - t0).toBeLessThan(1200);
    expect(r.exitCode).toBe(0);
    expect(r.timedOut).toBe(false);
    const [pid = 0] = pidsOf(pids);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(pid)).toBe(survives);
  });

  it('a timeout kills the whole group and says so', async () => {
    const { path, pids } = script('sleep 30 & echo $! >"$PIDS"; sleep 30');
    const r = await runHookProcess(
      path,
      tmpdir(),
      { PATH: process.env.PATH ?? '', PIDS: pids },
      {
        ...limits,
        timeoutMs: 300,
      },
    );
    expect(r).toMatchObject({ exitCode: 137, timedOut: true });
    expect(r.stderr).toBe('hook timed out after 0.3 s\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pidsOf(pids).filter(alive)).toEqual([]);
  });

  it('killing dispatch ends its children too', async () => {
    const { path, pids } = script('echo $$ >"$PIDS"; sleep 30 & echo $! >>"$PIDS"; wait');
    const run = runHookProcess(path, tmpdir(), { PATH: process.env.PATH ?? '', PIDS: pids }, limits);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [shell = 0, child = 0] = pidsOf(pids);
    process.kill(shell, 'SIGKILL');
    const r = await run;
    expect(r.exitCode).toBe(137);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alive(child)).toBe(false);
  });

  it('keeps only the end of a huge output', async () => {
    const { path } = script('i=0; while [ $i -lt 500 ]; do echo "line $i"; i=$((i+1)); done');
    const r = await runHookProcess(path, tmpdir(), { PATH: process.env.PATH ?? '' }, limits);
    expect(r.stdout).toMatch(/^\[ops-ts sim: \d+ earlier bytes dropped\]\n/);
    expect(r.stdout.endsWith('line 499\n')).toBe(true);
    expect(Buffer.byteLength(r.stdout)).toBeLessThan(1100);
  });
});

describe('the simulator', () => {
  it('fails a hook that times out with "hook timed out after N s"', async () => {
    const charm = packShellCharm({
      name: 'slow',
      dispatch: '#!/bin/sh\n[ "$JUJU_DISPATCH_PATH" = hooks/install ] && sleep 30\nexit 0\n',
    });
    const sim = openSim({ hookTimeoutMs: 300 });
    try {
      sim.deploy(charm);
      await sim.settle();
      expect(sim.unitsInError()).toEqual([{ unit: 'slow/0', message: 'hook failed: "install"' }]);
      expect(sim.hookLog()[0]).toMatchObject({
        hook: 'install',
        exitCode: 137,
        stderr: 'hook timed out after 0.3 s',
      });
    } finally {
      await sim.close();
    }
  });
});
