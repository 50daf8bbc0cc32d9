// Scenario features an ops author reaches for: emitted events, the run manager, custom events, cloud spec,
// typed stored state, and a Context that finds charmcraft.yaml by itself.
import {
  ActiveStatus,
  CharmBase,
  CollectStatusEvent,
  CommitEvent,
  ConfigChangedEvent,
  EventBase,
  type Framework,
  FrameworkObject,
  type Handle,
  ObjectEvents,
  PreCommitEvent,
  StartEvent,
  StoredState,
  UpdateStatusEvent,
} from '@ops-ts/ops';
import { describe, expect, it } from 'vitest';
import {
  type CloudSpec,
  Context,
  getStoredState,
  InconsistentStateError,
  state,
  storedState,
  UncaughtCharmError,
} from '../src/index.js';

/** A library's custom event carrying the database host. */
class DatabaseReadyEvent extends EventBase {
  host: string;
  constructor(handle: Handle, host: string) {
    super(handle);
    this.host = host;
  }
  override snapshot() {
    return { host: this.host };
  }
  override restore(snapshot: Record<string, unknown>) {
    this.host = String(snapshot.host);
  }
}

class DatabaseEvents extends ObjectEvents {
  readonly ready = this.define('ready', DatabaseReadyEvent);
}

/** A relation library object, as ops' charm libraries are written: it emits `ready` on config-changed. */
class Database extends FrameworkObject {
  readonly on = new DatabaseEvents(this);
  constructor(charm: CharmBase) {
    super(charm, 'database');
    this.observe(charm.on.configChanged, this.onConfigChanged);
  }
  async onConfigChanged() {
    await this.on.ready.emit('db.internal');
  }
}

const META = { name: 'parity', containers: {} };
const CONFIG = { options: { cloud: { type: 'boolean', default: false } } };

class ParityCharm extends CharmBase {
  readonly stored = new StoredState(this, 'stored', { host: '', starts: 0, cloud: '' });
  readonly database = new Database(this);
  started = false;

  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.start, this.onStart);
    this.observe(this.database.on.ready, this.onDatabaseReady);
    this.observe(this.on.updateStatus, this.onUpdateStatus);
    this.observe(this.on.collectUnitStatus, this.onCollectStatus);
  }
  onStart() {
    this.started = true;
    this.stored.data.starts += 1;
  }
  onDatabaseReady(event: DatabaseReadyEvent) {
    if (!this.started && this.stored.data.starts === 0) {
      event.defer();
      return;
    }
    this.stored.data.host = event.host;
  }
  onUpdateStatus() {
    const spec: { name?: string; region?: string } = this.model.getCloudSpec();
    this.stored.data.cloud = `${spec.name}/${spec.region}`;
  }
  onCollectStatus(event: CollectStatusEvent) {
    event.addStatus(new ActiveStatus(this.stored.data.host));
  }
}

const ctx = (
  options: { captureDeferredEvents?: boolean; captureFrameworkEvents?: boolean; appTrusted?: boolean } = {},
) => new Context(ParityCharm, { meta: META, config: CONFIG, ...options });

describe('emittedEvents', () => {
  it('records the hook event and custom events, not framework events, by default', async () => {
    const c = ctx();
    await c.run(c.on.configChanged(), state());
    expect(c.emittedEvents.map((e) => e.constructor)).toEqual([ConfigChangedEvent, DatabaseReadyEvent]);
    expect((c.emittedEvents[1] as DatabaseReadyEvent).host).toBe('db.internal');
  });

  it('adds framework events when asked (capture_framework_events)', async () => {
    const c = ctx({ captureFrameworkEvents: true });
    // A leader collects the app status too.
    await c.run(c.on.start(), state({ leader: true }));
    expect(c.emittedEvents.map((e) => e.constructor)).toEqual([
      StartEvent,
      CollectStatusEvent,
      CollectStatusEvent,
      PreCommitEvent,
      CommitEvent,
    ]);
  });

  it('adds re-emitted deferred events only when asked (capture_deferred_events)', async () => {
    for (const [capture, expected] of [
      [false, [UpdateStatusEvent]],
      [true, [DatabaseReadyEvent, UpdateStatusEvent]],
    ] as const) {
      const c = ctx({ captureDeferredEvents: capture, appTrusted: true });
      const first = await c.run(c.on.configChanged(), state());
      expect(first.deferred).toHaveLength(1);
      const cloudy = { ...first, model: { ...first.model, type: 'machine' as const, cloudSpec: {} } };
      c.emittedEvents.length = 0;
      await c.run(c.on.updateStatus(), cloudy);
      expect(c.emittedEvents.map((e) => e.constructor)).toEqual(expected);
    }
  });

  it('accumulates over runs', async () => {
    const c = ctx();
    await c.run(c.on.start(), state());
    await c.run(c.on.configChanged(), state());
    expect(c.emittedEvents.map((e) => e.handle.kind)).toEqual(['start', 'config_changed', 'ready']);
  });
});

