// The backend the environment picks, and where the simulator's CLI is found.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKEND_ENV, backendFromEnv, Juju, realBackend, resolveOpsTsCli, simBackend } from '../src/index.js';

describe('backendFromEnv', () => {
  it('defaults to the simulator: this node running the ops-ts CLI with `juju`', () => {
    const b = backendFromEnv({});
    expect(b).toEqual({ name: 'sim', command: process.execPath, prefix: [resolveOpsTsCli(), 'juju'] });
    expect(backendFromEnv({ [BACKEND_ENV]: 'sim' })).toEqual(b);
  });

  it('runs another CLI script when $OPS_TS_CLI names one', () => {
    expect(backendFromEnv({ OPS_TS_CLI: '/other/ops-ts.mjs' }).prefix).toEqual(['/other/ops-ts.mjs', 'juju']);
  });

  it('picks the real juju from PATH, or $OPS_TS_JUJU_BINARY', () => {
    expect(backendFromEnv({ [BACKEND_ENV]: 'real' })).toEqual({ name: 'real', command: 'juju', prefix: [] });
    expect(backendFromEnv({ [BACKEND_ENV]: 'real', OPS_TS_JUJU_BINARY: '/snap/bin/juju' }).command).toBe(
      '/snap/bin/juju',
    );
  });

  it('fails in one line naming an unknown backend', () => {
    expect(() => backendFromEnv({ [BACKEND_ENV]: 'lxd' })).toThrow(
      'OPS_TS_JUJU_BACKEND="lxd": expected "sim" or "real"',
    );
  });

  it('a client takes its backend from the environment it is given', () => {
    expect(new Juju({ env: { [BACKEND_ENV]: 'real' } }).backend.name).toBe('real');
    expect(new Juju({ backend: simBackend('/x/ops-ts.mjs') }).backend.prefix).toEqual([
      '/x/ops-ts.mjs',
      'juju',
    ]);
    expect(new Juju({ backend: realBackend() }).model).toBeUndefined();
  });
});

describe('resolveOpsTsCli', () => {
  it('finds the workspace CLI: its bundle when built, else its bin', () => {
    const cli = resolveOpsTsCli();
    expect(cli).toMatch(/packages\/cli\/(dist\/ops-ts\.mjs|bin\/ops-ts\.mjs)$/);
    expect(existsSync(cli)).toBe(true);
  });
});
