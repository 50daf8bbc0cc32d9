import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CharmBase,
  type ConfigChangedEvent,
  EventBase,
  type Framework,
  FrameworkObject,
  type Handle,
  type JsonObject,
  ObjectEvents,
  StoredState,
  type UpdateStatusEvent,
} from '../src/index.js';
import { STATE_FILE } from '../src/runtime.js';
import { charmDir, dispatch, logLines } from './helpers.js';

/** A custom event carrying one string. */
class ThingEvent extends EventBase {
  data!: string;
  constructor(handle: Handle, data: string) {
    super(handle);
    this.data = data;
  }
  override snapshot(): JsonObject {
    return { data: this.data };
  }
  override restore(s: JsonObject): void {
    this.data = String(s.data);
  }
}

class LibEvents extends ObjectEvents {
  readonly thing = this.define('thing', ThingEvent);
}

/** A library object that emits `thing` when config changes (ops's worked example in §5.5). */
class Lib extends FrameworkObject {
  readonly on = new LibEvents(this);
  constructor(parent: FrameworkObject) {
    super(parent, 'mylib');
    this.observe((parent as CharmBase & { on: CharmBase['on'] }).on.configChanged, this.onCfg);
  }
  async onCfg(_e: ConfigChangedEvent) {
    await this.on.thing.emit('x');
  }
}

function readState(dir: string) {
  return JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as {
    snapshots: Record<string, JsonObject>;
    notices: { sequence: number; eventPath: string; observerPath: string; methodName: string }[];
  };
}

/** Charm factory: a fresh class per test, with a log of what ran and a policy of what to defer. */
function benchCharm(policy: { deferConfig?: () => boolean; deferThing?: () => boolean }) {
  const log: string[] = [];
  class BenchCharm extends CharmBase {
    readonly lib = new Lib(this);
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.configChanged, this.onConfigChanged);
      this.observe(this.lib.on.thing, this.onThing);
      this.observe(this.on.updateStatus, this.onUpdateStatus);
    }
    onConfigChanged(e: ConfigChangedEvent) {
      log.push(`config_changed ${e.handle.path}`);
      if (policy.deferConfig?.()) e.defer();
    }
    onThing(e: ThingEvent) {
      log.push(`thing ${e.data}`);
      if (policy.deferThing?.()) e.defer();
    }
    onUpdateStatus(_e: UpdateStatusEvent) {
      log.push('update_status');
    }
  }
  return { BenchCharm, log };
}

describe('behaviour 4: deferred events are re-emitted first, FIFO, to the deferring observer', () => {
  it('follows ops worked example: library observer, nested custom event, both deferred', async () => {
    const dir = charmDir();
    let defer = true;
    const { BenchCharm, log } = benchCharm({ deferConfig: () => defer, deferThing: () => defer });
    expect((await dispatch(BenchCharm, { hook: 'config-changed', dir })).code).toBe(0);
    // Custom events run nested inside the emitting handler.
    expect(log).toEqual(['thing x', 'config_changed BenchCharm/on/config_changed[1]']);
    const state = readState(dir);
    expect(state.notices.map((n) => [n.eventPath, n.observerPath, n.methodName])).toEqual([
      ['BenchCharm/on/config_changed[1]', 'BenchCharm', 'onConfigChanged'],
      ['BenchCharm/Lib[mylib]/on/thing[2]', 'BenchCharm', 'onThing'],
    ]);
    expect(state.snapshots['BenchCharm/Lib[mylib]/on/thing[2]']).toEqual({ data: 'x' });

    log.length = 0;
    defer = false;
    const r = await dispatch(BenchCharm, { hook: 'update-status', dir, logLevel: 'DEBUG' });
    expect(r.code).toBe(0);
    expect(log).toEqual(['config_changed BenchCharm/on/config_changed[1]', 'thing x', 'update_status']);
    expect(logLines(r.calls).filter((l) => l.includes('Re-emitting'))).toEqual([
      'DEBUG: Re-emitting deferred event BenchCharm/on/config_changed[1] (1 of 2 in queue).',
      'DEBUG: Re-emitting deferred event BenchCharm/Lib[mylib]/on/thing[2] (2 of 2 in queue).',
    ]);
    const after = readState(dir);
    expect(after.notices).toEqual([]);
    expect(Object.keys(after.snapshots).filter((k) => k.includes('/on/'))).toEqual([]);
  });

  it('an observer that defers again keeps its notice', async () => {
    const dir = charmDir();
    const { BenchCharm } = benchCharm({ deferConfig: () => true });
    await dispatch(BenchCharm, { hook: 'config-changed', dir });
    await dispatch(BenchCharm, { hook: 'update-status', dir });
    expect(readState(dir).notices.map((n) => n.eventPath)).toEqual(['BenchCharm/on/config_changed[1]']);
  });
});

