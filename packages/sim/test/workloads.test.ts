// Pebble per container (state kept across processes, exec refused clearly) and secret-changed.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { matchExecStub, type Simulator, unsupportedExec } from '../src/index.js';
import { hooksOf, lastSeq, openSim } from './helpers.js';
import { packShellCharm } from './shell-charm.js';

const LAYER = JSON.stringify({
  action: 'add',
  label: 'web',
  format: 'yaml',
  combine: true,
  layer:
    'services:\n  web:\n    override: replace\n    command: serve --password hunter22\n    startup: enabled\n    environment:\n      API_TOKEN: abc123\n      MODE: fast\n',
});

const WEB_DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
sock="$OPS_TS_PEBBLE_DIR/web/pebble.socket"
api() { curl -sf --unix-socket "$sock" "$@"; }
case "$hook" in
  web-pebble-ready)
    api -XPOST http://localhost/v1/layers -d '${LAYER}' >/dev/null || exit 1
    api -XPOST http://localhost/v1/services -d '{"action":"replan"}' >/dev/null || exit 1
    status-set active "layer added" ;;
  update-status)
    status-set active "$(api http://localhost/v1/services | grep -o '"current":"[a-z]*"')" ;;
esac
`;

const OWNER_DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
case "$hook" in
  creds-relation-joined)
    if [ "$(is-leader)" = True ]; then
      id=$(secret-add --label creds password=one) || exit 1
      secret-grant "$id" -r "$JUJU_RELATION_ID" || exit 1
      relation-set --app "secret-id=$id"
      state-set "secret-id=$id"
    fi ;;
  config-changed)
    id=$(state-get secret-id)
    pw=$(config-get mode)
    if [ -n "$id" ] && [ "$pw" != normal ]; then secret-set "$id" "password=$pw" || exit 1; fi ;;
esac
`;

const CONSUMER_DISPATCH = `#!/bin/sh
hook="\${JUJU_DISPATCH_PATH##*/}"
case "$hook" in
  creds-relation-changed)
    id=$(relation-get --app secret-id "$JUJU_REMOTE_APP")
    if [ -n "$id" ]; then status-set active "password $(secret-get "$id" password)"; fi ;;
  secret-changed)
    status-set active "changed to $(secret-get --refresh "$JUJU_SECRET_ID" password)" ;;
esac
`;

let web: string;
let owner: string;
let consumer: string;
beforeAll(() => {
  web = packShellCharm({
    name: 'web',
    containers: { web: { resource: 'web-image' } },
    dispatch: WEB_DISPATCH,
  });
  owner = packShellCharm({
    name: 'owner',
    provides: { creds: { interface: 'creds' } },
    dispatch: OWNER_DISPATCH,
  });
  consumer = packShellCharm({
    name: 'consumer',
    requires: { creds: { interface: 'creds' } },
    dispatch: CONSUMER_DISPATCH,
  });
});

let sim: Simulator;
afterEach(async () => sim?.close());

