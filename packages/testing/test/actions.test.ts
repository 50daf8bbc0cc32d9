// Actions: params in, results, logs and failure out.
import { describe, expect, it } from 'vitest';
import { ActionFailed, InconsistentStateError, UncaughtCharmError } from '../src/index.js';
import { sink } from './helpers.js';

describe('actions', () => {
  it('results and logs are on the context', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.action('greet', { name: 'ada' }), {});
    expect(ctx.actionOutput).toEqual({
      results: { greeting: 'hello ada', detail: { length: '3' } },
      logs: ['greeting ada'],
      failureMessage: undefined,
    });
    expect(out.unitStatus.name).toBe('waiting');
  });

  it('event.fail() rejects with ActionFailed carrying the message, output state and logs', async () => {
    const ctx = sink();
    const error = await ctx.run(ctx.on.action('greet', { name: 'nobody' }), {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionFailed);
    const failed = error as ActionFailed;
    expect(failed.message).toBe('there is nobody to greet');
    expect(failed.output.logs).toEqual(['greeting nobody']);
    expect(failed.state.unitStatus.name).toBe('waiting');
  });

  it('missing required params are the charm’s error (schema validation in ops)', async () => {
    const ctx = sink();
    await expect(ctx.run(ctx.on.action('greet', {}), {})).rejects.toBeInstanceOf(UncaughtCharmError);
  });

  it('an action not in actions.yaml is refused before running', async () => {
    const ctx = sink();
    await expect(ctx.run(ctx.on.action('dance'), {})).rejects.toBeInstanceOf(InconsistentStateError);
  });

  it('actions cannot be deferred', () => {
    const ctx = sink();
    expect(() => ctx.deferred(ctx.on.action('greet'), 'onGreet')).toThrow(/not deferrable/);
  });
});
