// The real backend against a recording `juju` stand-in first on PATH: the exact argv each method sends
// (jubilant's, canonical/jubilant tests/unit/test_*.py), how it reads juju 3.6's recorded outputs, secret
// content only ever in a private file, and CLIError/TaskError/timeouts as jubilant raises them.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  allActive,
  anyError,
  CLIError,
  type Juju,
  JujuTimeoutError,
  REDACTED,
  TaskError,
  WaitError,
} from '../src/index.js';
import { fixture, RecordingJuju, type Reply } from './support/recording-juju.js';

let rec: RecordingJuju;
beforeEach(() => {
  rec = new RecordingJuju();
});
afterEach(() => rec.remove());

/** argv with the temporary file after --file/--params replaced by `<FILE>`. */
const masked = (argv: string[]) =>
  argv.map((a, i) => (argv[i - 1] === '--file' || argv[i - 1] === '--params' ? '<FILE>' : a));

interface Case {
  readonly name: string;
  readonly call: (juju: Juju) => Promise<unknown>;
  readonly argv: string[];
  readonly reply?: Reply;
  readonly model?: string;
}

const cases: Case[] = [
  {
    name: 'status',
    call: (j) => j.status(),
    argv: ['status', '--format', 'json'],
    reply: { stdout: fixture('status-k8s-snappass.json') },
  },
  {
    name: 'status with a model',
    model: 'mdl',
    call: (j) => j.status(),
    argv: ['status', '--model', 'mdl', '--format', 'json'],
    reply: { stdout: fixture('status-k8s-snappass.json') },
  },
  {
    name: 'deploy a local charm',
    call: (j) => j.deploy('./greeter.charm'),
    argv: ['deploy', './greeter.charm'],
  },
  {
    name: 'deploy with every option',
    call: (j) =>
      j.deploy('/c/webserver.charm', {
        app: 'web',
        attachStorage: ['data/0', 'data/1'],
        base: 'ubuntu@22.04',
        bind: { db: 'internal' },
        channel: 'latest/edge',
        config: { port: 8080, debug: true, name: 'My Wiki' },
        constraints: { mem: '8G' },
        force: true,
        numUnits: 2,
        overlays: ['o.yaml'],
        resources: { 'webserver-image': 'python:3.12-slim' },
        revision: 3,
        storage: { data: 'tmpfs,1G' },
        to: ['lxd:1', 'lxd:2'],
        trust: true,
      }),
    argv: [
      'deploy',
      '/c/webserver.charm',
      'web',
      '--attach-storage',
      'data/0,data/1',
      '--base',
      'ubuntu@22.04',
      '--bind',
      'db=internal',
      '--channel',
      'latest/edge',
      '--config',
      'port=8080',
      '--config',
      'debug=true',
      '--config',
      'name=My Wiki',
      '--constraints',
      'mem=8G',
      '--force',
      '--num-units',
      '2',
      '--overlay',
      'o.yaml',
      '--resource',
      'webserver-image=python:3.12-slim',
      '--revision',
      '3',
      '--storage',
      'data=tmpfs,1G',
      '--to',
      'lxd:1,lxd:2',
      '--trust',
    ],
  },
  {
    name: 'deploy with a model',
    model: 'ctl:admin/m',
    call: (j) => j.deploy('./g.charm', { numUnits: 1 }),
    argv: ['deploy', '--model', 'ctl:admin/m', './g.charm'],
  },
  {
    name: 'integrate',
    call: (j) => j.integrate('greeter:greeting', 'fan:audience'),
    argv: ['integrate', 'greeter:greeting', 'fan:audience'],
  },
  {
    name: 'integrate --via',
    call: (j) => j.integrate('a', 'b', { via: ['192.0.2.0/24', '10.0.0.0/8'] }),
    argv: ['integrate', 'a', 'b', '--via', '192.0.2.0/24,10.0.0.0/8'],
  },
  {
    name: 'remove-relation',
    call: (j) => j.removeRelation('a', 'b:db', { force: true }),
    argv: ['remove-relation', 'a', 'b:db', '--force'],
  },
  {
    name: 'config get',
    call: (j) => j.config('app1'),
    argv: ['config', '--format', 'json', 'app1'],
    reply: { stdout: fixture('config.json') },
  },
  {
    name: 'config get with a model',
    model: 'mdl',
    call: (j) => j.config('app1'),
    argv: ['config', '--model', 'mdl', '--format', 'json', 'app1'],
    reply: { stdout: fixture('config.json') },
  },
  {
    name: 'config set',
    call: (j) =>
      j.setConfig('app2', { booly: true, inty: 42, floaty: 7.5, stry: 'A string.', secrety: 'secret:foo' }),
    argv: ['config', 'app2', 'booly=true', 'inty=42', 'floaty=7.5', 'stry=A string.', 'secrety=secret:foo'],
  },
  {
    name: 'config set and reset',
    call: (j) => j.setConfig('app1', { foo: 'bar' }, { reset: ['baz', 'buzz'] }),
    argv: ['config', 'app1', 'foo=bar', '--reset', 'baz,buzz'],
  },
  {
    name: 'config reset',
    call: (j) => j.resetConfig('app1', ['x', 'why', 'zed']),
    argv: ['config', 'app1', '--reset', 'x,why,zed'],
  },
  { name: 'add-unit', call: (j) => j.addUnit('greeter'), argv: ['add-unit', 'greeter'] },
  {
    name: 'add-unit -n',
    call: (j) => j.addUnit('greeter', { numUnits: 3, to: 'lxd:0' }),
    argv: ['add-unit', 'greeter', '--num-units', '3', '--to', 'lxd:0'],
  },
  {
    name: 'remove-unit on machines',
    call: (j) => j.removeUnit(['wordpress/1', 'wordpress/2']),
    argv: ['remove-unit', '--no-prompt', 'wordpress/1', 'wordpress/2'],
  },
  {
    name: 'remove-unit on Kubernetes',
    call: (j) => j.removeUnit('wordpress', { numUnits: 2, force: true, destroyStorage: true }),
    argv: ['remove-unit', '--no-prompt', 'wordpress', '--destroy-storage', '--force', '--num-units', '2'],
  },
  {
    name: 'remove-unit with a model',
    model: 'm',
    call: (j) => j.removeUnit('wordpress', { numUnits: 1 }),
    argv: ['remove-unit', '--model', 'm', '--no-prompt', 'wordpress', '--num-units', '1'],
  },
  {
    name: 'remove-application',
    call: (j) => j.removeApplication(['fan', 'greeter'], { destroyStorage: true, force: true }),
    argv: ['remove-application', '--no-prompt', 'fan', 'greeter', '--destroy-storage', '--force'],
  },
  {
    name: 'refresh --path',
    call: (j) => j.refresh('greeter', { path: './greeter.charm', config: { greeting: 'yo' }, trust: true }),
    argv: ['refresh', 'greeter', '--config', 'greeting=yo', '--path', './greeter.charm', '--trust'],
  },
  {
    name: 'refresh --force',
    call: (j) => j.refresh('greeter', { force: true, revision: 2 }),
    argv: ['refresh', 'greeter', '--force', '--force-base', '--force-units', '--revision', '2'],
  },
  {
    name: 'grant-secret',
    call: (j) => j.grantSecret('my-secret', ['greeter', 'fan']),
    argv: ['grant-secret', 'my-secret', 'greeter,fan'],
  },
  {
    name: 'remove-secret',
    call: (j) => j.removeSecret('secret:abc', { revision: 2 }),
    argv: ['remove-secret', 'secret:abc', '--revision', '2'],
  },
  {
    name: 'secrets',
    call: (j) => j.secrets(),
    argv: ['secrets', '--format', 'json'],
    reply: { stdout: fixture('secrets.json') },
  },
  {
    name: 'secrets --owner',
    model: 'm',
    call: (j) => j.secrets({ owner: 'user' }),
    argv: ['secrets', '--model', 'm', '--owner', 'user', '--format', 'json'],
    reply: { stdout: '{}' },
  },
  {
    name: 'show-secret --reveal',
    call: (j) => j.showSecret('example', { reveal: true }),
    argv: ['show-secret', 'example', '--format', 'json', '--reveal'],
    reply: { stdout: fixture('show-secret-revealed.json') },
  },
  {
    name: 'show-secret --revisions',
    call: (j) => j.showSecret('example', { revisions: true }),
    argv: ['show-secret', 'example', '--format', 'json', '--revisions'],
    reply: { stdout: fixture('show-secret-revisions.json') },
  },
  {
    name: 'show-secret --revision',
    call: (j) => j.showSecret('example', { reveal: true, revision: 1 }),
    argv: ['show-secret', 'example', '--format', 'json', '--reveal', '--revision', '1'],
    reply: { stdout: fixture('show-secret-revealed.json') },
  },
  {
    name: 'debug-log',
    call: (j) => j.debugLog(),
    argv: ['debug-log', '--limit', '0'],
    reply: { stdout: 'line 1\nline 2\n' },
  },
  {
    name: 'debug-log with a model',
    model: 'mdl',
    call: (j) => j.debugLog({ limit: 10 }),
    argv: ['debug-log', '--model', 'mdl', '--limit', '10'],
  },
  {
    name: 'debug-log filtered',
    call: (j) =>
      j.debugLog({ limit: 5, include: ['unit-greeter-0'], exclude: ['juju.worker'], level: 'INFO' }),
    argv: [
      'debug-log',
      '--limit',
      '5',
      '--include',
      'unit-greeter-0',
      '--exclude',
      'juju.worker',
      '--level',
      'INFO',
    ],
  },
  {
    name: 'add-model (never with --model)',
    model: 'other',
    call: (j) =>
      j.addModel('test', { cloud: 'microk8s', config: { 'image-stream': 'daily' }, credential: 'c' }),
    argv: [
      'add-model',
      '--no-switch',
      'test',
      'microk8s',
      '--config',
      'image-stream=daily',
      '--credential',
      'c',
    ],
  },
  {
    name: 'destroy-model',
    call: (j) => j.destroyModel('test', { destroyStorage: true, force: true, noWait: true, timeout: 30 }),
    argv: [
      'destroy-model',
      'test',
      '--no-prompt',
      '--destroy-storage',
      '--force',
      '--no-wait',
      '--timeout',
      '30s',
    ],
  },
  {
    name: 'version',
    model: 'm',
    call: (j) => j.version(),
    argv: ['version', '--format', 'json', '--all'],
    reply: { stdout: fixture('version.json') },
  },
  {
    name: 'run',
    call: (j) => j.run('mysql/0', 'get-password'),
    argv: ['run', '--format', 'json', 'mysql/0', 'get-password'],
    reply: { stdout: fixture('run-completed.json') },
  },
  {
    name: 'run on the leader with --wait',
    model: 'm',
    call: (j) => j.run('mysql/leader', 'get-password', undefined, { wait: 90 }),
    argv: ['run', '--model', 'm', '--format', 'json', 'mysql/leader', 'get-password', '--wait', '90s'],
    reply: { stdout: fixture('run-completed.json') },
  },
  {
    name: 'run with params',
    call: (j) => j.run('mysql/0', 'get-password', { foo: 1 }),
    argv: ['run', '--format', 'json', 'mysql/0', 'get-password', '--params', '<FILE>'],
    reply: { stdout: fixture('run-completed.json') },
  },
  {
    name: 'exec on a unit',
    call: (j) => j.exec('echo', ['foo'], { unit: 'ubuntu/0' }),
    argv: ['exec', '--format', 'json', '--unit', 'ubuntu/0', '--', 'echo', 'foo'],
    reply: { stdout: fixture('exec-completed.json') },
  },
  {
    name: 'exec on a machine with --wait',
    call: (j) => j.exec('echo bar', { machine: 3, wait: 0.5 }),
    argv: ['exec', '--format', 'json', '--machine', '3', '--wait', '0.5s', '--', 'echo bar'],
    reply: { stdout: fixture('exec-completed.json') },
  },
  {
    name: 'cli',
    model: 'm',
    call: (j) => j.cli('show-unit', 'greeter/0'),
    argv: ['show-unit', '--model', 'm', 'greeter/0'],
  },
  {
    name: 'cliRaw without the model',
    model: 'm',
    call: (j) => j.cliRaw(['models', '--format', 'json'], { includeModel: false }),
    argv: ['models', '--format', 'json'],
  },
];

