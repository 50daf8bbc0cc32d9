import { parseArgs } from 'node:util';
import type { FakeOpenctiOptions } from './fake-opencti.js';

/** The command line or environment cannot configure a server; the message says what to fix. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** OpenCTI's own default `APP__PORT`. */
export const OPENCTI_DEFAULT_PORT = 4000;

/** The usage text of the `fake-opencti` command. */
export const USAGE = `usage: fake-opencti [options]

A STAND-IN for OpenCTI's GraphQL API and /health, for tests and the demo (not OpenCTI).

  --port <n>          TCP port (0: a free one)      [env OPS_TS_PORT_<APP__PORT>, APP__PORT; default 4000]
  --host <addr>       loopback address              [default 127.0.0.1]
  --base-path <path>  URL prefix, e.g. /opencti     [env APP__BASE_PATH]
  --admin-token <t>   admin bearer token            [env APP__ADMIN__TOKEN; required]
  --health-key <k>    /health access key            [env APP__HEALTH_ACCESS_KEY; required]
  --state <file>      keep users and groups in this JSON file (mode 0600)
  --groups <a,b>      groups of a fresh state       [default Administrators,Connectors]
  --quiet             do not log changes to stderr
  --help              show this text`;

/** What the command line asks for. */
export interface CliConfig {
  options: FakeOpenctiOptions;
  quiet: boolean;
  help: boolean;
}

function parsePort(value: string, source: string): number {
  if (!/^\d+$/.test(value) || Number(value) > 65535) {
    throw new ConfigError(`invalid port ${JSON.stringify(value)} from ${source}: expected 0-65535`);
  }
  return Number(value);
}

// The port the real platform listens on inside its container is APP__PORT (the charm sets 8080). The
// simulator maps a container port N to a free host port and says so in OPS_TS_PORT_<N>.
function choosePort(flag: string | undefined, env: NodeJS.ProcessEnv): number {
  if (flag !== undefined) return parsePort(flag, '--port');
  const containerPort = env.APP__PORT ? parsePort(env.APP__PORT, 'APP__PORT') : OPENCTI_DEFAULT_PORT;
  const mapped = env[`OPS_TS_PORT_${containerPort}`];
  return mapped ? parsePort(mapped, `OPS_TS_PORT_${containerPort}`) : containerPort;
}

/**
 * Read the configuration from the variables the platform charm puts into OpenCTI's `platform` Pebble
 * service (canonical/opencti-operator src/charm.py), flags overriding them.
 */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliConfig {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  if (values.help) return { options: { adminToken: '', healthAccessKey: '' }, quiet: true, help: true };
  const adminToken = values['admin-token'] ?? env.APP__ADMIN__TOKEN;
  if (!adminToken) throw new ConfigError('no admin token: set APP__ADMIN__TOKEN or pass --admin-token');
  const healthAccessKey = values['health-key'] ?? env.APP__HEALTH_ACCESS_KEY;
  if (!healthAccessKey)
    throw new ConfigError('no health access key: set APP__HEALTH_ACCESS_KEY or pass --health-key');
  const groups = values.groups
    ?.split(',')
    .map((g) => g.trim())
    .filter((g) => g !== '');
  return {
    options: {
      adminToken,
      healthAccessKey,
      host: values.host ?? '127.0.0.1',
      port: choosePort(values.port, env),
      basePath: values['base-path'] ?? env.APP__BASE_PATH ?? '',
      ...(groups ? { groups } : {}),
      ...(values.state ? { stateFile: values.state } : {}),
    },
    quiet: values.quiet ?? false,
    help: false,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'base-path': { type: 'string' },
      'admin-token': { type: 'string' },
      'health-key': { type: 'string' },
      state: { type: 'string' },
      groups: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
