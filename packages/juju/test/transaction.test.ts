import { describe, expect, it } from 'vitest';
import { addAction, runTool } from '../src/index.js';
import { dbHook, hook, makeWorld, ok, sh } from './fixture.js';

describe('commit vs discard', () => {
  it('commits buffered writes when the hook exits 0 and reports what changed', () => {
    const state = makeWorld();
    const ctx = dbHook(state);
    sh(ctx, 'relation-set a=1');
    sh(ctx, 'relation-set --app b=2');
    sh(ctx, 'relation-set -r cluster:1 c=3');
    sh(ctx, 'state-set k=v');
    sh(ctx, 'open-port 80');
    // Nothing visible to others before commit.
    expect(state.relations['3']!.unitData['myapp/0']).toEqual({ mine: 'yes' });
    expect(sh(dbHook(state, { unit: 'myapp/1' }), 'relation-get - myapp/0')).toEqual(ok('mine: "yes"\n'));
    const changes = ctx.finish(0);
    expect(changes).toEqual([
      { kind: 'relation-data', relationId: 1, app: 'myapp', unit: 'myapp/0' },
      { kind: 'relation-data', relationId: 3, app: 'myapp', unit: 'myapp/0' },
      { kind: 'relation-data', relationId: 3, app: 'myapp' },
      { kind: 'charm-state', unit: 'myapp/0' },
      { kind: 'ports', unit: 'myapp/0' },
    ]);
    expect(state.relations['3']!.unitData['myapp/0']).toEqual({ mine: 'yes', a: '1' });
    expect(state.relations['3']!.appData.myapp).toEqual({ database: 'app', b: '2' });
    expect(state.units['myapp/0']!.charmState).toEqual({ k: 'v' });
    expect(state.units['myapp/0']!.openedPorts).toEqual([
      { protocol: 'tcp', fromPort: 80, toPort: 80, endpoint: '*' },
    ]);
    expect(ctx.phase).toBe('committed');
  });

  it('discards buffered writes on failure but keeps immediate effects', () => {
    const state = makeWorld();
    const before = structuredClone(state);
    const ctx = dbHook(state);
    sh(ctx, 'relation-set a=1');
    sh(ctx, 'state-set k=v');
    sh(ctx, 'open-port 80');
    sh(ctx, 'secret-add foo=bar');
    sh(ctx, 'storage-add data=2');
    sh(ctx, 'status-set active -- ready');
    sh(ctx, 'juju-log hi');
    sh(ctx, 'application-version-set 2.0');
    expect(ctx.finish(1)).toEqual([]);
    expect(ctx.phase).toBe('discarded');
    expect(state.relations).toEqual(before.relations);
    expect(state.secrets).toEqual({});
    expect(state.storage).toEqual({});
    expect(state.units['myapp/0']!.charmState).toEqual({});
    expect(state.units['myapp/0']!.openedPorts).toEqual([]);
    expect(state.units['myapp/0']!.status.status).toBe('active');
    expect(state.applications.myapp!.workloadVersion).toBe('2.0');
    expect(state.logs).toHaveLength(1);
  });

  it('net-zero writes report no change', () => {
    const state = makeWorld();
    const ctx = dbHook(state);
    sh(ctx, 'relation-set mine=no');
    sh(ctx, 'relation-set mine=yes');
    sh(ctx, 'state-set k=v');
    sh(ctx, 'state-delete k');
    expect(ctx.commit()).toEqual([]);
  });

  it('opened-ports shows committed ports only', () => {
    const state = makeWorld();
    const ctx = hook(state);
    sh(ctx, 'open-port 8080/tcp');
    expect(sh(ctx, 'opened-ports')).toEqual(ok(''));
    ctx.commit();
    expect(sh(hook(state), 'opened-ports')).toEqual(ok('8080/tcp\n'));
  });

  it('tools refuse to run after the hook ended; ending twice throws', () => {
    const ctx = hook(makeWorld());
    ctx.commit();
    expect(sh(ctx, 'is-leader').exitCode).toBe(1);
    expect(() => ctx.discard()).toThrow(/already committed/);
  });

  it('runTool is the free-function entry point', () => {
    const ctx = hook(makeWorld());
    expect(runTool(ctx, 'is-leader', ['--format=json'])).toEqual(ok('true\n'));
    expect(runTool(ctx, 'state-set', ['--file', '-'], Buffer.from('a: b\n'))).toEqual(ok());
    expect(ctx.charmState()).toEqual({ a: 'b' });
  });

  it('unknown tools fail like the jujuc RPC', () => {
    expect(sh(hook(makeWorld()), 'pod-spec-set')).toEqual({
      stdout: '',
      stderr: 'ERROR bad request: unknown command: pod-spec-set\n',
      exitCode: 1,
    });
  });

  it('actions: results are recorded, status set on finish', () => {
    const state = makeWorld();
    const action = addAction(state, 'myapp/0', 'backup', { target: 'x' });
    const ctx = hook(state, { hookName: undefined, actionId: action.id });
    expect(state.actions[action.id]!.status).toBe('running');
    sh(ctx, 'action-set out=1');
    ctx.finish(0, { stdout: 'hello' });
    expect(state.actions[action.id]).toMatchObject({
      status: 'completed',
      results: { out: '1', 'return-code': 0, stdout: 'hello' },
    });
    const failing = addAction(state, 'myapp/0', 'backup');
    const ctx2 = hook(state, { hookName: undefined, actionId: failing.id });
    sh(ctx2, 'action-set partial=yes');
    ctx2.finish(1);
    expect(state.actions[failing.id]).toMatchObject({
      status: 'failed',
      failureMessage: 'exit status 1',
      results: { partial: 'yes', 'return-code': 1 },
    });
  });

  it('state stays JSON-serialisable', () => {
    const state = makeWorld();
    const ctx = dbHook(state);
    sh(ctx, 'relation-set a=1');
    sh(ctx, 'secret-add --owner unit foo=bar');
    ctx.commit();
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
