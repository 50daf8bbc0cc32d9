// The greeter charm as a function of state, through @ops-ts/testing.
import { ActiveStatus, BlockedStatus, MaintenanceStatus, type StatusBase, WaitingStatus } from '@ops-ts/ops';
import {
  Context,
  getRelation,
  getStoredState,
  peerRelation,
  type Relation,
  relation,
  state,
  storedState,
} from '@ops-ts/testing';
import { describe, expect, it } from 'vitest';
import { GreeterCharm } from '../src/greeter.js';

// Given no declarations, the Context reads the charmcraft.yaml above this test file, as Scenario does.
const context = () => new Context(GreeterCharm);

const fans = () =>
  relation({
    endpoint: 'greeting',
    remoteAppName: 'fan',
    remoteUnitsData: { 0: { name: 'alice' }, 1: { name: 'bob' } },
  });

const started = (content: Record<string, unknown> = {}) =>
  storedState({
    content: { started: true, configChanges: 0, published: '', audience: [], ...content } as never,
  });

describe('config-changed', () => {
  it('publishes the greeting (leader, app bag) and the unit address (unit bag)', async () => {
    const ctx = context();
    const rel = fans();
    const out = await ctx.run(
      ctx.on.configChanged(),
      state({ leader: true, config: { greeting: 'howdy' }, relations: [rel] }),
    );
    expect(getRelation(out, rel).localAppData).toEqual({ greeting: 'howdy' });
    expect(getRelation(out, rel).localUnitData).toMatchObject({ host: 'greeter-0.local:8080' });
    expect(getStoredState(out).content).toMatchObject({ configChanges: 1, published: 'howdy' });
  });

  it('uses config defaults from charmcraft.yaml', async () => {
    const ctx = context();
    const rel = fans();
    const out = await ctx.run(ctx.on.configChanged(), state({ leader: true, relations: [rel] }));
    expect(getRelation(out, rel).localAppData).toEqual({ greeting: 'hello' });
  });

  it.each([
    { leader: true, appData: { greeting: 'hi' } },
    { leader: false, appData: {} },
  ])('as leader=$leader writes app data $appData', async ({ leader, appData }) => {
    const ctx = context();
    const rel = fans();
    const out = await ctx.run(
      ctx.on.configChanged(),
      state({ leader, config: { greeting: 'hi' }, relations: [rel] }),
    );
    expect(getRelation(out, rel).localAppData).toEqual(appData);
    expect(getRelation(out, rel).localUnitData).toMatchObject({ host: 'greeter-0.local:8080' });
  });

  it('makes the expected hook-tool calls', async () => {
    const ctx = context();
    await ctx.run(
      ctx.on.configChanged(),
      state({ leader: true, config: { greeting: 'hi' }, relations: [fans()] }),
    );
    const tools = ctx.trace.map((c) => c.tool);
    expect(tools).toContain('relation-set');
    const appWrite = ctx.trace.find((c) => c.tool === 'relation-set' && c.args.includes('--app'));
    expect(appWrite?.stdin && JSON.parse(appWrite.stdin)).toEqual({ greeting: 'hi' });
  });

  it('leaves the input state untouched (inputs are frozen)', async () => {
    const ctx = context();
    const input = state({ leader: true, relations: [fans()] });
    await ctx.run(ctx.on.configChanged(), input);
    expect(input.relations[0]?.localAppData).toEqual({});
    expect(Object.isFrozen(input.relations[0]?.localAppData)).toBe(true);
  });
});

