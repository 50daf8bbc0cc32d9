import { describe, expect, it } from 'vitest';
import type { ModelState } from '../src/index.js';
import { addAction, addStorage, makeNetwork, runTool } from '../src/index.js';
import { dbHook, err, hook, makeWorld, ok, sh } from './fixture.js';

function actionHook(state: ModelState, params = {}) {
  const action = addAction(state, 'myapp/0', 'backup', params);
  return { action, ctx: hook(state, { hookName: undefined, actionId: action.id }) };
}

describe('action tools', () => {
  it('action-get reads params and dotted keys', () => {
    const { ctx } = actionHook(makeWorld(), { target: 'x', opts: { depth: 2 } });
    expect(sh(ctx, 'action-get --format=json')).toEqual(ok('{"opts":{"depth":2},"target":"x"}\n'));
    expect(sh(ctx, 'action-get target')).toEqual(ok('x\n'));
    expect(sh(ctx, 'action-get opts.depth')).toEqual(ok('2\n'));
    expect(sh(ctx, 'action-get opts.nope --format=json')).toEqual(ok('null\n'));
    expect(sh(ctx, 'action-get a b')).toEqual(err('unrecognized args: ["b"]', 2));
  });

  it('action-set nests dotted keys; action-log and action-fail record immediately', () => {
    const state = makeWorld();
    const { action, ctx } = actionHook(state);
    expect(sh(ctx, 'action-set a.b=1 c=x=y')).toEqual(ok());
    expect(runTool(ctx, 'action-log', ['--', 'working', 'hard'])).toEqual(ok());
    expect(runTool(ctx, 'action-fail', ['--', 'bad thing'])).toEqual(ok());
    expect(state.actions[action.id]).toMatchObject({
      results: { a: { b: '1' }, c: 'x=y' },
      logs: [{ message: 'working hard' }],
      failureMessage: 'bad thing',
    });
    ctx.commit();
    expect(state.actions[action.id]!.status).toBe('failed');
  });

  it('action-fail without a message uses the default', () => {
    const state = makeWorld();
    const { action, ctx } = actionHook(state);
    sh(ctx, 'action-fail');
    expect(state.actions[action.id]!.failureMessage).toBe(
      'action failed without reason given, check action for errors',
    );
  });

  it.each([
    ['action-set foo', 'argument "foo" must be of the form key...=value', 2],
    [
      'action-set Foo=1',
      'key "Foo" must start and end with lowercase alphanumeric, and contain only lowercase alphanumeric, hyphens and periods',
      2,
    ],
    ['action-set stdout=1', 'cannot set reserved action key "stdout"', 2],
    ['action-log', 'no message specified', 2],
    ['action-fail a b', 'unrecognized args: ["b"]', 2],
  ])('%s fails', (line, message, code) => {
    expect(sh(actionHook(makeWorld()).ctx, line)).toEqual(err(message, code));
  });

  it.each(['action-get', 'action-set a=1', 'action-fail', 'action-log hi'])(
    '%s outside an action',
    (line) => {
      expect(sh(hook(makeWorld()), line)).toEqual(err('not running an action', 1));
    },
  );
});

describe('network-get', () => {
  it('prints the default network and selected fields', () => {
    const ctx = dbHook(makeWorld());
    expect(sh(ctx, 'network-get --format=json db')).toEqual(
      ok(
        '{"bind-addresses":[{"mac-address":"","interface-name":"","addresses":[{"hostname":"","value":"192.0.2.0","cidr":"192.0.2.0/24"}]}],"egress-subnets":["192.0.2.0/24"],"ingress-addresses":["192.0.2.0"]}\n',
      ),
    );
    expect(sh(ctx, 'network-get db --ingress-address')).toEqual(ok('192.0.2.0\n'));
    expect(sh(ctx, 'network-get db --bind-address --format=json')).toEqual(ok('"192.0.2.0"\n'));
    expect(sh(ctx, 'network-get db --egress-subnets')).toEqual(ok('192.0.2.0/24\n'));
    expect(sh(ctx, 'network-get --format=json -r 3 metrics --ingress-address --bind-address')).toEqual(
      ok('{"bind-address":"192.0.2.0","ingress-address":"192.0.2.0"}\n'),
    );
    expect(sh(ctx, 'network-get juju-info --primary-address')).toEqual(ok('192.0.2.0\n'));
    expect(sh(ctx, 'network-get db').stdout).toContain('  macaddress: ""\n');
  });

  it('uses per-binding overrides', () => {
    const state = makeWorld();
    state.units['myapp/0']!.networks.db = makeNetwork('10.1.2.3', '10.1.2.0/24');
    expect(sh(hook(state), 'network-get db --ingress-address')).toEqual(ok('10.1.2.3\n'));
  });

  it.each([
    ['network-get', 'no arguments specified', 2],
    ['network-get db extra', 'unrecognized args: ["extra"]', 2],
    ['network-get -r 7 db', 'invalid value "7" for option -r: relation not found', 2],
    ['network-get nope', 'no network config found for binding "nope"', 1],
  ])('%s fails', (line, message, code) => {
    expect(sh(hook(makeWorld()), line)).toEqual(err(message, code));
  });
});