describe('withManager', () => {
  it('gives the live charm before the event and the same charm after it', async () => {
    const c = ctx();
    const seen = await c.withManager(c.on.start(), state(), async (mgr) => {
      const before = mgr.charm.started;
      const out = await mgr.run();
      return { before, after: mgr.charm.started, starts: getStoredState(out).content.starts };
    });
    expect(seen).toEqual({ before: false, after: true, starts: 1 });
  });

  it('runs the event on leaving when the body did not call run()', async () => {
    const c = ctx();
    await c.withManager(c.on.start(), state(), (mgr) => {
      expect(mgr.charm.started).toBe(false);
    });
    expect(c.lastRun?.state.storedStates.find((s) => s.name === 'stored')?.content).toMatchObject({
      starts: 1,
    });
  });

  it('runs once: a second run() is refused', async () => {
    const c = ctx();
    await c.withManager(c.on.start(), state(), async (mgr) => {
      await mgr.run();
      await expect(mgr.run()).rejects.toThrow('run() was already called');
    });
  });

  it('raises what the charm raised, from run()', async () => {
    const c = ctx();
    await c.withManager(c.on.updateStatus(), state(), async (mgr) => {
      await expect(mgr.run()).rejects.toBeInstanceOf(UncaughtCharmError);
    });
  });

  it('refuses an impossible state before building the charm', async () => {
    const c = ctx();
    await expect(
      c.withManager(c.on.start(), state({ config: { nope: 1 } }), () => undefined),
    ).rejects.toBeInstanceOf(InconsistentStateError);
  });
});

describe('ctx.on.custom', () => {
  it("emits a library's custom event with its arguments; deferred events run first", async () => {
    const c = ctx();
    const out = await c.run(
      c.on.custom((charm: ParityCharm) => charm.database.on.ready, 'db.custom'),
      state({ storedStates: [storedState<ParityCharm['stored']>({ content: { starts: 1 } })] }),
    );
    expect(getStoredState<ParityCharm['stored']>(out).content.host).toBe('db.custom');
    expect(out.unitStatus).toEqual(new ActiveStatus('db.custom'));
    expect(c.emittedEvents.map((e) => e.constructor)).toEqual([DatabaseReadyEvent]);
  });

  it('can be deferred and re-emitted by a later hook', async () => {
    const c = ctx();
    const first = await c.run(
      c.on.custom((charm: ParityCharm) => charm.database.on.ready, 'late'),
      state(),
    );
    expect(first.deferred.map((d) => d.handlePath)).toEqual(['ParityCharm/Database[database]/on/ready[1]']);
    // Deferred events run before the hook's own: still waiting at start, handled at the next hook.
    const started = await c.run(c.on.start(), first);
    expect(started.deferred).toHaveLength(1);
    const out = await c.run(c.on.leaderElected(), started);
    expect(getStoredState<ParityCharm['stored']>(out).content).toMatchObject({ host: 'late', starts: 1 });
    expect(out.deferred).toEqual([]);
  });
});

describe('cloud spec', () => {
  it('reaches Model.getCloudSpec() of a trusted charm on a machine model', async () => {
    const c = new Context(ParityCharm, { meta: META, config: CONFIG, appTrusted: true });
    const cloudSpec: CloudSpec = { type: 'openstack', name: 'mycloud', region: 'east' };
    const out = await c.run(
      c.on.updateStatus(),
      state({ model: { ...state().model, type: 'machine', cloudSpec } }),
    );
    expect(getStoredState<ParityCharm['stored']>(out).content.cloud).toBe('mycloud/east');
  });

  it('fails the hook of an untrusted charm as Juju does', async () => {
    const c = ctx();
    const result = await c.runWithResult(
      c.on.updateStatus(),
      state({ model: { ...state().model, type: 'machine', cloudSpec: {} } }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.error?.message).toContain('permission denied');
  });

  it('is refused on a Kubernetes model', async () => {
    const c = ctx();
    await expect(
      c.run(c.on.updateStatus(), state({ model: { ...state().model, cloudSpec: {} } })),
    ).rejects.toThrow('a cloud spec is only available to machine charms');
  });
});

describe('typed stored state', () => {
  it('types content in and out against the charm declaration', async () => {
    const c = ctx();
    const input = state({ storedStates: [storedState<ParityCharm['stored']>({ content: { starts: 4 } })] });
    const out = await c.run(c.on.start(), input);
    const stored = getStoredState<ParityCharm['stored']>(out).content;
    const starts: number = stored.starts;
    expect(starts).toBe(5);
    expect(stored.host).toBe('');
  });
});

describe('finding charmcraft.yaml', () => {
  it('names where it looked when there is none above the test', () => {
    expect(() => new Context(ParityCharm, {})).toThrow(
      /Context found no charmcraft.yaml in .*packages\/testing\/test or above it/,
    );
  });
});
