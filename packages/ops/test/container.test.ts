// Container against the real fake Pebble on a temp socket: what a charm author sees.
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExecHandler } from '@ops-ts/pebble/server';
import { describe, expect, it } from 'vitest';
import {
  APIError,
  ChangeError,
  Container,
  ExecError,
  type Layer,
  Model,
  ModelError,
  PathError,
} from '../src/index.js';
import { HookToolBackend, parseCharmMeta } from '../src/runtime.js';
import { oldPebbleProxy, pebbleDir, rawServer, sendError, startPebble } from './container-helpers.js';
import { scriptedRunner } from './helpers.js';

const layer: Layer = {
  summary: 'web',
  services: {
    web: { override: 'replace', command: 'serve --port 80', startup: 'enabled' },
    worker: { override: 'replace', command: 'work', startup: 'disabled' },
  },
  checks: {
    up: { override: 'replace', level: 'ready', http: { url: 'http://localhost/' } },
    alive: { override: 'replace', level: 'alive', tcp: { port: 80 } },
  },
};

function model(pebbleDir?: string): Model {
  return new Model({
    meta: parseCharmMeta({
      metadata: { name: 'k8s', containers: { workload: { resource: 'img' }, sidecar: {} } },
    }),
    backend: new HookToolBackend(scriptedRunner().runner),
    unitName: 'k8s/0',
    modelName: 'm',
    modelUuid: 'u',
    ...(pebbleDir ? { pebbleDir } : {}),
  });
}

describe('unit.containers and getContainer', () => {
  it('lists the containers from metadata without any I/O, the same object per name', () => {
    const { unit } = model();
    expect(Object.keys(unit.containers)).toEqual(['workload', 'sidecar']);
    expect(unit.getContainer('workload')).toBe(unit.containers.workload);
    expect(unit.getContainer('workload').socketPath).toBe('/charm/containers/workload/pebble.socket');
  });

  it('puts sockets under the pebble dir override', () => {
    expect(model('/tmp/sim').unit.getContainer('sidecar').socketPath).toBe('/tmp/sim/sidecar/pebble.socket');
  });

  it('throws ModelError for a name not in metadata', () => {
    expect(() => model().unit.getContainer('nope')).toThrow(ModelError);
    expect(() => model().unit.getContainer('nope')).toThrow('container "nope" not found');
  });

  it('refuses containers of a remote unit', () => {
    expect(() => model().getUnit('other/0').getContainer('workload')).toThrow(/remote unit/);
  });
});

describe('canConnect', () => {
  const cases: { name: string; serve?: 'pebble' | '500' | 'garbage'; expected: boolean }[] = [
    { name: 'Pebble is up', serve: 'pebble', expected: true },
    { name: 'no socket (container restarting)', expected: false },
    { name: 'Pebble answers an error (APIError)', serve: '500', expected: false },
    { name: 'something that is not Pebble answers (ProtocolError)', serve: 'garbage', expected: false },
  ];
  it.each(cases)('$name → $expected', async ({ serve, expected }) => {
    const dir = pebbleDir();
    if (serve === 'pebble') await startPebble('workload', { dir });
    if (serve === '500') await rawServer(dir, 'workload', (_q, res) => sendError(res, 500, 'boom'));
    if (serve === 'garbage')
      await rawServer(dir, 'workload', (_q, res) =>
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>'),
      );
    await expect(new Container('workload', dir).canConnect()).resolves.toBe(expected);
  });

  it('other calls surface the connection error', async () => {
    const err = await new Container('workload', pebbleDir()).getPlan().catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
    expect((err as Error).message).toMatch(/socket not found at '.*\/workload\/pebble.socket'/);
  });
});