describe('behaviour 5: deferral is per (event, observer)', () => {
  it('two observers, one deferring: one notice remains; the snapshot goes once none refer to it', async () => {
    const dir = charmDir();
    let deferring = true;
    const seen: string[] = [];
    class Two extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.configChanged, this.a);
        this.observe(this.on.configChanged, this.b);
      }
      a(_e: ConfigChangedEvent) {
        seen.push('a');
      }
      b(e: ConfigChangedEvent) {
        seen.push('b');
        if (deferring) e.defer();
      }
    }
    await dispatch(Two, { hook: 'config-changed', dir });
    expect(readState(dir).notices.map((n) => n.methodName)).toEqual(['b']);
    deferring = false;
    seen.length = 0;
    await dispatch(Two, { hook: 'update-status', dir });
    expect(seen).toEqual(['b']);
    const state = readState(dir);
    expect(state.notices).toEqual([]);
    expect(state.snapshots['Two/on/config_changed[1]']).toBeUndefined();
  });
});

describe('behaviour 6: an identical event already queued is skipped for that observer', () => {
  it('a second deferred config-changed does not queue twice', async () => {
    const dir = charmDir();
    const { BenchCharm } = benchCharm({ deferConfig: () => true });
    await dispatch(BenchCharm, { hook: 'config-changed', dir });
    const r = await dispatch(BenchCharm, { hook: 'config-changed', dir, logLevel: 'INFO' });
    expect(readState(dir).notices.filter((n) => n.methodName === 'onConfigChanged')).toHaveLength(1);
    expect(logLines(r.calls).some((l) => l.startsWith('INFO: Skipping notice'))).toBe(true);
  });
});

describe('behaviour 7: notices of unknown types are dropped; unobserved events leave nothing', () => {
  it('drops a notice whose event type is no longer defined', async () => {
    const dir = charmDir();
    writeFileSync(
      join(dir, STATE_FILE),
      JSON.stringify({
        snapshots: { 'Gone/on/vanished[3]': {} },
        notices: [{ sequence: 1, eventPath: 'Gone/on/vanished[3]', observerPath: 'Gone', methodName: 'x' }],
      }),
    );
    class Gone extends CharmBase {}
    expect((await dispatch(Gone, { hook: 'update-status', dir })).code).toBe(0);
    expect(readState(dir).notices).toEqual([]);
  });

  it('an unobserved event leaves no snapshot', async () => {
    const dir = charmDir();
    class Quiet extends CharmBase {}
    await dispatch(Quiet, { hook: 'install', dir });
    expect(Object.keys(readState(dir).snapshots)).toEqual(['StoredStateData[_stored]']);
  });
});

describe('behaviour 8: event keys come from a persisted counter', () => {
  it('survives restarts and counts lifecycle events', async () => {
    const dir = charmDir();
    const { BenchCharm, log } = benchCharm({});
    await dispatch(BenchCharm, { hook: 'config-changed', dir });
    const first = readState(dir).snapshots['StoredStateData[_stored]']?.event_count as number;
    // config_changed, thing, collect_app_status, collect_unit_status, pre_commit, commit
    expect(first).toBe(6);
    log.length = 0;
    await dispatch(BenchCharm, { hook: 'config-changed', dir });
    expect(log[1]).toBe(`config_changed BenchCharm/on/config_changed[${first + 1}]`);
  });
});

describe('behaviour 9: every observer gets a freshly restored event', () => {
  it('mutations by one observer are not seen by the next', async () => {
    const seen: unknown[] = [];
    class Fresh extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.install, this.a);
        this.observe(this.on.install, this.b);
      }
      a(e: EventBase) {
        (e as EventBase & { mark?: string }).mark = 'a';
        seen.push(e);
      }
      b(e: EventBase) {
        seen.push((e as EventBase & { mark?: string }).mark);
      }
    }
    await dispatch(Fresh, { hook: 'install', dir: charmDir() });
    expect(seen[1]).toBeUndefined();
  });
});

