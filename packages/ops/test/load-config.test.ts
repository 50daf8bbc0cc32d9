// Behaviour 33: load_config, typed config with errors raised or turned into a blocked status.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CharmBase, type ConfigInput, type EventBase, type Framework, StoredState } from '../src/index.js';
import { STATE_FILE } from '../src/runtime.js';
import { charmDir, dispatch } from './helpers.js';

const CONFIG = `options:
  log-level: {type: string, default: info}
  port: {type: int, default: 8080}
  api-token: {type: secret}
`;

/** Typed config: validates in its constructor, as an ops config class would. */
class WebConfig {
  readonly logLevel: string;
  readonly port: number;
  readonly apiToken: unknown;
  constructor(raw: ConfigInput) {
    if (typeof raw.port !== 'number' || raw.port < 1024)
      throw new Error(`port must be >= 1024, got ${String(raw.port)}`);
    this.logLevel = String(raw.logLevel);
    this.port = raw.port;
    this.apiToken = raw.apiToken;
  }
}

function charm(errors: 'raise' | 'blocked', seen: unknown[]) {
  return class Web extends CharmBase {
    readonly stored = new StoredState(this, 'stored', { touched: false as boolean });
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.configChanged, this.onConfig);
    }
    onConfig(_e: EventBase) {
      this.stored.data.touched = true;
      seen.push(this.loadConfig(WebConfig, { errors }));
    }
  };
}

describe('behaviour 33: loadConfig', () => {
  it('gives camelCase keys, and secret options as lazy secrets (no secret-get runs)', async () => {
    const seen: unknown[] = [];
    const r = await dispatch(charm('raise', seen), {
      hook: 'config-changed',
      dir: charmDir({ config: CONFIG }),
      script: { 'config-get': '{"log-level":"debug","port":9000,"api-token":"secret:d1f2a3b4c5d6e7f8g9h0"}' },
    });
    expect(r.code).toBe(0);
    const config = seen[0] as WebConfig;
    expect(config).toMatchObject({ logLevel: 'debug', port: 9000 });
    expect(config.apiToken).toMatchObject({ id: expect.stringContaining('d1f2a3b4c5d6e7f8g9h0') });
    expect(r.tools.filter((t) => t.startsWith('secret-'))).toEqual([]);
  });

  it("with errors: 'blocked' an invalid config blocks the unit and exits 0 without committing", async () => {
    const dir = charmDir({ config: CONFIG });
    const r = await dispatch(charm('blocked', []), {
      hook: 'config-changed',
      dir,
      script: { 'config-get': '{"port":80}' },
    });
    expect(r.code).toBe(0);
    expect(r.calls.filter((c) => c.tool === 'status-set').map((c) => c.args)).toEqual([
      ['--application=False', 'blocked', '--', 'Invalid config: port must be >= 1024, got 80'],
    ]);
    expect(existsSync(join(dir, STATE_FILE))).toBe(false);
  });

  it("with errors: 'raise' the error fails the hook", async () => {
    const r = await dispatch(charm('raise', []), {
      hook: 'config-changed',
      dir: charmDir({ config: CONFIG }),
      script: { 'config-get': '{"port":80}' },
    });
    expect(r.code).toBe(1);
    expect(r.calls.find((c) => c.tool === 'juju-log')?.args[3]).toContain('port must be >= 1024, got 80');
  });

  it('also takes a plain function', async () => {
    const seen: unknown[] = [];
    class Fn extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.configChanged, this.onConfig);
      }
      onConfig(_e: EventBase) {
        seen.push(this.loadConfig((c) => ({ port: Number(c.port) * 2 })));
      }
    }
    await dispatch(Fn, {
      hook: 'config-changed',
      dir: charmDir({ config: CONFIG }),
      script: { 'config-get': '{"port":2000}' },
    });
    expect(seen).toEqual([{ port: 4000 }]);
  });
});