describe('layers, plan and services', () => {
  it('addLayer shows in the plan at once; services change only on replan', async () => {
    const { container, server } = await startPebble();
    await container.addLayer('base', layer);
    const plan = await container.getPlan();
    expect(plan.services.web?.command).toBe('serve --port 80');
    expect(Object.keys(plan.checks)).toEqual(['alive', 'up']);
    expect(server.serviceStatuses()).toEqual({ web: 'inactive', worker: 'inactive' });
    await container.replan();
    expect(server.serviceStatuses()).toEqual({ web: 'active', worker: 'inactive' });
  });

  it('combine merges into a layer with the same label; without it the label must be new', async () => {
    const { container } = await startPebble();
    await container.addLayer('base', layer);
    const dup = await container.addLayer('base', layer).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(APIError);
    expect((dup as APIError).code).toBe(400);
    await container.addLayer(
      'base',
      { services: { web: { override: 'merge', environment: { PORT: '80' } } } },
      { combine: true },
    );
    const plan = await container.getPlan();
    expect(plan.services.web).toMatchObject({ command: 'serve --port 80', environment: { PORT: '80' } });
  });

  it('takes a layer as YAML text', async () => {
    const { container } = await startPebble();
    await container.addLayer('yaml', 'services:\n  a:\n    override: replace\n    command: run-a\n');
    expect((await container.getPlan()).services.a?.command).toBe('run-a');
  });

  it('start, stop, restart and getServices', async () => {
    const { container } = await startPebble();
    await container.addLayer('base', layer);
    await container.start('web', 'worker');
    const current = async () =>
      Object.fromEntries(Object.values(await container.getServices()).map((s) => [s.name, s.current]));
    expect(await current()).toEqual({ web: 'active', worker: 'active' });
    await container.stop('worker');
    expect(await current()).toEqual({ web: 'active', worker: 'inactive' });
    await container.restart('web', 'worker');
    expect(await current()).toEqual({ web: 'active', worker: 'active' });
    expect(Object.keys(await container.getServices('web'))).toEqual(['web']);
    expect(await container.getService('worker')).toMatchObject({ name: 'worker', startup: 'disabled' });
  });

  it.each(['start', 'stop', 'restart'] as const)('%s with no names is a TypeError', async (verb) => {
    const { container } = await startPebble();
    await expect(container[verb]()).rejects.toThrow(TypeError);
    await expect(container[verb]()).rejects.toThrow(`${verb} expected at least 1 argument, got 0`);
  });

  it('getService of an unknown service is a ModelError', async () => {
    const { container } = await startPebble();
    await expect(container.getService('ghost')).rejects.toThrow(new ModelError('service "ghost" not found'));
  });

  it('a service that fails to start is a ChangeError', async () => {
    const { container, server } = await startPebble();
    await container.addLayer('base', layer);
    server.setServiceStartError('web', 'exited quickly with code 1');
    const err = await container.start('web').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChangeError);
    expect((err as Error).message).toMatch(/exited quickly with code 1/);
  });

  it('restart on an old Pebble (400) stops the running services and starts them all', async () => {
    const dir = pebbleDir();
    const { container: direct, server } = await startPebble('real', { dir });
    await direct.addLayer('base', layer);
    await direct.start('web');
    const proxy = await oldPebbleProxy(dir, 'workload', server.socketPath);
    const container = new Container('workload', dir);
    await container.restart('web', 'worker');
    expect(proxy.actions).toEqual([
      { action: 'restart', services: ['web', 'worker'] },
      { action: 'stop', services: ['web'] },
      { action: 'start', services: ['web', 'worker'] },
    ]);
    expect(server.serviceStatuses()).toEqual({ web: 'active', worker: 'active' });
  });

  it('restart does not fall back on other API errors', async () => {
    const { container } = await startPebble();
    // Restarting an unknown service is a 400 too, so the fallback runs and its start fails the same way.
    const err = await container.restart('ghost').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).message).toMatch(/service "ghost" does not exist/);
  });

  it('sendSignal reaches running services', async () => {
    const { container, server } = await startPebble();
    await container.addLayer('base', layer);
    await container.replan();
    await container.sendSignal('SIGHUP', 'web');
    expect(server.signals()).toEqual([{ signal: 'SIGHUP', services: ['web'] }]);
    await expect(container.sendSignal('SIGHUP')).rejects.toThrow(TypeError);
  });
});

