import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ActiveStatus,
  BlockedStatus,
  CharmBase,
  type CollectStatusEvent,
  type ConfigChangedEvent,
  type Framework,
  type InstallEvent,
  WaitingStatus,
} from '../src/index.js';
import { eventNameOf, STATE_FILE } from '../src/runtime.js';
import { charmDir, dispatch, logLines } from './helpers.js';

/** Records which of its handlers ran, in order. */
class Recorder extends CharmBase {
  static seen: string[] = [];
  constructor(framework: Framework) {
    super(framework);
    this.observe(this.on.install, this.onInstall);
    this.observe(this.on.configChanged, this.onConfig);
    this.observe(this.framework.on.preCommit, this.onPreCommit);
    this.observe(this.framework.on.commit, this.onCommit);
    this.observe(this.on.collectUnitStatus, this.onCollect);
  }
  onInstall(_e: InstallEvent) {
    (this.constructor as typeof Recorder).seen.push('install');
  }
  onConfig(_e: ConfigChangedEvent) {
    (this.constructor as typeof Recorder).seen.push('config_changed');
  }
  onPreCommit(_e: unknown) {
    (this.constructor as typeof Recorder).seen.push('pre_commit');
  }
  onCommit(_e: unknown) {
    (this.constructor as typeof Recorder).seen.push('commit');
  }
  onCollect(_e: CollectStatusEvent) {
    (this.constructor as typeof Recorder).seen.push('collect_unit_status');
  }
}

describe('behaviour 1: event name from JUJU_DISPATCH_PATH', () => {
  it.each([
    ['hooks/install', 'install'],
    ['hooks/db-relation-changed', 'db_relation_changed'],
    ['hooks/my-workload-pebble-ready', 'my_workload_pebble_ready'],
    ['actions/do-backup', 'do_backup_action'],
    ['', ''],
  ])('%s → %s', (path, name) => {
    expect(eventNameOf(path)).toBe(name);
  });

  it('exits 0 at once when OPERATOR_DISPATCH is set (the charm re-invoked itself)', async () => {
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'install', dir: charmDir(), env: { OPERATOR_DISPATCH: '1' } });
    expect(r.code).toBe(0);
    expect(r.calls).toEqual([]);
    expect(C.seen).toEqual([]);
  });
});

describe('behaviour 2: metadata from the charm directory', () => {
  it('a missing metadata.yaml is a one-line error and exit 1', async () => {
    const dir = charmDir();
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'metadata.yaml'));
    const r = await dispatch(Recorder, { hook: 'install', dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([`ERROR metadata.yaml not found in the charm directory ${dir}`]);
  });

  it('a config option without a type is fatal, naming the option', async () => {
    const dir = charmDir({ config: 'options:\n  port:\n    default: 1\n' });
    const r = await dispatch(Recorder, { hook: 'install', dir });
    expect(r.code).toBe(1);
    expect(r.stderr[0]).toContain('option port is expected to declare a `type`');
  });
});

describe('behaviour 3: dispatch order', () => {
  it('emits the event, then collect-status, then pre-commit, then commit', async () => {
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'config-changed', dir: charmDir() });
    expect(r.code).toBe(0);
    expect(C.seen).toEqual(['config_changed', 'collect_unit_status', 'pre_commit', 'commit']);
  });
});

describe('behaviour 14: restricted events', () => {
  it('collect-metrics runs no collect-status and no re-emission', async () => {
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'collect-metrics', dir: charmDir() });
    expect(r.code).toBe(0);
    expect(C.seen).toEqual(['pre_commit', 'commit']);
    expect(r.tools).not.toContain('is-leader');
  });
});

describe('behaviour 15: undefined events are skipped', () => {
  it('an unknown hook logs at DEBUG only and still commits', async () => {
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'leader-deposed', dir: charmDir(), logLevel: 'DEBUG' });
    expect(r.code).toBe(0);
    expect(logLines(r.calls)).toContain('DEBUG: Event leader_deposed not defined for C.');
    expect(C.seen).toEqual(['collect_unit_status', 'pre_commit', 'commit']);
  });
});

describe('behaviour 16: uncaught errors', () => {
  class Crashing extends CharmBase {
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.install, this.onInstall);
      this.observe(this.on.action('boom'), this.onInstall);
    }
    onInstall(_e: unknown) {
      throw new TypeError('kaput');
    }
  }

  it('logs the stack through juju-log at ERROR and exits 1', async () => {
    const r = await dispatch(Crashing, { hook: 'install', dir: charmDir({ actions: 'boom: {}\n' }) });
    expect(r.code).toBe(1);
    const errors = r.calls.filter((c) => c.tool === 'juju-log' && c.args[1] === 'ERROR');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.args[3]).toMatch(/^Uncaught exception while in charm code:\nTypeError: kaput\n {4}at /);
  });

  it('in an action also writes two lines to stderr', async () => {
    const r = await dispatch(Crashing, {
      hook: 'actions/boom',
      dir: charmDir({ actions: 'boom: {}\n' }),
      env: { JUJU_ACTION_NAME: 'boom', JUJU_ACTION_UUID: '7' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toEqual([
      'Uncaught TypeError in charm code: kaput',
      'Use `juju debug-log` to see the full traceback.',
    ]);
  });

  it('discards stored state changes of the failed dispatch', async () => {
    const dir = charmDir();
    const r = await dispatch(Crashing, { hook: 'install', dir });
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, STATE_FILE))).toBe(false);
  });
});

