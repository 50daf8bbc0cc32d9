// The promise Juju makes, kept by every charm in the repo under injected faults: at each hook-tool call
// of a representative hook, that call fails (exit 1) or hangs (the hook is killed), and at each Pebble
// request the workload answers 500 or drops the connection. Property: the hook either fails (and nothing
// it buffered is committed) or succeeds with a status that says what is wrong; stored state and deferred
// events survive; and once the fault clears, running the hook again converges to the state a run
// without faults gives. RELIABILITY.md has the figures.
import type { FakeOpencti } from '@ops-ts/fake-opencti';
import {
  type CharmEvent,
  type Context,
  container,
  type Fault,
  Context as KitContext,
  pebbleFault,
  relation,
  type State,
  secret,
  state,
  toolFault,
} from '@ops-ts/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as platform from '../charms/opencti/test/fixtures.js';
import * as alienvault from '../charms/opencti-alienvault-connector/src/connector.js';
import { OpenctiCrowdstrikeConnectorCharm } from '../charms/opencti-crowdstrike-connector/src/connector.js';
import * as crowdstrike from '../charms/opencti-crowdstrike-connector/test/fixtures.js';
import { OpenctiWoapConnectorCharm } from '../charms/opencti-woap-connector/src/connector.js';
import { GreeterCharm } from '../examples/greeter/src/greeter.js';
import { SecretKeeperCharm } from '../examples/secret-keeper/src/keeper.js';
import { WebserverCharm } from '../examples/webserver/src/webserver.js';

const at = (path: string) => new URL(`../${path}/charmcraft.yaml`, import.meta.url);

/** One charm, one hook, one state: what the faults are injected into. */
interface Scenario {
  name: string;
  ctx: () => Context;
  event: (ctx: Context) => CharmEvent;
  state: () => State;
  /** Containers whose Pebble requests get faults. */
  containers: string[];
  /** Keys whose values the charm makes up afresh on each run (a generated password). */
  generated?: string[];
}

let fake: FakeOpencti;
beforeAll(async () => {
  fake = await platform.fakeOpencti();
});
afterAll(() => fake.close());

const fans = relation({
  endpoint: 'greeting',
  remoteAppName: 'fan',
  remoteUnitsData: { 0: { name: 'alice' }, 1: { name: 'bob' } },
});
const connectorWorld = (charm: string, config: Record<string, string | number | boolean>) =>
  state({
    leader: true,
    config,
    relations: [crowdstrike.platformRelation()],
    secrets: [crowdstrike.tokenSecret()],
    containers: [container({ name: charm, canConnect: true })],
  });
const woapToken = secret({ id: 'secret:cs0opencti0token0000', content: { token: 't' }, ownerApp: 'opencti' });
const woapUser = secret({
  id: 'secret:cs0opensearch0user00',
  content: { username: 'woap', password: 'os-pass' },
  ownerApp: 'opensearch',
});

const SCENARIOS: Scenario[] = [
  {
    name: 'greeter: config-changed as leader with fans',
    ctx: () => new KitContext(GreeterCharm, { charmcraft: at('examples/greeter') }),
    event: (c) => c.on.configChanged(),
    state: () => state({ leader: true, config: { greeting: 'howdy' }, relations: [fans] }),
    containers: [],
  },
  {
    name: 'secret-keeper: leader-elected creates the password secret',
    ctx: () => new KitContext(SecretKeeperCharm, { charmcraft: at('examples/secret-keeper') }),
    event: (c) => c.on.leaderElected(),
    state: () => state({ leader: true }),
    containers: [],
    generated: ['password'],
  },
  {
    name: 'webserver: pebble-ready',
    ctx: () => new KitContext(WebserverCharm, { charmcraft: at('examples/webserver') }),
    event: (c) => c.on.pebbleReady('webserver'),
    state: () =>
      state({
        containers: [
          container({
            name: 'webserver',
            canConnect: true,
            execs: [{ command: ['python3', '--version'], stdout: 'Python 3.12.3\n' }],
          }),
        ],
      }),
    containers: ['webserver'],
  },
  {
    name: 'crowdstrike connector: config-changed',
    ctx: () =>
      new KitContext(OpenctiCrowdstrikeConnectorCharm, {
        charmcraft: at('charms/opencti-crowdstrike-connector'),
        appName: 'crowdstrike',
      }),
    event: (c) => c.on.configChanged(),
    state: () => crowdstrike.world(),
    containers: [crowdstrike.CHARM],
  },
  {
    name: 'alienvault connector (generated): config-changed',
    ctx: () =>
      new KitContext(alienvault.OpenctiAlienvaultConnectorCharm, {
        charmcraft: at('charms/opencti-alienvault-connector'),
        appName: 'alienvault',
      }),
    event: (c) => c.on.configChanged(),
    state: () =>
      connectorWorld('opencti-alienvault-connector', {
        'alienvault-api-key': 'otx-key',
        'alienvault-interval-sec': 300,
        'connector-scope': 'alienvault',
      }),
    containers: ['opencti-alienvault-connector'],
  },
  {
    name: 'woap connector: config-changed with OpenSearch',
    ctx: () =>
      new KitContext(OpenctiWoapConnectorCharm, {
        charmcraft: at('charms/opencti-woap-connector'),
        appName: 'woap',
      }),
    event: (c) => c.on.configChanged(),
    state: () =>
      state({
        leader: true,
        relations: [
          relation({
            endpoint: 'opencti-connector',
            remoteAppName: 'opencti',
            remoteAppData: { opencti_url: 'http://opencti:8080', opencti_token: woapToken.id },
            remoteUnitsData: { 0: {} },
          }),
          relation({
            endpoint: 'opensearch-client',
            remoteAppName: 'opensearch',
            remoteAppData: { endpoints: '10.0.0.1:9200', 'secret-user': woapUser.id },
            remoteUnitsData: { 0: {} },
          }),
        ],
        secrets: [woapToken, woapUser],
        containers: [container({ name: 'opencti-woap-connector', canConnect: true })],
      }),
    containers: ['opencti-woap-connector'],
  },
  {
    name: 'opencti platform: config-changed with a connector',
    ctx: () => platform.context(fake) as unknown as Context,
    event: (c) => c.on.configChanged(),
    state: () => platform.world({}, [platform.connector('crowdstrike')]),
    containers: ['opencti'],
  },
];

