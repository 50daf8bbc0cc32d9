// Users' keys that are JavaScript object properties (issue 12, defect 9): `constructor`, `__proto__` and
// `toString` are stored and read back like any other key.
import { afterEach, describe, expect, it } from 'vitest';
import { parseKeyValues, parseSecretContent, Simulator as Sim, type Simulator } from '../src/index.js';
import { openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

const KEYS = ['constructor', '__proto__', 'toString'];

describe('prototype-free maps', () => {
  let sim: Simulator;
  afterEach(async () => sim?.close());

  it.each(KEYS)('parses %s=v as a key', (key) => {
    expect(Object.entries(parseKeyValues([`${key}=v`]))).toEqual([[key, 'v']]);
    expect(Object.entries(parseSecretContent([`${key}=v`], '/'))).toEqual([[key, 'v']]);
  });

  it('relation data keeps them, committed and across a reload', async () => {
    const dispatch = `#!/bin/sh
case "$JUJU_DISPATCH_PATH" in
  hooks/*-relation-joined) relation-set constructor=c __proto__=p toString=t ;;
esac
exit 0
`;
    sim = openSim();
    sim.deploy(packShellCharm({ name: 'db', provides: { db: { interface: 'sql' } }, dispatch }));
    sim.deploy(packShellCharm({ name: 'app', requires: { db: { interface: 'sql' } }, dispatch }));
    sim.integrate('db', 'app');
    await sim.settle();
    expect(sim.hookLog().filter((e) => e.exitCode !== 0)).toEqual([]);
    const dir = sim.store.dir;
    await sim.close();
    sim = Sim.open({ modelDir: dir, concurrency: 1 });
    const data = sim.showUnit('app/0')['relation-info']?.[0]?.['related-units']?.['db/0']?.data ?? {};
    expect(Object.entries(data).filter(([k]) => KEYS.includes(k))).toEqual([
      ['constructor', 'c'],
      ['__proto__', 'p'],
      ['toString', 't'],
    ]);
  });

  it('config, action params and secret content refuse or keep them, never lose them', async () => {
    sim = openSim();
    sim.deploy(packShellCharm({ name: 'db' }));
    await sim.settle();
    expect(() => sim.setConfig('db', { constructor: '1' })).toThrow('unknown option "constructor"');
    expect(() => sim.setConfig('db', { ['__proto__']: '1' })).toThrow('unknown option "__proto__"');
    await expect(sim.runAction('db/0', 'echo', { text: 'a', constructor: 'x' })).rejects.toThrow(
      'param "constructor" is not allowed',
    );
    // Juju's secret keys are lower-case words: `__proto__` is refused by that rule, `constructor` kept.
    expect(() => sim.addSecret('bad', parseSecretContent(['__proto__=p'], '/'))).toThrow(
      'key "__proto__" not valid',
    );
    const uri = sim.addSecret('keys', parseSecretContent(['constructor=c', 'value=v'], '/'));
    const secret = Object.values(sim.state.secrets).find((s) => `secret:${s.id}` === uri);
    expect(Object.keys(secret?.revisions[0]?.content ?? {})).toEqual(['constructor', 'value']);
  });
});

describe('Pebble layers', () => {
  it('a service named __proto__ or constructor is kept by the merge', async () => {
    const { mergeLayers } = await import('@ops-ts/pebble');
    const plan = mergeLayers([
      {
        label: 'base',
        layer: {
          services: {
            ['__proto__']: { override: 'replace' as const, command: 'a' },
            constructor: { override: 'replace' as const, command: 'b', after: ['__proto__'] },
          },
        },
      },
      { label: 'top', layer: { services: { constructor: { override: 'merge' as const, command: 'c' } } } },
    ]);
    expect(Object.entries(plan.services ?? {}).map(([name, s]) => [name, s.command])).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'c'],
    ]);
  });
});