describe('argv sent to juju', () => {
  it.each(cases)('$name', async ({ call, argv, reply, model }) => {
    if (reply) rec.reply(argv[0] ?? '', reply);
    await call(rec.juju(model !== undefined ? { model } : {}));
    expect(rec.argvs().map(masked)).toEqual([argv]);
  });
});

describe('outputs read from the recorded juju 3.6 outputs', () => {
  it('status, config, secrets and version parse', async () => {
    rec
      .reply('status', { stdout: fixture('status-machines-subordinates.json') })
      .reply('config', { stdout: fixture('config.json') })
      .reply('secrets', { stdout: fixture('secrets.json') })
      .reply('version', { stdout: fixture('version.json') });
    const juju = rec.juju();
    expect(Object.keys((await juju.status()).machines)).toEqual(['1', '2']);
    expect(await juju.config('app1', { appConfig: true })).toEqual({
      'juju-application-path': '/',
      trust: false,
    });
    expect((await juju.secrets()).map((s) => s.name)).toEqual(['admin-account', 'admin-password']);
    expect((await juju.version()).number).toEqual([3, 6, 11]);
  });

  it('run returns the task of the one unit in the output (app/leader comes back as app/N)', async () => {
    rec.reply('run', { stdout: fixture('run-completed.json') });
    const task = await rec.juju().run('mysql/leader', 'get-password');
    expect(task).toMatchObject({
      id: '42',
      results: { password: 'pass', username: 'user' },
      stdout: 'OUT',
      success: true,
    });
  });

  it('run writes nested params as YAML to a 0600 file that is gone afterwards', async () => {
    rec.reply('run', { stdout: fixture('run-completed.json') });
    await rec
      .juju()
      .run('keeper/leader', 'rotate-password', { length: 20, nested: { depth: 2 }, list: ['ab', 'cd'] });
    const [call] = rec.calls();
    const [path, file] = Object.entries(call?.files ?? {})[0] ?? [];
    expect(file?.mode).toBe(0o600);
    expect(parse(file?.content ?? '')).toEqual({ length: 20, nested: { depth: 2 }, list: ['ab', 'cd'] });
    expect(existsSync(path ?? '')).toBe(false);
  });
});

