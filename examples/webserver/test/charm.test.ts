// The webserver (Kubernetes) example as a function of state: its Pebble layer, pushed files, exec of
// the workload version, statuses, and the restart on a failed check.
import { ActiveStatus, BlockedStatus, WaitingStatus } from '@ops-ts/ops';
import { Context, container, getContainer, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { WebserverCharm } from '../src/webserver.js';

const charmcraft = new URL('../charmcraft.yaml', import.meta.url);
const context = () => new Context(WebserverCharm, { charmcraft });
const workload = () =>
  container({
    name: 'webserver',
    canConnect: true,
    execs: [{ command: ['python3', '--version'], stdout: 'Python 3.12.3\n' }],
  });

describe('webserver', () => {
  it('pebble-ready: layer with service and check, page and config pushed, version from the workload', async () => {
    const ctx = context();
    const out = await ctx.run(ctx.on.pebbleReady(workload()), state({ containers: [workload()] }));
    const c = getContainer(out, 'webserver');
    expect(c.layers.webserver?.services?.webserver).toMatchObject({
      command: 'python3 -m http.server 8080 --directory /srv',
      startup: 'enabled',
    });
    expect(c.layers.webserver?.checks?.['webserver-up']?.http).toEqual({ url: 'http://localhost:8080/' });
    expect(c.serviceStatuses).toEqual({ webserver: 'active' });
    expect(c.files['/srv/index.html']).toBe('<h1>Hello from ops-ts</h1>\n');
    expect(JSON.parse(c.files['/etc/webserver/config.json'] ?? '{}')).toEqual({
      port: 8080,
      message: 'Hello from ops-ts',
    });
    expect(out.workloadVersion).toBe('3.12.3');
    expect(out.unitStatus).toEqual(new ActiveStatus('serving on port 8080'));
  });

  it('escapes the message it serves', async () => {
    const ctx = context();
    const out = await ctx.run(
      ctx.on.configChanged(),
      state({ config: { message: '<b>&"' }, containers: [workload()] }),
    );
    expect(getContainer(out, 'webserver').files['/srv/index.html']).toBe('<h1>&#60;b&#62;&#38;&#34;</h1>\n');
  });

  it.each([
    [
      'a port out of range',
      { port: 70000 },
      [workload()],
      new BlockedStatus('port must be an integer between 1 and 65535'),
    ],
    [
      'Pebble not up yet',
      {},
      [container({ name: 'webserver' })],
      new WaitingStatus('waiting for Pebble in the webserver container'),
    ],
  ])('%s', async (_name, config, containers, status) => {
    const ctx = context();
    const out = await ctx.run(ctx.on.configChanged(), state({ config, containers }));
    expect(out.unitStatus).toEqual(status);
  });

  it('a failed check restarts the service', async () => {
    const ctx = context();
    const running = await ctx.run(ctx.on.pebbleReady(workload()), state({ containers: [workload()] }));
    const failing = {
      ...getContainer(running, 'webserver'),
      checks: [{ name: 'webserver-up', status: 'down' as const }],
    };
    const out = await ctx.run(
      ctx.on.pebbleCheckFailed(failing, 'webserver-up'),
      state({ ...running, containers: [failing] }),
    );
    expect(getContainer(out, 'webserver').serviceStatuses).toEqual({ webserver: 'active' });
    expect(ctx.jujuLog.map((l) => l.message)).toContain('check webserver-up failed 3 time(s); restarting');
  });
});
