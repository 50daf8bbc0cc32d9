import { describe, expect, it } from 'vitest';
import { ConfigError, parseCli } from '../src/index.js';

const ENV = { APP__ADMIN__TOKEN: 'env-token', APP__HEALTH_ACCESS_KEY: 'env-key' };

describe('fake OpenCTI configuration', () => {
  it('reads the variables of the charm’s platform service', () => {
    const config = parseCli([], { ...ENV, APP__PORT: '8080', APP__BASE_PATH: '/opencti' });
    expect(config.options).toEqual({
      adminToken: 'env-token',
      healthAccessKey: 'env-key',
      host: '127.0.0.1',
      port: 8080,
      basePath: '/opencti',
    });
  });

  it.each([
    { label: 'OpenCTI default', argv: [], env: ENV, port: 4000 },
    { label: 'APP__PORT', argv: [], env: { ...ENV, APP__PORT: '8080' }, port: 8080 },
    {
      label: 'the simulator mapping',
      argv: [],
      env: { ...ENV, APP__PORT: '8080', OPS_TS_PORT_8080: '41234' },
      port: 41234,
    },
    {
      label: 'a mapping of another port',
      argv: [],
      env: { ...ENV, APP__PORT: '8080', OPS_TS_PORT_9000: '1' },
      port: 8080,
    },
    {
      label: '--port',
      argv: ['--port', '0'],
      env: { ...ENV, APP__PORT: '8080', OPS_TS_PORT_8080: '41234' },
      port: 0,
    },
  ])('takes the port from $label', ({ argv, env, port }) => {
    expect(parseCli(argv, env).options.port).toBe(port);
  });

  it('lets flags override the environment', () => {
    const argv = [
      '--admin-token',
      'flag-token',
      '--health-key',
      'flag-key',
      '--base-path',
      '/x',
      '--host',
      '::1',
    ];
    const config = parseCli([...argv, '--state', '/tmp/s.json', '--groups', 'A, B', '--quiet'], {
      ...ENV,
      APP__BASE_PATH: '/opencti',
    });
    expect(config.options).toEqual({
      adminToken: 'flag-token',
      healthAccessKey: 'flag-key',
      host: '::1',
      port: 4000,
      basePath: '/x',
      groups: ['A', 'B'],
      stateFile: '/tmp/s.json',
    });
    expect(config.quiet).toBe(true);
  });

  it.each([
    { argv: [], env: { APP__HEALTH_ACCESS_KEY: 'k' }, message: 'no admin token' },
    { argv: [], env: { APP__ADMIN__TOKEN: 't' }, message: 'no health access key' },
    { argv: ['--port', 'http'], env: ENV, message: 'invalid port "http" from --port' },
    { argv: [], env: { ...ENV, APP__PORT: '70000' }, message: 'invalid port "70000" from APP__PORT' },
    { argv: ['--bogus'], env: ENV, message: "Unknown option '--bogus'" },
  ])('refuses $argv / $env: $message', ({ argv, env, message }) => {
    expect(() => parseCli(argv, env)).toThrow(ConfigError);
    expect(() => parseCli(argv, env)).toThrow(message);
  });
});
