// End to end on Kubernetes: the packed webserver example run through its real `dispatch`, with the
// simulator's hook tools on PATH and a fake Pebble serving its workload container at
// `$OPS_TS_PEBBLE_DIR/webserver/pebble.socket`.
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { addApplication, type ModelState, newModel } from '@ops-ts/juju';
import { type ExecRequest, PebbleServer } from '@ops-ts/pebble/server';
import { HookRunner } from '@ops-ts/sim';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('..', import.meta.url).pathname;
let charmFile: string;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ops-ts-pack-k8s-'));
  charmFile = await packCharm(loadProject(join(root, 'examples/webserver')), out);
});

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A model with webserver/0 (leader), its unpacked charm, and (unless `pebble: false`) a running Pebble. */
async function setup(opts: { pebble?: boolean; config?: Record<string, string | number> } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ops-ts-k8s-'));
  const charmDir = join(dir, 'webserver-0');
  extractZip(readFileSync(charmFile), charmDir);
  const metadata = parse(readFileSync(join(charmDir, 'metadata.yaml'), 'utf8'));
  const config = parse(readFileSync(join(charmDir, 'config.yaml'), 'utf8'));
  const state: ModelState = newModel({ name: 'k8s' });
  addApplication(state, 'webserver', {
    metadata,
    configOptions: config.options,
    config: opts.config ?? {},
  });
  const pebbleDir = join(dir, 'pebble');
  const filesRoot = join(dir, 'rootfs');
  mkdirSync(filesRoot, { recursive: true });
  const execs: ExecRequest[] = [];
  let server: PebbleServer | undefined;
  if (opts.pebble !== false) {
    server = await PebbleServer.start({
      socketPath: join(pebbleDir, 'webserver', 'pebble.socket'),
      filesRoot,
      execHandler: (req) => {
        execs.push(req);
        return req.command[0] === 'python3'
          ? { exitCode: 0, stdout: 'Python 3.12.3\n' }
          : { exitCode: 127, stderr: 'not found\n' };
      },
    });
    closers.push(() => (server as PebbleServer).close());
  }
  const runner = new HookRunner({
    state: () => state,
    charmDir: () => charmDir,
    toolsDir: join(dir, 'tools'),
    extraEnv: () => ({ OPS_TS_PEBBLE_DIR: pebbleDir }),
  });
  closers.push(() => runner.close());
  const run = async (hook: string, extra: { workloadName?: string; checkName?: string } = {}) => {
    const r = await runner.run({ unit: 'webserver/0', hookName: hook, ...extra });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    return r;
  };
  const status = () => state.units['webserver/0']?.status;
  return { state, server, execs, filesRoot, run, status };
}

describe('the packed webserver (Kubernetes) through dispatch', () => {
  it('pebble-ready: layer, replan, pushed files, exec, workload version and active status', async () => {
    const { state, server, execs, filesRoot, run, status } = await setup();
    await run('install');
    await run('webserver-pebble-ready', { workloadName: 'webserver' });

    expect(server?.getPlan()).toEqual({
      services: {
        webserver: {
          override: 'replace',
          summary: 'static web server',
          command: 'python3 -m http.server 8080 --directory /srv',
          startup: 'enabled',
        },
      },
      checks: {
        'webserver-up': { override: 'replace', level: 'ready', http: { url: 'http://localhost:8080/' } },
      },
    });
    expect(server?.serviceStatuses()).toEqual({ webserver: 'active' });
    expect(readFileSync(join(filesRoot, 'srv/index.html'), 'utf8')).toBe('<h1>Hello from ops-ts</h1>\n');
    const conf = join(filesRoot, 'etc/webserver/config.json');
    expect(JSON.parse(readFileSync(conf, 'utf8'))).toEqual({ port: 8080, message: 'Hello from ops-ts' });
    expect(statSync(conf).mode & 0o777).toBe(0o644);
    expect(execs.map((e) => e.command)).toEqual([['python3', '--version']]);
    expect(state.applications.webserver?.workloadVersion).toBe('3.12.3');
    expect(status()).toMatchObject({ status: 'active', message: 'serving on port 8080' });
  });

  it('config-changed replaces the layer (combine) and the service restarts with the new port', async () => {
    const { state, server, filesRoot, run, status } = await setup();
    await run('webserver-pebble-ready', { workloadName: 'webserver' });
    const app = state.applications.webserver;
    if (!app) throw new Error('no app');
    app.config = { port: 9090, message: 'Hi <there>' };
    await run('config-changed');

    expect(server?.layers().map((l) => l.label)).toEqual(['webserver']);
    expect(server?.getPlan().services?.webserver?.command).toBe(
      'python3 -m http.server 9090 --directory /srv',
    );
    // replan restarted the running service because its command changed.
    const kinds = server?.changes().map((c) => [c.kind, c.tasks.map((t) => t.kind)]);
    expect(kinds?.filter(([kind]) => kind === 'replan')).toEqual([
      ['replan', ['start']],
      ['replan', ['stop', 'start']],
    ]);
    expect(readFileSync(join(filesRoot, 'srv/index.html'), 'utf8')).toBe('<h1>Hi &#60;there&#62;</h1>\n');
    expect(status()).toMatchObject({ status: 'active', message: 'serving on port 9090' });
  });

  it('an invalid port blocks without touching the workload', async () => {
    const { server, run, status } = await setup({ config: { port: 0 } });
    await run('webserver-pebble-ready', { workloadName: 'webserver' });
    expect(server?.layers()).toEqual([]);
    expect(status()).toMatchObject({
      status: 'blocked',
      message: 'port must be an integer between 1 and 65535',
    });
  });

  it('a failed check restarts the service', async () => {
    const { server, run } = await setup();
    await run('webserver-pebble-ready', { workloadName: 'webserver' });
    server?.setCheckStatus('webserver-up', 'down');
    await run('webserver-pebble-check-failed', { workloadName: 'webserver', checkName: 'webserver-up' });
    const last = server?.changes().at(-1);
    expect(last?.kind).toBe('restart');
    expect(server?.serviceStatuses()).toEqual({ webserver: 'active' });
  });

  it('without Pebble (container not up yet) the hooks succeed and the unit waits', async () => {
    const { run, status, state } = await setup({ pebble: false });
    await run('install');
    const r = await run('config-changed');
    expect(status()).toMatchObject({
      status: 'waiting',
      message: 'waiting for Pebble in the webserver container',
    });
    expect(state.applications.webserver?.workloadVersion).toBe('');
    // No hook tool beyond config and status: the failed connection cost nothing else.
    expect(r.toolCalls.map((c) => c.tool)).toEqual(['config-get', 'is-leader', 'status-set']);
  });
});