describe('behaviour 10: observe rules', () => {
  const cases: [string, (c: CharmBase) => void, RegExp][] = [
    ['a non-event', (c) => c.framework.observe({} as never, c, () => {}), /bound event/],
    ['an anonymous function', (c) => c.observe(c.on.install, (_e) => {}), /not a method or field/],
    [
      'a handler with two parameters',
      (c) => c.observe(c.on.install, ((_a: unknown, _b: unknown) => {}) as never),
      /must take one argument, the event, or none; it takes 2/,
    ],
  ];
  it.each(cases)('rejects %s', async (_name, act, message) => {
    let error: unknown;
    class Bad extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        try {
          act(this);
        } catch (e) {
          error = e;
        }
      }
    }
    await dispatch(Bad, { hook: 'install', dir: charmDir() });
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).toMatch(message);
  });

  it('observing twice calls the handler twice', async () => {
    let count = 0;
    class Twice extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.install, this.onInstall);
        this.observe(this.on.install, this.onInstall);
      }
      onInstall(_e: EventBase) {
        count++;
      }
    }
    await dispatch(Twice, { hook: 'install', dir: charmDir() });
    expect(count).toBe(2);
  });

  it('two live objects with the same handle path raise', async () => {
    class Dup extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        new Lib(this);
        new Lib(this);
      }
    }
    const r = await dispatch(Dup, { hook: 'install', dir: charmDir() });
    expect(r.code).toBe(1);
    expect(r.calls.find((c) => c.tool === 'juju-log')?.args[3]).toContain(
      'two objects claiming to be Dup/Lib[mylib] have been created',
    );
  });
});

describe('behaviour 11: snapshots must be plain JSON data', () => {
  it('an event whose snapshot holds a Map fails with the path named', async () => {
    class MapEvent extends EventBase {
      override snapshot(): JsonObject {
        return { m: new Map() as never };
      }
    }
    class Events extends ObjectEvents {
      readonly bad = this.define('bad', MapEvent);
    }
    class Emits extends CharmBase {
      readonly events = new (class extends FrameworkObject {
        readonly on = new Events(this);
      })(this, 'x');
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.install, this.onInstall);
        this.observe(this.events.on.bad, this.onBad);
      }
      async onInstall(_e: EventBase) {
        await this.events.on.bad.emit();
      }
      onBad(_e: EventBase) {}
    }
    const r = await dispatch(Emits, { hook: 'install', dir: charmDir() });
    expect(r.code).toBe(1);
    expect(r.calls.find((c) => c.tool === 'juju-log')?.args[3]).toMatch(
      /NotSerializableError: snapshot of .*bad\[\d+\]\.m is a Map/,
    );
  });
});

describe('behaviour 12/13: stored state', () => {
  function counter() {
    class Counter extends CharmBase {
      readonly stored = new StoredState(this, 'stored', {
        count: 0,
        names: [] as string[],
        nested: { a: 1 },
      });
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.configChanged, this.onConfig);
        this.observe(this.on.install, this.onInstall);
      }
      onConfig(_e: EventBase) {
        this.stored.data.count += 1;
        this.stored.data.names.push(`n${this.stored.data.count}`);
        this.stored.data.nested.a += 10;
      }
      onInstall(_e: EventBase) {
        this.stored.data.count = 99;
        throw new Error('install failed');
      }
    }
    return Counter;
  }

  it('persists nested mutations across dispatches with defaults for missing keys', async () => {
    const dir = charmDir();
    const Counter = counter();
    await dispatch(Counter, { hook: 'config-changed', dir });
    await dispatch(Counter, { hook: 'config-changed', dir });
    expect(readState(dir).snapshots['Counter/StoredStateData[stored]']).toEqual({
      count: 2,
      names: ['n1', 'n2'],
      nested: { a: 21 },
    });
  });

  it('is saved only at commit: a failing dispatch changes nothing', async () => {
    const dir = charmDir();
    const Counter = counter();
    await dispatch(Counter, { hook: 'config-changed', dir });
    const before = readFileSync(join(dir, STATE_FILE), 'utf8');
    expect((await dispatch(Counter, { hook: 'install', dir })).code).toBe(1);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).toBe(before);
  });

  it('setDefault sets only missing keys', async () => {
    const dir = charmDir();
    let seen: unknown;
    class Defaults extends CharmBase {
      readonly stored = new StoredState(this, 'stored', { a: 1 } as { a: number; b?: number });
      constructor(framework: Framework) {
        super(framework);
        this.stored.setDefault({ a: 5, b: 2 });
        seen = { ...this.stored.data };
      }
    }
    await dispatch(Defaults, { hook: 'install', dir });
    expect(seen).toEqual({ a: 1, b: 2 });
  });

  it('refuses values that are not JSON data, naming the key', async () => {
    class Bad extends CharmBase {
      readonly stored = new StoredState(this, 'stored', { when: '' as string | null });
      constructor(framework: Framework) {
        super(framework);
        (this.stored.data as Record<string, unknown>).when = new Date();
      }
    }
    const r = await dispatch(Bad, { hook: 'install', dir: charmDir() });
    expect(r.code).toBe(1);
    expect(r.calls.find((c) => c.tool === 'juju-log')?.args[3]).toContain(
      'stored state Bad/StoredStateData[stored].when is a Date',
    );
  });
});

