// Environment generation rules of the Python original (`_gen_env`, `_get_proxy_environment`, `_check_config`).
import type { ConfigOptionMeta } from '@ops-ts/ops';
import { describe, expect, it } from 'vitest';
import {
  configEnvironment,
  kebabToConstant,
  missingOptions,
  proxyEnvironment,
  renderConfigValue,
} from '../src/index.js';

describe('values as Python str() writes them', () => {
  it.each([
    ['a string', 'abc', 'json', 'abc'],
    ['an empty string (kept)', '', 'json', ''],
    ['an int', 40, 'json', '40'],
    ['true, json style', true, 'json', 'true'],
    ['false, json style', false, 'json', 'false'],
    ['true, python style', true, 'python', 'True'],
    ['false, python style', false, 'python', 'False'],
    ['a boolean-looking string (type: string)', 'True', 'json', 'True'],
  ] as const)('%s', (_name, value, style, text) => {
    expect(renderConfigValue(value, style)).toBe(text);
  });

  it('floats as Python repr: 2.0 stays 2.0', () => {
    const options: Record<string, ConfigOptionMeta> = { ratio: { type: 'float' }, half: { type: 'float' } };
    expect(configEnvironment(options, { ratio: 2, half: 1.5 }, 'json')).toEqual({
      RATIO: '2.0',
      HALF: '1.5',
    });
  });
});

describe('option names and order', () => {
  it('kebab-case becomes CONSTANT_CASE', () => {
    expect(kebabToConstant('crowdstrike-client-id')).toBe('CROWDSTRIKE_CLIENT_ID');
  });
  it('options without a value are left out; the rest keep metadata order', () => {
    const options: Record<string, ConfigOptionMeta> = {
      b: { type: 'string' },
      a: { type: 'int' },
      c: { type: 'boolean' },
    };
    expect(Object.entries(configEnvironment(options, { a: 1, c: false }, 'python'))).toEqual([
      ['A', '1'],
      ['C', 'False'],
    ]);
  });
});

describe('required options', () => {
  const options = {
    key: { type: 'string', optional: false },
    level: { type: 'string', default: 'info', optional: false },
    scope: { type: 'string', optional: false },
    extra: { type: 'string', optional: true },
    legacy: { type: 'string' },
  } as const;
  // The config as `config-get` answers: set options plus defaults.
  it.each([
    ['nothing set: the required ones without default, in order', { level: 'info' }, ['key', 'scope']],
    ['"" counts as set', { key: '', scope: 'x', level: 'info' }, []],
    ['an option without an optional key is never required', { key: 'k', scope: 's', level: 'info' }, []],
  ] as const)('%s', (_name, config, missing) => {
    expect(missingOptions(options, config)).toEqual(missing);
  });
});

describe('proxy variables', () => {
  it.each([
    ['no proxies: nothing, even with a no-proxy list', { JUJU_CHARM_NO_PROXY: 'a' }, {}],
    [
      'http only: NO_PROXY gets the OpenCTI host',
      { JUJU_CHARM_HTTP_PROXY: 'http://p:3128' },
      {
        HTTP_PROXY: 'http://p:3128',
        http_proxy: 'http://p:3128',
        NO_PROXY: 'opencti.svc',
        no_proxy: 'opencti.svc',
      },
    ],
    [
      'https and a no-proxy list kept as given (not trimmed)',
      { JUJU_CHARM_HTTPS_PROXY: 'http://p:3129', JUJU_CHARM_NO_PROXY: 'a, b' },
      {
        HTTPS_PROXY: 'http://p:3129',
        https_proxy: 'http://p:3129',
        NO_PROXY: 'a, b,opencti.svc',
        no_proxy: 'a, b,opencti.svc',
      },
    ],
    ['ftp is ignored', { JUJU_CHARM_FTP_PROXY: 'ftp://p' }, {}],
  ])('%s', (_name, env, expected) => {
    expect(proxyEnvironment(env, 'http://OpenCTI.svc:8080/x')).toEqual(expected);
  });
});