describe('Pebble', () => {
  it('pebble-ready follows start; the plan and service states persist across processes', async () => {
    sim = openSim();
    sim.deploy(web);
    await sim.settle();
    expect(hooksOf(sim, 'web/0')).toEqual([
      'install',
      'leader-elected',
      'config-changed',
      'start',
      'web-pebble-ready',
    ]);
    expect(sim.state.units['web/0']?.status.message).toBe('layer added');
    const dir = sim.store.dir;
    await sim.close();

    sim = openSim({ modelDir: dir });
    sim.queueUpdateStatus();
    await sim.settle();
    expect(sim.state.units['web/0']?.status.message).toBe('"current":"active"');
    expect(sim.plan('web/0', 'web', true).services?.web?.command).toBe('serve --password hunter22');
    expect(sim.plan('web/0', 'web').services?.web).toMatchObject({
      environment: { API_TOKEN: '**redacted**', MODE: 'fast' },
    });
  });

  it('exec reports that the simulator does not run workloads', () => {
    const result = unsupportedExec({
      command: ['python3', '--version'],
      environment: {},
      readStdin: async () => Buffer.alloc(0),
      onStdin: () => {},
      write: () => {},
      onSignal: () => {},
      signal: new AbortController().signal,
    });
    expect(result.exitCode).toBe(127);
    expect(result.stderr).toMatch(
      /^ops-ts sim: exec is not supported in the simulator \(command: python3 --version\)/,
    );
  });

  it('exec stubs answer by container and command prefix, newest first', () => {
    sim = openSim();
    sim.deploy(web);
    sim.addExecStub('web', {
      container: 'web',
      command: ['python3'],
      exitCode: 0,
      stdout: 'old',
      stderr: '',
    });
    sim.addExecStub('web', {
      container: 'web',
      command: ['python3', '--version'],
      exitCode: 0,
      stdout: 'Python 3.12.3',
      stderr: '',
    });
    const stubs = sim.sim.execStubs?.web ?? [];
    expect(matchExecStub(stubs, 'web', ['python3', '--version'])?.stdout).toBe('Python 3.12.3');
    expect(matchExecStub(stubs, 'web', ['python3', '-c', 'x'])?.stdout).toBe('old');
    expect(matchExecStub(stubs, 'other', ['python3'])).toBeUndefined();
    expect(() =>
      sim.addExecStub('web', { container: 'db', command: ['x'], exitCode: 0, stdout: '', stderr: '' }),
    ).toThrow('application "web" has no container "db"');
  });
});

describe('secrets', () => {
  it('a granted consumer reads the secret; a new revision sends it secret-changed', async () => {
    sim = openSim();
    sim.deploy(owner);
    sim.deploy(consumer);
    sim.integrate('owner', 'consumer');
    await sim.settle();
    expect(sim.state.units['consumer/0']?.status.message).toBe('password one');
    const since = lastSeq(sim);
    sim.setConfig('owner', { mode: 'two' });
    await sim.settle();
    expect(hooksOf(sim, 'consumer/0', since)).toEqual(['secret-changed']);
    expect(sim.state.units['consumer/0']?.status.message).toBe('changed to two');
    // Redaction also catches secret values wherever they appear.
    expect(Object.values(sim.state.secrets)[0]?.latestRevision).toBe(2);
  });

  it('user secrets: add-secret returns a URI; grant-secret records a model-level grant', () => {
    sim = openSim();
    sim.deploy(consumer);
    const uri = sim.addSecret('api', { token: 'abc' }, 'the api token');
    expect(uri).toMatch(/^secret:[0-9a-v]{20}$/);
    sim.grantSecret('api', ['consumer']);
    const secret = Object.values(sim.state.secrets)[0];
    expect(secret).toMatchObject({
      label: 'api',
      description: 'the api token',
      grants: [{ target: 'consumer', role: 'view' }],
    });
    expect(() => sim.addSecret('api', { token: 'x' })).toThrow('secret with name "api" already exists');
  });

  it('user secrets: a granted application reads the content; one not granted is refused', async () => {
    sim = openSim();
    const reader = packShellCharm({
      name: 'reader',
      dispatch: `#!/bin/sh
[ "\${JUJU_DISPATCH_PATH##*/}" = config-changed ] || exit 0
id="$(config-get mode)"
[ "$id" = normal ] && exit 0
if token="$(secret-get "$id" token 2>/tmp/err-$$)"; then status-set active "token $token"
else status-set blocked "$(cat /tmp/err-$$)"; fi
rm -f /tmp/err-$$
`,
    });
    sim.deploy(reader, { app: 'granted' });
    sim.deploy(reader, { app: 'stranger' });
    const uri = sim.addSecret('api', { token: 'abc' });
    sim.grantSecret('api', ['granted']);
    sim.setConfig('granted', { mode: uri });
    sim.setConfig('stranger', { mode: uri });
    await sim.settle();
    expect(sim.state.units['granted/0']?.status).toMatchObject({ status: 'active', message: 'token abc' });
    expect(sim.state.units['stranger/0']?.status.status).toBe('blocked');
    expect(() => sim.grantSecret('nope', ['consumer'])).toThrow('secret "nope" not found');
  });
});