describe('greeting-relation-changed', () => {
  it('before start: deferred, and re-emitted (then handled) after start', async () => {
    const ctx = context();
    const rel = fans();
    const afterChanged = await ctx.run(
      ctx.on.relationChanged(rel, { remoteUnit: 0 }),
      state({ relations: [rel] }),
    );
    expect(afterChanged.deferred).toEqual([
      {
        handlePath: 'GreeterCharm/on/greeting_relation_changed[1]',
        observer: 'GreeterCharm',
        method: 'onGreetingChanged',
        snapshot: { relation_name: 'greeting', relation_id: rel.id, app_name: 'fan', unit_name: 'fan/0' },
      },
    ]);
    // start re-emits first (still not started then: deferred again), then starts.
    const afterStart = await ctx.run(ctx.on.start(), afterChanged);
    expect(afterStart.deferred).toHaveLength(1);
    const afterUpdate = await ctx.run(ctx.on.updateStatus(), afterStart);
    expect(afterUpdate.deferred).toEqual([]);
    expect(getStoredState(afterUpdate).content.audience).toEqual(['alice']);
  });

  it('a deferred event built with ctx.deferred is re-emitted to its handler', async () => {
    const ctx = context();
    const rel = fans();
    const queued = ctx.deferred(ctx.on.relationChanged(rel, { remoteUnit: 1 }), 'onGreetingChanged');
    const out = await ctx.run(
      ctx.on.updateStatus(),
      state({ relations: [rel], deferred: [queued], storedStates: [started()] }),
    );
    expect(out.deferred).toEqual([]);
    expect(getStoredState(out).content.audience).toEqual(['bob']);
  });

  it('runSequence threads the state through install, relation-changed, start, update-status', async () => {
    const ctx = context();
    const rel = fans();
    const out = await ctx.runSequence(
      [
        ctx.on.install(),
        ctx.on.relationChanged(rel, { remoteUnit: 1 }),
        ctx.on.start(),
        ctx.on.updateStatus(),
      ],
      state({ leader: true, relations: [rel] }),
    );
    expect(getStoredState(out).content).toMatchObject({ started: true, audience: ['bob'] });
    expect(out.unitStatus).toEqual(new ActiveStatus('greeting 1 audience member(s)'));
  });
});

describe('collect-status', () => {
  it.each([
    {
      name: 'blocked beats waiting and active',
      config: { greeting: '' },
      relations: [],
      status: new BlockedStatus('greeting must not be empty'),
    },
    {
      name: 'waiting without audience',
      config: {},
      relations: [],
      status: new WaitingStatus('no audience yet'),
    },
    {
      name: 'active with a relation',
      config: {},
      relations: [fans()],
      status: new ActiveStatus('greeting 0 audience member(s)'),
    },
  ] as { name: string; config: Record<string, string>; relations: Relation[]; status: StatusBase }[])(
    '$name',
    async ({ config, relations, status }) => {
      const ctx = context();
      const out = await ctx.run(
        ctx.on.updateStatus(),
        state({ config, relations, unitStatus: new MaintenanceStatus('x') }),
      );
      expect(out.unitStatus).toEqual(status);
      expect(ctx.unitStatusHistory).toEqual([status]);
    },
  );

  it('counts the audience from stored state', async () => {
    const ctx = context();
    const out = await ctx.run(
      ctx.on.updateStatus(),
      state({ relations: [fans()], storedStates: [started({ audience: ['alice', 'bob'] })] }),
    );
    expect(out.unitStatus).toEqual(new ActiveStatus('greeting 2 audience member(s)'));
  });
});

describe('the kit refuses impossible states', () => {
  it.each([
    {
      name: 'unknown config key',
      s: state({ config: { colour: 'red' } }),
      problem: /config option "colour" is not declared/,
    },
    {
      name: 'wrongly typed config',
      s: state({ config: { port: 'eighty' } }),
      problem: /"port" is declared as int/,
    },
    {
      name: 'relation on an unknown endpoint',
      s: state({ relations: [relation({ endpoint: 'database' })] }),
      problem: /endpoint "database" is not in the metadata/,
    },
    {
      name: 'peer endpoint as a regular relation',
      s: state({ relations: [relation({ endpoint: 'greeters' })] }),
      problem: /greeters is a peer endpoint/,
    },
  ])('$name', async ({ s, problem }) => {
    const ctx = context();
    await expect(ctx.run(ctx.on.configChanged(), s)).rejects.toThrow(problem);
  });

  it('a remote unit that is not in the relation', async () => {
    const ctx = context();
    const rel = fans();
    await expect(
      ctx.run(ctx.on.relationChanged(rel, { remoteUnit: 7 }), state({ relations: [rel] })),
    ).rejects.toThrow(/remote unit fan\/7 is not in relation greeting/);
  });

  it('peers are fine', async () => {
    const ctx = context();
    const peers = peerRelation({ endpoint: 'greeters', peersData: { 1: {} } });
    const out = await ctx.run(ctx.on.configChanged(), state({ relations: [peers] }));
    expect(getRelation(out, peers).kind).toBe('peer');
  });
});
