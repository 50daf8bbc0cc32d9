// Typed action params from the generated types: `event.params` of `rotate-password` as actions.yaml
// declares it (params with a default are filled in, so `length` and `charset` are always there).
// Checked by `tsc` (`pnpm typecheck` covers the tests).
import type { BoundEvent } from '@ops-ts/ops';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { SecretKeeperCharm } from '../src/keeper.js';

/** The event type a bound event hands its observers. */
type EventOf<B> = B extends BoundEvent<infer E, infer _A> ? E : never;
const rotate = (charm: SecretKeeperCharm) => charm.on.action('rotate-password');
type RotateEvent = EventOf<ReturnType<typeof rotate>>;

describe('generated action types', () => {
  it('type the params of rotate-password and refuse unknown actions', () => {
    expectTypeOf<RotateEvent['params']['length']>().toEqualTypeOf<number>();
    expectTypeOf<RotateEvent['params']['charset']>().toEqualTypeOf<'alnum' | 'hex'>();
    const misuse = (charm: SecretKeeperCharm) => {
      // @ts-expect-error: secret-keeper has no such action
      charm.on.action('nope');
    };
    expect(typeof misuse).toBe('function');
  });
});