describe('files', () => {
  it('push and pull text and bytes, with dirs and permissions', async () => {
    const { container, root } = await startPebble();
    await container.push('/etc/app/app.conf', 'port=80\n', { makeDirs: true, permissions: 0o600 });
    expect(readFileSync(join(root, 'etc/app/app.conf'), 'utf8')).toBe('port=80\n');
    expect(statSync(join(root, 'etc/app/app.conf')).mode & 0o777).toBe(0o600);
    expect(await container.pull('/etc/app/app.conf')).toBe('port=80\n');
    await container.push('/bin.dat', Buffer.from([0, 255, 1]));
    expect(await container.pull('/bin.dat', { encoding: null })).toEqual(Buffer.from([0, 255, 1]));
  });

  it('errors per path are PathErrors', async () => {
    const { container } = await startPebble();
    const missing = await container.pull('/nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PathError);
    expect((missing as PathError).kind).toBe('not-found');
    const noParent = await container.push('/a/b/c', 'x').catch((e: unknown) => e);
    expect(noParent).toBeInstanceOf(PathError);
  });

  it.each([
    { path: '/etc', exists: true, isDir: true },
    { path: '/etc/file', exists: true, isDir: false },
    { path: '/missing', exists: false, isDir: false },
  ])('$path: exists $exists, isDir $isDir', async ({ path, exists, isDir }) => {
    const { container } = await startPebble();
    await container.push('/etc/file', 'x', { makeDirs: true });
    expect(await container.exists(path)).toBe(exists);
    expect(await container.isDir(path)).toBe(isDir);
  });

  it('listFiles, makeDir and removePath', async () => {
    const { container, root } = await startPebble();
    await container.makeDir('/data/sub', { makeParents: true });
    await container.push('/data/a.txt', 'a');
    await container.push('/data/b.log', 'b');
    const names = async (pattern?: string) =>
      (await container.listFiles('/data', pattern ? { pattern } : {})).map((f) => `${f.name}:${f.type}`);
    expect(await names()).toEqual(['a.txt:file', 'b.log:file', 'sub:directory']);
    expect(await names('*.txt')).toEqual(['a.txt:file']);
    await container.removePath('/data/a.txt');
    expect(existsSync(join(root, 'data/a.txt'))).toBe(false);
    const notEmpty = await container.removePath('/data').catch((e: unknown) => e);
    expect(notEmpty).toBeInstanceOf(PathError);
    await container.removePath('/data', { recursive: true });
    expect(existsSync(join(root, 'data'))).toBe(false);
  });

  it('listFiles with itself describes one file', async () => {
    const { container, root } = await startPebble();
    writeFileSync(join(root, 'plain'), 'x');
    chmodSync(join(root, 'plain'), 0o644);
    expect((await container.listFiles('/plain', { itself: true }))[0]).toMatchObject({
      name: 'plain',
      type: 'file',
      permissions: '644',
    });
  });
});

describe('exec', () => {
  const handler: ExecHandler = async ({ command, readStdin, environment }) => {
    if (command[0] === 'echo') return { exitCode: 0, stdout: `${command.slice(1).join(' ')}\n` };
    if (command[0] === 'cat') return { exitCode: 0, stdout: await readStdin() };
    if (command[0] === 'env') return { exitCode: 0, stdout: JSON.stringify(environment) };
    return { exitCode: 2, stdout: 'partial', stderr: `${command[0]}: failed\n` };
  };

  it('waitOutput straight off exec, as ops reads', async () => {
    const { container } = await startPebble('workload', { execHandler: handler });
    await expect(container.exec(['echo', 'hi', 'there']).waitOutput()).resolves.toEqual({
      stdout: 'hi there\n',
      stderr: '',
    });
    await expect(container.exec(['echo', 'x']).wait()).resolves.toBe(0);
  });

  it('awaiting exec gives the process: stdin streams in, env goes through', async () => {
    const { container } = await startPebble('workload', { execHandler: handler });
    const proc = await container.exec(['cat']);
    proc.stdin?.end('fed in');
    expect((await proc.waitOutput()).stdout).toBe('fed in');
    const env = await container.exec(['env'], { environment: { A: '1' } }).waitOutput();
    expect(JSON.parse(env.stdout)).toEqual({ A: '1' });
    const bytes = await container.exec(['cat'], { stdin: Buffer.from([1, 2]), encoding: null }).waitOutput();
    expect(bytes.stdout).toEqual(Buffer.from([1, 2]));
  });

  it('a non-zero exit is an ExecError carrying the output', async () => {
    const { container } = await startPebble('workload', { execHandler: handler });
    const err = await container
      .exec(['false'])
      .waitOutput()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecError);
    expect(err).toMatchObject({ exitCode: 2, stdout: 'partial', stderr: 'false: failed\n' });
  });

  it('an exec on an unreachable container rejects with ConnectionError', async () => {
    const err = await new Container('w', pebbleDir())
      .exec(['echo'])
      .waitOutput()
      .catch((e: unknown) => e);
    expect((err as Error).name).toBe('ConnectionError');
  });
});

