// The ServiceRunner seam: the server asks the runner to start and stop processes and follows what
// becomes of them (Pebble's okay delay, exits after start, on-success/on-failure "ignore").
import { describe, expect, it } from 'vitest';
import { ChangeError, type Layer, type Service } from '../src/index.js';
import type { ServiceExit, ServiceProcess, ServiceRunner } from '../src/server/index.js';
import { startPebble } from './helpers.js';

/** A process that lives until told how it ended. */
class FakeProcess implements ServiceProcess {
  ended: ServiceExit | undefined;
  stoppedWith: number | undefined;
  exit(): ServiceExit | undefined {
    return this.ended;
  }
  async waitExit(timeoutMs: number): Promise<ServiceExit | undefined> {
    await new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 20)));
    return this.ended;
  }
  async stop(killDelayMs: number): Promise<void> {
    this.stoppedWith = killDelayMs;
    this.ended = { exitCode: null, signal: 'SIGTERM' };
  }
}

/** Runs processes for the services in `runs`; `exitAtOnce` ends them as they start. */
function fakeRunner(runs: string[], exitAtOnce: Record<string, ServiceExit> = {}) {
  const procs = new Map<string, FakeProcess>();
  const started: { name: string; service: Service }[] = [];
  const runner: ServiceRunner = {
    start: async (name, service) => {
      if (!runs.includes(name)) return undefined;
      if (name === 'broken') throw new Error('cannot find executable "nope"');
      started.push({ name, service });
      const proc = new FakeProcess();
      proc.ended = exitAtOnce[name];
      procs.set(name, proc);
      return proc;
    },
    find: (name) => procs.get(name),
  };
  return { runner, procs, started };
}

const layer: Layer = {
  services: {
    web: {
      override: 'replace',
      command: 'web',
      startup: 'enabled',
      'kill-delay': '250ms',
      environment: { A: '1' },
    },
    job: { override: 'replace', command: 'job', 'on-success': 'ignore' },
    pretend: { override: 'replace', command: 'pretend' },
    broken: { override: 'replace', command: 'nope' },
  },
};

describe('ServiceRunner', () => {
  it('start hands the service to the runner; stop stops its process with the kill-delay', async () => {
    const fake = fakeRunner(['web']);
    const { client, server } = await startPebble({ serviceRunner: fake.runner, serviceOkayDelayMs: 20 });
    await client.addLayer('base', layer);
    await client.replan();
    expect(fake.started).toEqual([
      { name: 'web', service: expect.objectContaining({ environment: { A: '1' } }) },
    ]);
    expect(server.serviceStatuses().web).toBe('active');
    await client.stopServices(['web']);
    expect(fake.procs.get('web')?.stoppedWith).toBe(250);
    expect(server.serviceStatuses().web).toBe('inactive');
  });

  it('a process that exits within the okay delay fails the start', async () => {
    const fake = fakeRunner(['web'], { web: { exitCode: 3, signal: null } });
    const { client, server } = await startPebble({ serviceRunner: fake.runner, serviceOkayDelayMs: 20 });
    await client.addLayer('base', layer);
    const err = (await client.replan().catch((e: unknown) => e)) as ChangeError;
    expect(err).toBeInstanceOf(ChangeError);
    expect(err.err).toContain('(cannot start service: exited quickly with code 3)');
    expect(server.serviceStatuses().web).toBe('error');
  });

  it.each([
    ['a failure', 'web', { exitCode: 1, signal: null }, 'error'],
    ['an unobserved exit', 'web', { exitCode: null, signal: null }, 'error'],
    ['success with on-success: ignore', 'job', { exitCode: 0, signal: null }, 'inactive'],
  ] as const)('a process that ends later after %s shows as %s', async (_name, service, exit, status) => {
    const fake = fakeRunner(['web', 'job']);
    const { client, server } = await startPebble({ serviceRunner: fake.runner, serviceOkayDelayMs: 20 });
    await client.addLayer('base', layer);
    await client.startServices([service]);
    const proc = fake.procs.get(service);
    if (proc) proc.ended = exit;
    expect((await client.getServices([service]))[0]?.current).toBe(status);
    expect(server.serviceStatuses()[service]).toBe(status);
  });

  it('services the runner does not run only change state; a runner error fails the start', async () => {
    const fake = fakeRunner(['broken']);
    const { client, server } = await startPebble({ serviceRunner: fake.runner, serviceOkayDelayMs: 20 });
    await client.addLayer('base', layer);
    await client.startServices(['pretend']);
    expect(server.serviceStatuses().pretend).toBe('active');
    const err = (await client.startServices(['broken']).catch((e: unknown) => e)) as ChangeError;
    expect(err.err).toContain('(cannot start service: cannot find executable "nope")');
    expect(server.serviceStatuses().broken).toBe('error');
  });
});