describe('behaviour 17: legacy hooks', () => {
  it('runs an executable hooks/<name> first and stops on its failure', async () => {
    const dir = charmDir();
    mkdirSync(join(dir, 'hooks'));
    writeFileSync(join(dir, 'hooks', 'install'), '#!/bin/sh\necho ran > legacy-ran\nexit 3\n');
    chmodSync(join(dir, 'hooks', 'install'), 0o755);
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'install', dir });
    expect(r.code).toBe(3);
    expect(readFileSync(join(dir, 'legacy-ran'), 'utf8')).toBe('ran\n');
    expect(C.seen).toEqual([]);
  });

  it('ignores a hook that links back to dispatch', async () => {
    const dir = charmDir();
    writeFileSync(join(dir, 'dispatch'), '#!/bin/sh\n');
    chmodSync(join(dir, 'dispatch'), 0o755);
    mkdirSync(join(dir, 'hooks'));
    symlinkSync('../dispatch', join(dir, 'hooks', 'install'));
    class C extends Recorder {
      static override seen: string[] = [];
    }
    const r = await dispatch(C, { hook: 'install', dir });
    expect(r.code).toBe(0);
    expect(C.seen[0]).toBe('install');
  });
});

describe('behaviour 18 (deliberately cheaper than ops): logging', () => {
  it('sends nothing below WARNING by default, so a quiet hook spawns no juju-log', async () => {
    const r = await dispatch(Recorder, { hook: 'config-changed', dir: charmDir() });
    expect(r.tools).not.toContain('juju-log');
  });
  it('sends DEBUG records when asked, with ops-style messages', async () => {
    const r = await dispatch(Recorder, { hook: 'config-changed', dir: charmDir(), logLevel: 'DEBUG' });
    expect(logLines(r.calls)).toContain('DEBUG: Emitting Juju event config_changed.');
    expect(r.calls.find((c) => c.tool === 'juju-log')?.args.slice(0, 3)).toEqual([
      '--log-level',
      'DEBUG',
      '--',
    ]);
  });
  it('takes the level from OPS_TS_LOG_LEVEL', async () => {
    const r = await dispatch(Recorder, {
      hook: 'config-changed',
      dir: charmDir(),
      env: { OPS_TS_LOG_LEVEL: 'debug' },
    });
    expect(logLines(r.calls)).toContain('DEBUG: Emitting Juju event config_changed.');
  });
});

describe('behaviour 26: collect-status', () => {
  class Statuses extends CharmBase {
    constructor(framework: Framework) {
      super(framework);
      this.observe(this.on.collectUnitStatus, this.first);
      this.observe(this.on.collectUnitStatus, this.second);
      this.observe(this.on.collectAppStatus, this.app_);
    }
    first(e: CollectStatusEvent) {
      e.addStatus(new WaitingStatus('w'));
      e.addStatus(new BlockedStatus('b'));
    }
    second(e: CollectStatusEvent) {
      e.addStatus(new BlockedStatus('b2'));
      e.addStatus(new ActiveStatus());
    }
    app_(e: CollectStatusEvent) {
      e.addStatus(new ActiveStatus('app ok'));
    }
  }

  it('sets the highest priority, first added on ties; app status on the leader only', async () => {
    const leader = await dispatch(Statuses, { hook: 'update-status', dir: charmDir() });
    const sets = leader.calls.filter((c) => c.tool === 'status-set').map((c) => c.args);
    expect(sets).toEqual([
      ['--application=True', 'active', '--', 'app ok'],
      ['--application=False', 'blocked', '--', 'b'],
    ]);
    const follower = await dispatch(Statuses, {
      hook: 'update-status',
      dir: charmDir(),
      script: { 'is-leader': 'false' },
    });
    expect(follower.calls.filter((c) => c.tool === 'status-set').map((c) => c.args)).toEqual([
      ['--application=False', 'blocked', '--', 'b'],
    ]);
  });

  it('sets nothing when nothing was added', async () => {
    const r = await dispatch(Recorder, { hook: 'update-status', dir: charmDir() });
    expect(r.tools).not.toContain('status-set');
  });
});

describe('process count', () => {
  it('an unobserved update-status spawns only is-leader (ops needs 3 processes)', async () => {
    class Quiet extends CharmBase {}
    const r = await dispatch(Quiet, { hook: 'update-status', dir: charmDir() });
    expect(r.code).toBe(0);
    expect(r.tools).toEqual(['is-leader']);
  });
});
