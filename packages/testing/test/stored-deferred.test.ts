// Stored state and deferred events: seeded from the state, read back from the framework store.
import { describe, expect, it } from 'vitest';
import { getStoredState, relation, storedState } from '../src/index.js';
import { seen, sink } from './helpers.js';

describe('stored state', () => {
  it('is seeded under the charm by default and read back with its owner path', async () => {
    const ctx = sink();
    const out = await ctx.run(ctx.on.configChanged(), {
      storedStates: [storedState({ content: { seen: ['before'], dbHost: 'h', secretValue: '' } })],
    });
    expect(getStoredState(out)).toEqual({
      name: 'stored',
      ownerPath: 'SinkCharm',
      content: { seen: ['before', 'config:normal'], dbHost: 'h', secretValue: '' },
    });
  });

  it('carries the framework event counter, so later event keys continue', async () => {
    const ctx = sink();
    const out = await ctx.runSequence([ctx.on.install(), ctx.on.install()], {});
    const counter = getStoredState(out, '_stored', '');
    expect(counter.content.event_count).toBeGreaterThan(4);
  });
});

describe('deferred events', () => {
  it('ctx.deferred builds the queue entry ops would have saved', () => {
    const ctx = sink();
    const db = relation({ endpoint: 'db', id: 7, remoteAppName: 'pg' });
    expect(ctx.deferred(ctx.on.relationDeparted(db, { remoteUnit: 0 }), 'onDbDeparted', { key: 3 })).toEqual({
      handlePath: 'SinkCharm/on/db_relation_departed[3]',
      observer: 'SinkCharm',
      method: 'onDbDeparted',
      snapshot: {
        relation_name: 'db',
        relation_id: 7,
        app_name: 'pg',
        unit_name: 'pg/0',
        departing_unit: 'pg/0',
      },
    });
  });

  it('queued events are re-emitted before the event, FIFO', async () => {
    const ctx = sink();
    const db = relation({ endpoint: 'db', remoteAppName: 'pg', remoteUnitsData: { 0: {}, 1: {} } });
    const out = await ctx.run(ctx.on.configChanged(), {
      relations: [db],
      deferred: [
        ctx.deferred(ctx.on.relationChanged(db, { remoteUnit: 1 }), 'onDbChanged', { key: 1 }),
        ctx.deferred(ctx.on.relationDeparted(db, { remoteUnit: 0 }), 'onDbDeparted', { key: 2 }),
      ],
    });
    expect(seen(out)).toEqual(['changed:pg/1', 'departed:pg/0', 'config:normal']);
    expect(out.deferred).toEqual([]);
  });
});