describe('secret content', () => {
  it('add-secret sends the content in a 0600 YAML file, never argv or stdin, and removes it', async () => {
    rec.reply('add-secret', { stdout: 'secret:0123456789abcdefghji\n' });
    const uri = await rec
      .juju()
      .addSecret('my-secret', { username: 'admin', password: 'hunter2' }, { info: 'A description.' });
    expect(uri).toBe('secret:0123456789abcdefghji');
    const [call] = rec.calls();
    expect(masked(call?.argv ?? [])).toEqual([
      'add-secret',
      'my-secret',
      '--info',
      'A description.',
      '--file',
      '<FILE>',
    ]);
    expect(call?.argv.join(' ')).not.toContain('hunter2');
    expect(call?.stdin).toBe('');
    const [path, file] = Object.entries(call?.files ?? {})[0] ?? [];
    expect(file?.mode).toBe(0o600);
    expect(parse(file?.content ?? '')).toEqual({ username: 'admin', password: 'hunter2' });
    expect(existsSync(path ?? '')).toBe(false);
  });

  it('update-secret sends the new content the same way', async () => {
    await rec
      .juju({ model: 'm' })
      .updateSecret('my-secret', { password: '12345' }, { info: 'new', name: 'renamed', autoPrune: true });
    const [call] = rec.calls();
    expect(masked(call?.argv ?? [])).toEqual([
      'update-secret',
      '--model',
      'm',
      'my-secret',
      '--info',
      'new',
      '--name',
      'renamed',
      '--auto-prune',
      '--file',
      '<FILE>',
    ]);
    // A value YAML would read as a number stays a string.
    expect(parse(Object.values(call?.files ?? {})[0]?.content ?? '')).toEqual({ password: '12345' });
  });

  it('keeps secret values out of CLIError, even when juju echoes them', async () => {
    rec.reply('add-secret', { code: 1, stdout: 'got hunter2', stderr: 'ERROR invalid value "hunter2"\n' });
    const juju = rec.juju();
    const error = await juju.addSecret('s', { password: 'hunter2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CLIError);
    const e = error as CLIError;
    expect(e.exitCode).toBe(1);
    expect(e.stderr).toBe(`ERROR invalid value "${REDACTED}"\n`);
    expect(`${e.message} ${e.stdout}`).not.toContain('hunter2');
    // Later errors from the same client are redacted too (a debug-log or action output echoing it).
    rec.reply('debug-log', { code: 2, stderr: 'hunter2' });
    await expect(juju.debugLog()).rejects.toThrow(REDACTED);
  });

  it.each([
    ['crowdstrike-client-secret', true],
    ['admin-password', true],
    ['api_token', true],
    ['ssh-key', true],
    ['keyboard-layout', false],
    ['greeting', false],
  ])('a config value of %s is redacted from errors: %s', async (key, hidden) => {
    rec.reply('config', { code: 1, stderr: `ERROR option ${key}: bad value "s3cr3t-v4lue"\n` });
    const e = (await rec
      .juju()
      .setConfig('app', { [key]: 's3cr3t-v4lue' })
      .catch((err: unknown) => err)) as CLIError;
    expect(e).toBeInstanceOf(CLIError);
    expect(`${e.message} ${e.stderr}`.includes('s3cr3t-v4lue')).toBe(!hidden);
  });

  it('a failed show-secret --reveal keeps its stdout out of the error', async () => {
    rec.reply('show-secret', {
      code: 1,
      stdout: '{"x":{"content":{"Data":{"p":"leak"}}}}',
      stderr: 'ERROR boom',
    });
    const e = (await rec
      .juju()
      .showSecret('x', { reveal: true })
      .catch((err: unknown) => err)) as CLIError;
    expect(e.message).not.toContain('leak');
    expect(e.stderr).toBe('ERROR boom');
  });
});

describe('failures', () => {
  it('CLIError carries the argv, exit code, stdout and stderr', async () => {
    rec.reply('deploy', { code: 2, stdout: 'OUT', stderr: 'ERROR cannot deploy\n' });
    const e = (await rec
      .juju({ model: 'm' })
      .deploy('./x.charm')
      .catch((err: unknown) => err)) as CLIError;
    expect(e).toBeInstanceOf(CLIError);
    expect([e.args, e.exitCode, e.stdout, e.stderr]).toEqual([
      ['deploy', '--model', 'm', './x.charm'],
      2,
      'OUT',
      'ERROR cannot deploy\n',
    ]);
    expect(e.message).toBe(
      'juju deploy --model m ./x.charm exited with code 2\nStdout:\nOUT\nStderr:\nERROR cannot deploy\n',
    );
  });

  it.each([
    {
      name: 'a failed action (action-fail)',
      verb: 'run',
      reply: { stdout: fixture('run-failed.json') },
      error: TaskError,
      message: /Failure message/,
    },
    {
      name: 'an action hook that raised (juju exits 1, "task failed")',
      verb: 'run',
      reply: {
        code: 1,
        stdout: fixture('run-exception.json'),
        stderr: 'ERROR the following task failed:\n id "42" with return code 1\n',
      },
      error: TaskError,
      message: /Uncaught Exception/,
    },
    {
      name: 'another juju run failure',
      verb: 'run',
      reply: { code: 2, stdout: 'OUT', stderr: 'ERR' },
      error: CLIError,
      message: /exited with code 2/,
    },
    {
      name: 'a --wait that ran out',
      verb: 'run',
      reply: { code: 1, stderr: 'ERROR timed out waiting for results from: unit mysql/0' },
      error: JujuTimeoutError,
      message: /timed out/,
    },
    {
      name: 'no such action (juju 4 wording)',
      verb: 'run',
      reply: { code: 1, stderr: 'ERROR action "x" not defined for unit "mysql/0". (not found)' },
      error: Error,
      message: /error running action/,
    },
    {
      // juju/juju cmd/juju/action runcommandbase: no task scheduled is said on stderr, and exits 0 (the
      // validation text here is illustrative).
      name: 'params the schema refuses (no task scheduled)',
      verb: 'run',
      reply: {
        stderr:
          'Operation 1 failed to schedule any tasks:\nvalidation failed: (root).length : Must be greater than or equal to 16\n',
      },
      error: Error,
      message: /failed to schedule any tasks:\nvalidation failed: \(root\)\.length/,
    },
    {
      name: 'no such unit (juju 3 prints nothing)',
      verb: 'run',
      reply: { stdout: '' },
      error: Error,
      message: /error running action "get-password" on mysql\/0/,
    },
  ])('run: $name', async ({ verb, reply, error, message }) => {
    rec.reply(verb, reply);
    const e = await rec
      .juju()
      .run('mysql/0', 'get-password')
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(error);
    expect(String((e as Error).message)).toMatch(message);
  });

  it('exec: a failing command is a TaskError with its return code and stderr', async () => {
    rec.reply('exec', {
      code: 1,
      stdout: fixture('exec-failed.json'),
      stderr: 'ERROR the following task failed:\n id "28" with return code 1\n',
    });
    const e = (await rec
      .juju()
      .exec('sleep x', { unit: 'ubuntu/0' })
      .catch((err: unknown) => err)) as TaskError;
    expect(e).toBeInstanceOf(TaskError);
    expect(e.task).toMatchObject({ returnCode: 1, stderr: 'sleep: invalid time interval\n', success: false });
  });

  it('exec: a --wait that ran out is a JujuTimeoutError', async () => {
    rec.reply('exec', {
      code: 1,
      stdout: 'OUT',
      stderr: 'ERROR timed out waiting for results from: unit ubuntu/0\n',
    });
    await expect(rec.juju().exec('sleep 1', { unit: 'ubuntu/0', wait: 0.001 })).rejects.toThrow(
      JujuTimeoutError,
    );
    expect(rec.argvs()).toEqual([
      ['exec', '--format', 'json', '--unit', 'ubuntu/0', '--wait', '0.001s', '--', 'sleep 1'],
    ]);
  });

  it('a TaskError message leaves out secret values the client sent (the task itself is untouched)', async () => {
    rec.reply('add-secret', { stdout: 'secret:abc\n' });
    const failed = JSON.parse(fixture('run-failed.json'));
    failed['mysql/0'].message = 'could not log in with hunter2';
    rec.reply('run', { stdout: JSON.stringify(failed) });
    const juju = rec.juju();
    await juju.addSecret('db', { password: 'hunter2' });
    const e = (await juju.run('mysql/0', 'login').catch((err: unknown) => err)) as TaskError;
    expect(e.message).toContain(`could not log in with ${REDACTED}`);
    expect(e.message).not.toContain('hunter2');
    expect(e.task.message).toBe('could not log in with hunter2');
  });

  it.each([
    {
      name: 'exec with neither unit nor machine',
      call: (j: Juju) => j.exec('ls', {} as { unit: string }),
      message: 'exec: give exactly one of unit or machine',
    },
    {
      name: 'removeUnit with numUnits and several names',
      call: (j: Juju) => j.removeUnit(['a/0', 'a/1'], { numUnits: 1 }),
      message: 'removeUnit: numUnits needs one application, got a/0, a/1',
    },
    {
      name: 'addUnit with numUnits 0',
      call: (j: Juju) => j.addUnit('a', { numUnits: 0 }),
      message: 'numUnits must be a positive integer, got 0',
    },
    {
      name: 'setConfig with nothing',
      call: (j: Juju) => j.setConfig('a', {}),
      message: 'config a: nothing to set or reset',
    },
  ])('bad input fails in one line before juju runs: $name', async ({ call, message }) => {
    await expect(call(rec.juju())).rejects.toThrow(message);
    expect(rec.calls()).toEqual([]);
  });

  it('a missing juju fails in one line naming it', async () => {
    const juju = rec.juju({ env: { PATH: rec.dir + '/nowhere' } });
    await expect(juju.status()).rejects.toThrow(/^juju: command not found/);
  });
});

describe('a snap-confined juju (it cannot read /tmp)', () => {
  it('gets local charms and resources, and the secret file, copied under ~/snap/juju/common, removed after', async () => {
    const snap = new RecordingJuju({ snap: true });
    try {
      const home = join(snap.root, 'home');
      const charm = join(snap.root, 'greeter.charm');
      writeFileSync(charm, 'zip bytes');
      const juju = snap.juju({
        env: { ...process.env, HOME: home, PATH: `${snap.dir}${delimiter}${process.env.PATH}` },
      });
      await juju.deploy(charm, { resources: { image: 'python:3.12-slim', blob: charm } });
      snap.reply('add-secret', { stdout: 'secret:abc\n' });
      await juju.addSecret('s', { k: 'v' });
      const [deploy, add] = snap.argvs();
      const common = join(home, 'snap/juju/common');
      expect(deploy?.[1]).toMatch(new RegExp(`^${common}/ops-ts-jubilant-\\w+/_temp\\.charm$`));
      expect(deploy?.slice(2)).toEqual([
        '--resource',
        'image=python:3.12-slim',
        '--resource',
        expect.stringMatching(/^blob=.*\/snap\/juju\/common\/.*\/blob$/),
      ]);
      expect(add?.[3]?.startsWith(`${common}/`)).toBe(true);
      expect(readdirSync(common)).toEqual([]);
    } finally {
      snap.remove();
    }
  });

  it('a juju elsewhere reads the charm where it is', async () => {
    await rec.juju().deploy('/abs/greeter.charm');
    expect(rec.argvs()).toEqual([['deploy', '/abs/greeter.charm']]);
  });
});

describe('wait', () => {
  const s = (current: string) => {
    const json = JSON.parse(fixture('status-k8s-snappass.json'));
    json.applications['snappass-test']['application-status'].current = current;
    json.applications['snappass-test'].units['snappass-test/0']['workload-status'].current = current;
    return { stdout: JSON.stringify(json) };
  };

  it('returns once ready holds for `successes` statuses in a row', async () => {
    rec.reply('status', s('maintenance'), s('active'), s('waiting'), s('active'), s('active'));
    const status = await rec.juju().wait(allActive, { delay: 0, successes: 2 });
    expect(status.apps['snappass-test']?.appStatus.current).toBe('active');
    expect(rec.calls()).toHaveLength(5);
  });

  it('throws WaitError with the status when error() holds', async () => {
    rec.reply('status', s('maintenance'), s('error'));
    const e = await rec
      .juju()
      .wait(allActive, { error: anyError, delay: 0 })
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(WaitError);
    expect((e as Error).message).toBe(
      'error function anyError returned true\nmodel tt (caas)\n  snappass-test: error (snappass started)\n    snappass-test/0: error (snappass started) [agent idle]',
    );
  });

  it('throws JujuTimeoutError when the time is up', async () => {
    await expect(rec.juju({ waitTimeout: 0 }).wait(allActive)).rejects.toThrow(
      new JujuTimeoutError('wait timed out after 0s'),
    );
    expect(rec.calls()).toEqual([]);
  });
});