/** What Juju commits for a hook (not statuses or the workload, which are not transactional). */
function committed(s: State, generated: readonly string[] = []): unknown {
  const view = {
    relations: s.relations.map((r) => ({ id: r.id, app: r.localAppData, unit: r.localUnitData })),
    secrets: s.secrets,
    stored: s.storedStates.filter((x) => x.ownerPath !== ''),
    deferred: s.deferred,
    ports: s.openedPorts,
  };
  // Ids the charm makes up afresh on each run (connector ids) and event numbers are not state to compare.
  return JSON.parse(
    JSON.stringify(view, (key, value: unknown) => (generated.includes(key) ? '<generated>' : value))
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\[\d+\]/g, '[n]')
      .replace(/secret:[0-9a-v]{20}/g, '<secret-id>'),
  );
}

/** Every fault at every position of the clean run: tool calls x {fail, hang}, Pebble requests x {500, reset}. */
function faultsFor(scenario: Scenario, toolCalls: number, pebbleRequests: Record<string, number>): Fault[] {
  const out: Fault[] = [];
  for (let call = 1; call <= toolCalls; call++) {
    out.push(toolFault({ call, effect: 'fail' }), toolFault({ call, effect: 'hang' }));
  }
  for (const c of scenario.containers) {
    for (let request = 1; request <= (pebbleRequests[c] ?? 0); request++) {
      out.push(
        pebbleFault({ container: c, request, effect: 'error' }),
        pebbleFault({ container: c, request, effect: 'refuse' }),
      );
    }
  }
  return out;
}

/** How many requests each container's Pebble got in a run: a fault at every position, none firing past the end. */
async function countRequests(scenario: Scenario, ctx: Context): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const c of scenario.containers) {
    let n = 0;
    // A counting fault that never fires (position beyond any run) would say nothing; probe upwards instead.
    while (n < 200) {
      const r = await ctx.runWithResult(scenario.event(ctx), scenario.state(), {
        faults: [pebbleFault({ container: c, request: n + 1, effect: 'error' })],
      });
      if (r.faults.length === 0) break;
      n++;
    }
    counts[c] = n;
  }
  return counts;
}

/** Per scenario: fault points tried, hooks that failed cleanly, hooks that went on with a status. */
const tally: string[] = [];
afterAll(() => {
  // The figures RELIABILITY.md quotes.
  console.log(`fault injection (testing kit):\n${tally.join('\n')}`);
});

describe.each(SCENARIOS)('$name', (scenario) => {
  it('fails cleanly or says what is wrong at every fault point, and converges once it clears', async () => {
    const ctx = scenario.ctx();
    const input = scenario.state();
    const clean = await ctx.runWithResult(scenario.event(ctx), input);
    expect(clean.exitCode, clean.error?.message).toBe(0);
    const pebble = await countRequests(scenario, ctx);
    const faults = faultsFor(scenario, clean.trace.length, pebble);
    expect(faults.length).toBeGreaterThan(0);
    let failed = 0;
    let wentOn = 0;
    for (const fault of faults) {
      const where = JSON.stringify(fault);
      const r = await ctx.runWithResult(scenario.event(ctx), input, { faults: [fault] });
      expect(r.faults, where).toHaveLength(1);
      if (r.exitCode !== 0) failed++;
      else wentOn++;
      if (r.exitCode !== 0) {
        // Juju discards what a failed hook buffered.
        expect(committed(r.state, scenario.generated), where).toEqual(committed(input, scenario.generated));
        if (fault.kind === 'tool' && fault.effect === 'hang') expect(r.killed, where).toBe(true);
      } else if (
        JSON.stringify(committed(r.state, scenario.generated)) !==
        JSON.stringify(committed(clean.state, scenario.generated))
      ) {
        // The charm went on: it must say so.
        expect(r.state.unitStatus.name, where).not.toBe('active');
        expect(r.state.unitStatus.message, where).not.toBe('');
      }
      // The fault clears; Juju runs the hook again (on what was committed) and the model converges.
      const retry = await ctx.runWithResult(scenario.event(ctx), r.state);
      expect(retry.exitCode, `${where}: ${retry.error?.message}`).toBe(0);
      expect(committed(retry.state, scenario.generated), where).toEqual(
        committed(clean.state, scenario.generated),
      );
      expect(retry.state.unitStatus, where).toEqual(clean.state.unitStatus);
    }
    tally.push(
      `  ${scenario.name}: ${faults.length} fault points (${clean.trace.length} tool calls x fail/hang, ` +
        `${Object.values(pebble).reduce((a, b) => a + b, 0)} Pebble requests x 500/reset): ` +
        `${failed} hooks failed and committed nothing, ${wentOn} went on`,
    );
  }, 120_000);
});
