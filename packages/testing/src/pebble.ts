/** An in-memory Pebble per container that can connect: a PebbleServer on a temp unix socket. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Client } from '@ops-ts/pebble';
import { type ExecHandler, PebbleServer, type RequestInterceptor } from '@ops-ts/pebble/server';
import { type Container, type ExecCall, matchExec } from './containers.js';

/** One exec a charm ran in a container. */
export interface ExecRecord extends ExecCall {
  /** Container name. */
  readonly container: string;
  /** Exit code the mock gave. */
  readonly exitCode: number;
}

/** The running Pebble servers of a run. */
export interface Workloads {
  /** `OPS_TS_PEBBLE_DIR` for the charm. */
  readonly pebbleDir: string;
  /** Execs run so far. */
  readonly execs: ExecRecord[];
  /** Id of a recorded notice by container, type and key. */
  noticeId(container: string, type: string, key: string): string | undefined;
  /** The containers as their servers now hold them. */
  read(input: readonly Container[]): Promise<Container[]>;
  /** Stops every server. */
  close(): Promise<void>;
}

function execHandler(c: Container, execs: ExecRecord[]): ExecHandler {
  return async (req) => {
    // A mocked command's answer may depend on its stdin, so it is the output of one that read it all.
    const stdin = (await req.readStdin()).toString('utf8');
    const call: ExecCall = {
      command: [...req.command],
      environment: { ...req.environment },
      ...(req.workingDir !== undefined ? { workingDir: req.workingDir } : {}),
      stdin,
    };
    const mock = matchExec(c.execs, req.command);
    const result = mock?.handler ? mock.handler(call) : mock;
    const exitCode = mock ? (result?.exitCode ?? 0) : 127;
    execs.push({ ...call, container: c.name, exitCode });
    if (!mock) {
      return {
        exitCode,
        stderr: `no mocked exec matches ${JSON.stringify(req.command)}: add one to the container's execs\n`,
      };
    }
    return { exitCode, stdout: result?.stdout ?? '', stderr: result?.stderr ?? '' };
  };
}

function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

function readFiles(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out[`/${relative(root, full)}`] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

async function seed(
  server: PebbleServer,
  client: Client,
  c: Container,
  notices: Map<string, string>,
): Promise<void> {
  for (const [label, layer] of Object.entries(c.layers)) await client.addLayer(label, structuredClone(layer));
  for (const [name, status] of Object.entries(c.serviceStatuses)) {
    if (status === 'inactive') continue;
    if (status !== 'active') server.setServiceStartError(name, `${name} is in ${status}`);
    await client.startServices([name]).catch(() => undefined);
  }
  for (const n of c.notices) {
    const type = n.type ?? 'custom';
    const added = server.addNotice({ type, key: n.key, ...(n.data ? { data: { ...n.data } } : {}) });
    notices.set(`${type}\u0000${n.key}`, added.id);
  }
  for (const check of c.checks) {
    server.setCheckStatus(
      check.name,
      check.status,
      check.failures !== undefined ? { failures: check.failures } : {},
    );
  }
}

/** Starts a server per connectable container under `dir` and seeds it from the state. */
export async function startWorkloads(
  dir: string,
  containers: readonly Container[],
  interceptorFor: (container: string) => RequestInterceptor | undefined = () => undefined,
): Promise<Workloads> {
  const pebbleDir = join(dir, 'pebble');
  const execs: ExecRecord[] = [];
  const servers = new Map<string, { server: PebbleServer; root: string; notices: Map<string, string> }>();
  const close = async () => {
    await Promise.all([...servers.values()].map((s) => s.server.close()));
  };
  try {
    for (const c of containers) {
      if (!c.canConnect) continue;
      const root = join(dir, 'containers', c.name);
      mkdirSync(root, { recursive: true });
      writeFiles(root, c.files);
      const socketPath = join(pebbleDir, c.name, 'pebble.socket');
      const server = await PebbleServer.start({
        socketPath,
        filesRoot: root,
        execHandler: execHandler(c, execs),
      });
      const notices = new Map<string, string>();
      servers.set(c.name, { server, root, notices });
      await seed(server, new Client({ socketPath }), c, notices);
      // Faults apply to the charm's requests, not to the seeding above.
      server.intercept(interceptorFor(c.name));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return {
    pebbleDir,
    execs,
    noticeId: (name, type, key) => servers.get(name)?.notices.get(`${type}\u0000${key}`),
    read: async (input) =>
      input.map((c) => {
        const running = servers.get(c.name);
        if (!running) return c;
        const { server, root } = running;
        const layers = Object.fromEntries(server.layers().map((l) => [l.label, l.layer]));
        const statuses = server.serviceStatuses();
        return { ...c, layers, serviceStatuses: statuses, files: readFiles(root) };
      }),
    close,
  };
}