describe('corrupt framework state', () => {
  it.each([
    ['truncated JSON', '{"snapshots": {"a": '],
    ['wrong shape', '{"snapshots": [], "notices": []}'],
  ])('%s is reported, not reset, and the hook fails', async (_name, content) => {
    const dir = charmDir();
    writeFileSync(join(dir, STATE_FILE), content);
    class Any extends CharmBase {}
    const r = await dispatch(Any, { hook: 'install', dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toMatch(/^ERROR .*framework state file .*\.unit-state\.json/);
    expect(readFileSync(join(dir, STATE_FILE), 'utf8')).toBe(content);
  });

  it('a state file that is a directory is named, left alone, and the hook fails in one line', async () => {
    const dir = charmDir();
    mkdirSync(join(dir, STATE_FILE));
    class Any extends CharmBase {}
    const r = await dispatch(Any, { hook: 'install', dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      expect.stringMatching(
        /^ERROR framework state file .*\.unit-state\.json cannot be read \(it is a directory\)/,
      ),
    ]);
    expect(statSync(join(dir, STATE_FILE)).isDirectory()).toBe(true);
  });

  it.each(['constructor', '__proto__', 'toString'])(
    'a deferred notice naming %s as its handler is dropped with a warning, not called',
    async (methodName) => {
      const dir = charmDir();
      const eventPath = 'Any/on/config_changed[1]';
      writeFileSync(
        join(dir, STATE_FILE),
        JSON.stringify({
          snapshots: { [eventPath]: {} },
          notices: [{ sequence: 1, eventPath, observerPath: 'Any', methodName }],
        }),
      );
      class Any extends CharmBase {
        constructor(framework: Framework) {
          super(framework);
          this.observe(this.on.configChanged, this.onConfig);
        }
        onConfig() {}
      }
      const r = await dispatch(Any, { hook: 'update-status', dir, logLevel: 'DEBUG' });
      expect(r.code).toBe(0);
      expect(logLines(r.calls).join('\n')).toContain(`dropping ${eventPath}`);
      const saved = JSON.parse(readFileSync(join(dir, STATE_FILE), 'utf8')) as { notices: unknown[] };
      expect(saved.notices).toEqual([]);
    },
  );
});

describe('framework state in Juju (state-get/state-set)', () => {
  it('loads with one state-get and saves changed keys with one state-set', async () => {
    const { BenchCharm } = benchCharm({ deferConfig: () => true });
    const r = await dispatch(BenchCharm, {
      hook: 'config-changed',
      dir: charmDir(),
      useJujuForStorage: true,
      script: { 'state-get': 'null' },
    });
    expect(r.code).toBe(0);
    expect(r.tools.filter((t) => t.startsWith('state-'))).toEqual(['state-get', 'state-set']);
    const set = r.calls.find((c) => c.tool === 'state-set');
    expect(set?.args).toEqual(['--file', '-']);
    const saved = JSON.parse(set?.stdin ?? '{}') as Record<string, string>;
    expect(Object.keys(saved).sort()).toEqual([
      '#notices#',
      'snapshot:BenchCharm/on/config_changed[1]',
      'snapshot:StoredStateData[_stored]',
    ]);
  });

  it('refuses a value over 64 KiB before any state-set runs', async () => {
    class Big extends CharmBase {
      readonly stored = new StoredState(this, 'stored', { blob: '' });
      constructor(framework: Framework) {
        super(framework);
        this.stored.data.blob = 'x'.repeat(70_000);
      }
    }
    const r = await dispatch(Big, {
      hook: 'install',
      dir: charmDir(),
      useJujuForStorage: true,
      script: { 'state-get': 'null' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toMatch(
      /charm state value for "snapshot:Big\/StoredStateData\[stored\]" is 700\d\d bytes; Juju allows 65536/,
    );
    expect(r.tools).not.toContain('state-set');
  });
});

describe('handlers may leave out the event', () => {
  it('a method without parameters is called on the event', async () => {
    const calls: string[] = [];
    class NoArg extends CharmBase {
      constructor(framework: Framework) {
        super(framework);
        this.observe(this.on.install, this.onInstall);
      }
      onInstall(): void {
        calls.push('install');
      }
    }
    await dispatch(NoArg, { hook: 'install', dir: charmDir() });
    expect(calls).toEqual(['install']);
  });
});
