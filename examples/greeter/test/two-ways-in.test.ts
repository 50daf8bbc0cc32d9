// One rules engine, two ways in: the same greeter and the same packages/juju state give the same output
// state (and the same hook-tool calls) through the testing kit in-process and through the packed charm's
// real `dispatch` run by the simulator's HookRunner.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '@ops-ts/archive';
import { loadProject, packCharm } from '@ops-ts/cli';
import type { StoreData } from '@ops-ts/ops/runtime';
import { HookRunner } from '@ops-ts/sim';
import { type CharmEvent, Context, relation, type State, state } from '@ops-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GreeterCharm } from '../src/greeter.js';

const project = new URL('..', import.meta.url).pathname;
const ctx = new Context(GreeterCharm, { charmcraft: project });
let charmFile: string;
let runner: HookRunner | undefined;

beforeAll(async () => {
  charmFile = await packCharm(loadProject(project), mkdtempSync(join(tmpdir(), 'greeter-pack-')));
}, 120_000);
afterAll(async () => runner?.close());

const fans = relation({
  endpoint: 'greeting',
  remoteAppName: 'fan',
  remoteUnitsData: { 0: { name: 'alice' }, 1: { name: 'bob' } },
});

const sequences: { name: string; input: State; events: CharmEvent[] }[] = [
  {
    name: 'leader: install to update-status with a relation',
    input: state({ leader: true, config: { greeting: 'howdy' }, relations: [fans] }),
    events: [
      ctx.on.install(),
      ctx.on.leaderElected(),
      ctx.on.configChanged(),
      ctx.on.start(),
      ctx.on.relationJoined(fans, { remoteUnit: 0 }),
      ctx.on.relationChanged(fans, { remoteUnit: 0 }),
      ctx.on.relationChanged(fans, { remoteUnit: 1 }),
      ctx.on.updateStatus(),
    ],
  },
  {
    name: 'follower: a deferred relation-changed and an empty greeting',
    input: state({ config: { greeting: '' }, relations: [fans] }),
    events: [
      ctx.on.install(),
      ctx.on.relationChanged(fans, { remoteUnit: 1 }),
      ctx.on.start(),
      ctx.on.configChanged(),
    ],
  },
];

describe('the kit and the packed dispatch agree', () => {
  it.each(sequences)('$name', async ({ input, events }) => {
    // The packed side: the kit's own translation of the input, run by real processes.
    const first = events[0];
    if (!first) throw new Error('empty sequence');
    const { model, store } = ctx.toModel(first, input);
    const dir = mkdtempSync(join(tmpdir(), 'greeter-two-ways-'));
    const charmDir = join(dir, 'greeter-0');
    extractZip(readFileSync(charmFile), charmDir);
    writeFileSync(join(charmDir, '.unit-state.json'), JSON.stringify(store));
    runner = new HookRunner({ state: () => model, charmDir: () => charmDir, toolsDir: join(dir, 'tools') });

    let kitState: State = input;
    for (const event of events) {
      const kit = await ctx.runWithResult(event, kitState);
      // One hook identity for both: the kit's own, for this event on this state.
      const packed = await runner.run(ctx.toModel(event, kitState).hook);
      expect({ exit: packed.exitCode, stderr: packed.stderr }).toEqual({ exit: kit.exitCode, stderr: '' });
      // Same hook-tool calls, in the same order, with the same argv.
      expect(packed.toolCalls).toEqual(kit.trace.map(({ tool, args }) => ({ tool, args })));
      kitState = kit.state;
      const storeAfter = JSON.parse(readFileSync(join(charmDir, '.unit-state.json'), 'utf8')) as StoreData;
      // Same output state: relation data, statuses, stored state, deferred events, ports, secrets.
      expect(ctx.fromModel(input, model, storeAfter)).toEqual(kitState);
    }
    await runner.close();
    runner = undefined;
  });
});
