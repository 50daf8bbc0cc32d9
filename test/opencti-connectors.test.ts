// Every OpenCTI connector charm generated from charms/connectors.json: the generated files are fresh, each
// connector reaches active with the environment its data implies, reports its own required options, and
// packs into a bundle within budget.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import { ActiveStatus, type CharmClass, WaitingStatus } from '@ops-ts/ops';
import { Context, container, getContainer, relation, secret, state } from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JavaScript script without types
import { connectorFiles, loadConnectorData } from '../scripts/generate-connectors.mjs';

interface Option {
  name: string;
  type: string;
  default?: string | number | boolean;
  optional?: boolean;
}
interface Connector {
  directory: string;
  charm_name: string;
  connector_type: string;
  required_without_default: string[];
  config_options: Option[];
  overrides: {
    boolean_style: 'json' | 'python';
    forced_scope?: string;
    log_level_fallback?: boolean;
    generated_from_template: boolean;
  };
}

const root = new URL('..', import.meta.url).pathname;
const data = loadConnectorData() as { connectors: Connector[] };
const generated = data.connectors.filter((c) => c.overrides.generated_from_template);
const TOKEN = 'platform-token-for-tests';
const TOKEN_ID = 'secret:cs0opencti0token0000';

/** A value of the option's type, distinct per option. */
function sample(option: Option): string | number | boolean {
  if (option.type === 'boolean') return true;
  if (option.type === 'int' || option.type === 'integer') return 7;
  return `value-of-${option.name}`;
}

/** What the Python original's `_gen_env` gives for this config (derived from the data, independently). */
function expectedEnv(c: Connector, config: Record<string, string | number | boolean>, connectorId: string) {
  const render = (v: string | number | boolean) =>
    typeof v === 'boolean'
      ? c.overrides.boolean_style === 'python'
        ? v
          ? 'True'
          : 'False'
        : String(v)
      : String(v);
  const env: Record<string, string> = {
    OPENCTI_URL: 'http://opencti.local:8080',
    OPENCTI_TOKEN: TOKEN,
    CONNECTOR_ID: connectorId,
    CONNECTOR_NAME: c.charm_name,
    CONNECTOR_TYPE: c.connector_type,
  };
  for (const o of c.config_options) {
    const value = config[o.name] ?? o.default;
    if (value !== undefined) env[o.name.replaceAll('-', '_').toUpperCase()] = render(value);
  }
  if (c.overrides.forced_scope) env.CONNECTOR_SCOPE = c.overrides.forced_scope;
  if (
    c.overrides.log_level_fallback &&
    !['debug', 'info', 'warn', 'error'].includes(env.CONNECTOR_LOG_LEVEL ?? '')
  ) {
    env.CONNECTOR_LOG_LEVEL = 'info';
  }
  return env;
}

async function contextFor(c: Connector): Promise<Context> {
  const mod = (await import(`../charms/${c.charm_name}/src/connector.ts`)) as Record<string, CharmClass>;
  const charm = Object.values(mod)[0];
  if (!charm) throw new Error(`${c.charm_name} exports no charm class`);
  return new Context(charm, { charmcraft: join(root, 'charms', c.charm_name) });
}

function world(c: Connector, config: Record<string, string | number | boolean>, connectorId?: string) {
  return state({
    leader: true,
    config,
    relations: [
      relation({
        endpoint: 'opencti-connector',
        remoteAppName: 'opencti',
        remoteAppData: { opencti_url: 'http://opencti.local:8080', opencti_token: TOKEN_ID },
        remoteUnitsData: { 0: {} },
        ...(connectorId ? { localAppData: { connector_id: connectorId } } : {}),
      }),
    ],
    secrets: [secret({ id: TOKEN_ID, content: { token: TOKEN }, ownerApp: 'opencti' })],
    containers: [container({ name: c.charm_name, canConnect: true })],
  });
}

const ID = '7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('generated connector charms', () => {
  it('are up to date with charms/connectors.json (node scripts/generate-connectors.mjs)', () => {
    const files = connectorFiles(data) as Record<string, string>;
    expect(Object.keys(files)).toHaveLength(generated.length * 5);
    for (const [path, text] of Object.entries(files))
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(text);
  });

  it('are all 22 connectors but woap, which is written by hand', () => {
    expect(data.connectors).toHaveLength(22);
    expect(
      data.connectors.filter((c) => !c.overrides.generated_from_template).map((c) => c.directory),
    ).toEqual(['woap']);
  });
});

