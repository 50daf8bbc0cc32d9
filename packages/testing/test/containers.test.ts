// Containers: a Pebble server per connectable container, files, layers, services, execs, notices.
import { describe, expect, it } from 'vitest';
import { container, getContainer, UncaughtCharmError } from '../src/index.js';
import { seen, sink } from './helpers.js';

describe('containers', () => {
  it('pebble-ready: files pushed, layer added and replanned, exec mocked', async () => {
    const ctx = sink();
    const workload = container({
      name: 'workload',
      canConnect: true,
      execs: [
        { command: ['sink', '--version'], stdout: '1.2.3\n' },
        { command: [], exitCode: 1 },
      ],
    });
    const out = await ctx.run(ctx.on.pebbleReady(workload), {
      containers: [workload],
      config: { mode: 'fast' },
    });
    const after = getContainer(out, 'workload');
    expect(after.files).toEqual({ '/etc/sink.conf': 'mode=fast\n' });
    expect(after.layers.sink?.services?.sink).toMatchObject({ command: '/bin/sink' });
    expect(after.serviceStatuses).toEqual({ sink: 'active' });
    expect(seen(out)).toEqual(['version:1.2.3']);
    expect(ctx.execHistory.map((e) => [e.container, ...e.command, e.exitCode])).toEqual([
      ['workload', 'sink', '--version', 0],
    ]);
  });

  it('an exec nothing mocks fails the way a missing command would', async () => {
    const ctx = sink();
    const workload = container({ name: 'workload', canConnect: true });
    await expect(ctx.run(ctx.on.pebbleReady(workload), { containers: [workload] })).rejects.toBeInstanceOf(
      UncaughtCharmError,
    );
  });

  it('files and layers given in the state are there for the charm, and come back out', async () => {
    const ctx = sink();
    const workload = container({
      name: 'workload',
      canConnect: true,
      files: { '/etc/other.conf': 'x=1\n' },
      layers: { base: { services: { base: { override: 'replace', command: '/bin/base' } } } },
      serviceStatuses: { base: 'active' },
      execs: [{ command: ['sink'], handler: (call) => ({ stdout: `${call.command.join(' ')}\n` }) }],
    });
    const out = await ctx.run(ctx.on.pebbleReady(workload), { containers: [workload] });
    const after = getContainer(out, 'workload');
    expect(Object.keys(after.files)).toEqual(['/etc/other.conf', '/etc/sink.conf']);
    expect(Object.keys(after.layers)).toEqual(['base', 'sink']);
    expect(after.serviceStatuses).toEqual({ base: 'active', sink: 'active' });
    expect(seen(out)).toEqual(['version:sink --version']);
  });

  it('pebble-custom-notice carries the notice recorded in the container', async () => {
    const ctx = sink();
    const workload = container({
      name: 'workload',
      canConnect: true,
      notices: [{ key: 'example.com/reload' }],
    });
    const out = await ctx.run(ctx.on.pebbleCustomNotice(workload, { key: 'example.com/reload' }), {
      containers: [workload],
    });
    expect(seen(out)).toEqual(['notice:example.com/reload']);
  });

  it('a container that cannot connect stays as it was', async () => {
    const ctx = sink();
    const workload = container({ name: 'workload', files: { '/a': 'b' } });
    const out = await ctx.run(ctx.on.updateStatus(), {
      containers: [workload],
      resources: [{ name: 'blob', path: '/b' }],
    });
    expect(getContainer(out, 'workload')).toEqual(workload);
  });
});
