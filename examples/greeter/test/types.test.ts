// The types `ops-ts typegen` generates from charmcraft.yaml, as the compiler sees them (checked by `tsc`,
// which runs over the tests: a wrong type here fails `pnpm typecheck`), and kept fresh.
import { readFileSync } from 'node:fs';
import { charmTypesSource, loadProject } from '@ops-ts/cli';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { GreeterCharm } from '../src/greeter.js';

describe('generated charm types', () => {
  it('type the config, the endpoint names and refuse unknown ones', () => {
    expectTypeOf<GreeterCharm['config']['port']>().toEqualTypeOf<number>();
    expectTypeOf<GreeterCharm['config']['greeting']>().toEqualTypeOf<string>();
    expectTypeOf<Parameters<GreeterCharm['on']['relationChanged']>[0]>().toEqualTypeOf<
      'audience' | 'greeting' | 'greeters'
    >();
    expectTypeOf<Parameters<GreeterCharm['on']['pebbleReady']>[0]>().toEqualTypeOf<never>();
    const misuse = (charm: GreeterCharm) => {
      // @ts-expect-error: greeter has no such endpoint
      charm.on.relationChanged('nope');
      // @ts-expect-error: greeter has no such option
      return charm.config.colour;
    };
    expect(typeof misuse).toBe('function');
  });

  it('are what typegen writes now (ops-ts typegen)', () => {
    const project = loadProject(new URL('..', import.meta.url).pathname);
    const file = new URL('../src/generated/charm-types.ts', import.meta.url);
    expect(readFileSync(file, 'utf8')).toBe(charmTypesSource(project));
  });
});