describe('checks', () => {
  it('getChecks by name and level, getCheck, and status changes', async () => {
    const { container, server } = await startPebble();
    await container.addLayer('base', layer);
    expect(Object.keys(await container.getChecks())).toEqual(['alive', 'up']);
    expect(Object.keys(await container.getChecks('up'))).toEqual(['up']);
    expect(Object.keys(await container.getChecks({ level: 'alive' }))).toEqual(['alive']);
    expect(await container.getCheck('up')).toMatchObject({ name: 'up', level: 'ready', status: 'up' });
    server.setCheckStatus('up', 'down');
    expect(await container.getCheck('up')).toMatchObject({ status: 'down', failures: 3 });
    expect(await container.stopChecks('alive')).toEqual(['alive']);
    expect((await container.getCheck('alive')).status).toBe('inactive');
    expect(await container.startChecks('alive')).toEqual(['alive']);
  });

  it('getCheck of an unknown check is a ModelError', async () => {
    const { container } = await startPebble();
    await expect(container.getCheck('ghost')).rejects.toThrow(new ModelError('check "ghost" not found'));
  });
});

describe('notices', () => {
  it('getNotices filters; getNotice by id; a missing id is a ModelError', async () => {
    const { container, server } = await startPebble();
    const a = server.addNotice({ type: 'custom', key: 'example.com/a', data: { n: '1' } });
    server.addNotice({ type: 'custom', key: 'example.com/b' });
    expect((await container.getNotices()).map((n) => n.key)).toEqual(['example.com/a', 'example.com/b']);
    expect((await container.getNotices({ keys: ['example.com/b'] })).map((n) => n.key)).toEqual([
      'example.com/b',
    ]);
    expect(await container.getNotice(a.id)).toMatchObject({ key: 'example.com/a', 'last-data': { n: '1' } });
    const err = await container.getNotice('999').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelError);
    expect((err as Error).message).toBe('notice "999" not found');
    expect((err as Error).cause).toBeInstanceOf(APIError);
  });
});

describe('pebble()', () => {
  it('is the raw client, one per container', async () => {
    const { container } = await startPebble();
    const client = await container.pebble();
    expect(client).toBe(await container.pebble());
    expect(client.socketPath).toBe(container.socketPath);
    expect((await client.getSystemInfo()).version).toMatch(/fake/);
  });
});