describe.each(generated)('$charm_name', (c) => {
  it('waits for exactly its required options, in metadata order', async () => {
    const ctx = await contextFor(c);
    const out = await ctx.run(ctx.on.configChanged(), world(c, {}));
    const missing = c.required_without_default;
    expect(out.unitStatus).toEqual(
      missing.length > 0
        ? new WaitingStatus(`missing configurations: ${missing.join(', ')}`)
        : new ActiveStatus(''),
    );
  });

  it('runs with every option set: the environment the data implies', async () => {
    const ctx = await contextFor(c);
    const config = Object.fromEntries(c.config_options.map((o) => [o.name, sample(o)]));
    const out = await ctx.run(ctx.on.configChanged(), world(c, config, ID));
    expect(out.unitStatus).toEqual(new ActiveStatus(''));
    const service = getContainer(out, c.charm_name).layers.connector?.services?.connector;
    expect(service?.environment).toEqual(expectedEnv(c, config, ID));
    expect(service?.command).toBe('bash /entrypoint.sh');
  });

  it('with only the required options: defaults present, unset options absent', async () => {
    const ctx = await contextFor(c);
    const required = c.config_options.filter((o) => c.required_without_default.includes(o.name));
    const config = Object.fromEntries(required.map((o) => [o.name, sample(o)]));
    const out = await ctx.run(ctx.on.configChanged(), world(c, config, ID));
    const env = getContainer(out, c.charm_name).layers.connector?.services?.connector?.environment;
    expect(env).toEqual(expectedEnv(c, config, ID));
  });
});

describe('connector specifics (reference: upstream connectors/*/src/charm.py)', () => {
  const byDir = (dir: string) => {
    const c = data.connectors.find((x) => x.directory === dir);
    if (!c) throw new Error(dir);
    return c;
  };
  const envOf = async (dir: string, config: Record<string, string | number | boolean>) => {
    const c = byDir(dir);
    const ctx = await contextFor(c);
    const out = await ctx.run(ctx.on.configChanged(), world(c, config, ID));
    return {
      env: getContainer(out, c.charm_name).layers.connector?.services?.connector?.environment ?? {},
      ctx,
    };
  };
  const requiredOf = (dir: string) =>
    Object.fromEntries(
      byDir(dir)
        .config_options.filter((o) => byDir(dir).required_without_default.includes(o.name))
        .map((o) => [o.name, sample(o)]),
    );

  it('virustotal-livehunt writes booleans Python-style', async () => {
    const { env } = await envOf('virustotal_livehunt', {
      ...requiredOf('virustotal_livehunt'),
      'virustotal-livehunt-notifications-create-alert': false,
    });
    expect(env.VIRUSTOTAL_LIVEHUNT_NOTIFICATIONS_CREATE_ALERT).toBe('False');
    expect(env.VIRUSTOTAL_LIVEHUNT_NOTIFICATIONS_CREATE_FILE).toBe('True');
  });

  it('nti forces its scope and replaces an invalid log level by info, with a warning', async () => {
    const { env, ctx } = await envOf('nti', { ...requiredOf('nti'), 'connector-log-level': 'INFO' });
    expect(env).toMatchObject({ CONNECTOR_SCOPE: 'nti', CONNECTOR_LOG_LEVEL: 'info' });
    expect(ctx.jujuLog.map((l) => l.message)).toContain(
      "CONNECTOR_LOG_LEVEL 'INFO' is invalid, using 'info' instead.",
    );
  });

  it.each([
    ['crowdstrike', 'crowdstrike'],
    ['urlscan', 'threatmatch'],
    ['urlhaus', 'urlhaus'],
  ])('%s: CONNECTOR_SCOPE is %s', async (dir, scope) => {
    expect((await envOf(dir, requiredOf(dir))).env.CONNECTOR_SCOPE).toBe(scope);
  });

  it('malwarebazaar has no CONNECTOR_SCOPE at all; vxvault no CONNECTOR_LOG_LEVEL when unset', async () => {
    expect((await envOf('malwarebazaar', requiredOf('malwarebazaar'))).env).not.toHaveProperty(
      'CONNECTOR_SCOPE',
    );
    expect((await envOf('vxvault', requiredOf('vxvault'))).env).not.toHaveProperty('CONNECTOR_LOG_LEVEL');
  });

  it('empty strings are kept and ints are decimal strings', async () => {
    const { env } = await envOf('alienvault', {
      ...requiredOf('alienvault'),
      'alienvault-tlp': '',
      'alienvault-interval-sec': 1800,
    });
    expect(env).toMatchObject({ ALIENVAULT_TLP: '', ALIENVAULT_INTERVAL_SEC: '1800' });
  });
});

describe('every connector packs', () => {
  it('into <name>_amd64.charm with dispatch and one bundle under 300 KB', async () => {
    const out = mkdtempSync(join(tmpdir(), 'opencti-connectors-pack-'));
    // All 22, woap (written by hand) included.
    for (const c of data.connectors) {
      const file = await packCharm(loadProject(join(root, 'charms', c.charm_name)), out);
      expect(file.endsWith(`${c.charm_name}_amd64.charm`)).toBe(true);
      const entries = readZip(readFileSync(file));
      expect(entries.find((e) => e.path === 'dispatch')?.mode).toBe(0o755);
      const bundle = entries.find((e) => e.path === 'lib/charm.cjs');
      expect(bundle?.data.length, c.charm_name).toBeLessThan(300 * 1024);
    }
  }, 180_000);
});
