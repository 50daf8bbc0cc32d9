/**
 * The Pebble daemon of one container in real-workload mode: a Pebble-compatible server that lives as
 * long as the container would (like pebble in a pod), runs the plan's services as host processes with
 * Pebble's restarts and backoff, runs exec commands and checks for real, and keeps each service's
 * output in the model's workload log. The CLI starts it detached (`ops-ts sim pebble-daemon <config>`);
 * SIGTERM stops its services and ends it.
 */
import { existsSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Layer } from '@ops-ts/pebble';
import {
  hostExecLookup,
  minimalEnvironment,
  PebbleServer,
  ProcessServiceRunner,
  processExecHandler,
  realCheckProbe,
} from '@ops-ts/pebble/server';
import { processStartTime } from './process-group.js';

/** What the daemon is told (a JSON file written by the simulator). */
export interface PebbleDaemonConfig {
  /** Unix socket to listen on. */
  socketPath: string;
  /** Host directory standing for the container's `/`. */
  filesRoot: string;
  /** Directory of the service logs (`<service>.log`). */
  logDir: string;
  /** Host port per container port (`OPS_TS_PORT_<port>` for services, localhost check targets). */
  ports: Record<string, number>;
  /** Where the daemon records its service processes, so they can be killed should it die. */
  servicesFile: string;
}

/** How often the daemon looks for its config file: gone (model destroyed) means shut down. */
const WATCH_MS = 2000;

function note(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

/** Removes the socket's directory, then its unit's and model's directories once they are empty. */
function removeSocketDirs(socketPath: string): void {
  const containerDir = dirname(socketPath);
  rmSync(containerDir, { recursive: true, force: true });
  for (const dir of [dirname(containerDir), dirname(dirname(containerDir))]) {
    try {
      rmdirSync(dir);
    } catch {
      return; // Not empty: other daemons still use it.
    }
  }
}

/** Reads and checks the daemon's config. */
export function readDaemonConfig(path: string): PebbleDaemonConfig {
  const config = JSON.parse(readFileSync(path, 'utf8')) as Partial<PebbleDaemonConfig>;
  for (const key of ['socketPath', 'filesRoot', 'logDir', 'servicesFile'] as const) {
    if (typeof config[key] !== 'string') throw new Error(`pebble daemon config ${path}: ${key} is missing`);
  }
  return { ports: {}, ...config } as PebbleDaemonConfig;
}

/** Runs the daemon until SIGTERM/SIGINT, or until its config file is deleted. */
export async function runPebbleDaemon(configPath: string): Promise<void> {
  const config = readDaemonConfig(configPath);
  const env: Record<string, string> = { ...minimalEnvironment() };
  for (const [port, host] of Object.entries(config.ports)) env[`OPS_TS_PORT_${port}`] = String(host);
  const spawned: Record<string, { pid: number; startTime?: string }> = {};
  const runner = new ProcessServiceRunner({
    filesRoot: config.filesRoot,
    logPath: (name) => join(config.logDir, `${name}.log`),
    baseEnvironment: env,
    onSpawn: (name, pid) => {
      const startTime = processStartTime(pid);
      spawned[name] = { pid, ...(startTime !== undefined ? { startTime } : {}) };
      writeFileSync(config.servicesFile, JSON.stringify(spawned), { mode: 0o600 });
    },
  });
  // The plan's services, for exec checks with a service-context (the server exists once they run).
  let plan: () => Layer = () => ({});
  const server = await PebbleServer.start({
    socketPath: config.socketPath,
    filesRoot: config.filesRoot,
    execHandler: processExecHandler({ filesRoot: config.filesRoot, baseEnvironment: env }),
    execLookup: hostExecLookup(config.filesRoot, env),
    serviceRunner: runner,
    supervision: {
      services: true,
      checkProbe: realCheckProbe({
        filesRoot: config.filesRoot,
        baseEnvironment: env,
        mapPort: (port) => config.ports[String(port)],
        service: (name) => plan().services?.[name],
      }),
      log: note,
    },
  });
  plan = () => server.getPlan();
  note(`ops-ts sim: Pebble daemon ready on ${config.socketPath} (pid ${process.pid})`);
  let stopping: Promise<void> | undefined;
  const stop = (why: string): Promise<void> => {
    stopping ??= (async () => {
      note(`ops-ts sim: Pebble daemon stopping (${why})`);
      clearInterval(watch);
      await server.shutdown();
      removeSocketDirs(config.socketPath);
      note('ops-ts sim: Pebble daemon stopped');
    })();
    return stopping;
  };
  const watch = setInterval(() => {
    if (!existsSync(configPath)) void stop('its model is gone').then(() => process.exit(0));
  }, WATCH_MS);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => void stop(signal).then(() => process.exit(0)));
  }
}