describe('ports', () => {
  it('open/close are buffered; opened-ports sorts by protocol then port', () => {
    const state = makeWorld();
    const ctx = hook(state);
    for (const arg of ['8080/tcp', 'icmp', '8000-8999/udp', '80', '443/TCP']) {
      expect(runTool(ctx, 'open-port', [arg])).toEqual(ok());
    }
    expect(sh(ctx, 'close-port 80/tcp')).toEqual(ok());
    ctx.commit();
    const after = hook(state);
    expect(sh(after, 'opened-ports --format=json')).toEqual(
      ok('["icmp","443/tcp","8080/tcp","8000-8999/udp"]\n'),
    );
    expect(sh(after, 'opened-ports')).toEqual(ok('icmp\n443/tcp\n8080/tcp\n8000-8999/udp\n'));
    expect(sh(after, 'open-port --endpoints website,db 9000')).toEqual(ok());
    after.commit();
    expect(sh(hook(state), 'opened-ports --endpoints')).toEqual(
      ok('icmp (*)\n443/tcp (*)\n8080/tcp (*)\n9000/tcp (db, website)\n8000-8999/udp (*)\n'),
    );
  });

  it.each([
    ['open-port', 'no port or range specified'],
    ['open-port x', 'invalid port "x": strconv.Atoi: parsing "x": invalid syntax'],
    ['open-port 1-2-3', 'invalid port range "1-2-3"'],
    ['open-port 80/sctp', 'invalid protocol "sctp", expected "tcp", "udp", or "icmp"'],
    ['open-port 90-80/tcp', 'invalid port range 90-80/tcp'],
    ['close-port 70000', 'port range bounds must be between 0 and 65535, got 70000-70000'],
    ['open-port 80/icmp', 'protocol "icmp" doesn\'t support any ports; got "80"'],
    ['open-port 80 81', 'unrecognized args: ["81"]'],
    ['opened-ports x', 'unrecognized args: ["x"]'],
  ])('%s fails', (line, message) => {
    expect(sh(hook(makeWorld()), line)).toEqual(err(message, 2));
  });
});

describe('storage', () => {
  function withStorage(): ModelState {
    const state = makeWorld();
    addStorage(state, 'myapp/0', 'data');
    addStorage(state, 'myapp/0', 'data');
    return state;
  }

  it('storage-list and storage-get', () => {
    const state = withStorage();
    const ctx = hook(state, { hookName: 'data-storage-attached', storageId: 'data/1' });
    expect(sh(ctx, 'storage-list --format=json data')).toEqual(ok('["data/0","data/1"]\n'));
    expect(sh(ctx, 'storage-list other')).toEqual(ok(''));
    expect(sh(ctx, 'storage-get --format=json -s data/0')).toEqual(
      ok('{"kind":"filesystem","location":"/srv/data/0"}\n'),
    );
    expect(sh(ctx, 'storage-get location')).toEqual(ok('/srv/data/1\n'));
    expect(sh(ctx, 'storage-get --help').stdout).toContain('-s  (= data/1)');
    expect(sh(ctx, 'storage-get bogus')).toEqual(err('invalid storage attribute "bogus"', 1));
    expect(sh(hook(state), 'storage-get')).toEqual(err('no storage instance specified', 2));
  });

  it('storage-add is buffered until commit', () => {
    const state = withStorage();
    const ctx = hook(state);
    expect(sh(ctx, 'storage-add data=2 data')).toEqual(ok());
    expect(Object.keys(state.storage)).toHaveLength(2);
    expect(ctx.commit()).toEqual([
      { kind: 'storage-added', unit: 'myapp/0', storageIds: ['data/2', 'data/3', 'data/4'] },
    ]);
    expect(sh(hook(state), 'storage-add')).toEqual(err('storage add requires a storage directive', 2));
    expect(sh(hook(state), 'storage-add data=10G')).toEqual(err('only count can be specified for "data"', 2));
  });
});

describe('resource-get / juju-reboot', () => {
  it('resource-get prints the path without a newline', () => {
    const ctx = hook(makeWorld());
    expect(sh(ctx, 'resource-get workload-image')).toEqual(ok('/var/lib/juju/resources/workload-image'));
    expect(sh(ctx, 'resource-get')).toEqual(err('missing required resource name', 2));
    expect(sh(ctx, 'resource-get nope')).toEqual(
      err('could not download resource: resource#myapp/nope not found', 1),
    );
  });

  it('juju-reboot waits for commit; --now is immediate; refused in actions', () => {
    const state = makeWorld();
    const ctx = hook(state);
    expect(sh(ctx, 'juju-reboot')).toEqual(ok());
    expect(state.units['myapp/0']!.rebootRequested).toBeNull();
    expect(ctx.commit()).toEqual([{ kind: 'reboot', unit: 'myapp/0', now: false }]);
    const now = hook(state, { unit: 'myapp/1' });
    expect(sh(now, 'juju-reboot --now')).toEqual(ok());
    expect(now.discard()).toEqual([{ kind: 'reboot', unit: 'myapp/1', now: true }]);
    const action = addAction(state, 'myapp/0', 'x');
    expect(sh(hook(state, { hookName: undefined, actionId: action.id }), 'juju-reboot')).toEqual(
      err('juju-reboot is not supported when running an action', 1),
    );
  });
});
