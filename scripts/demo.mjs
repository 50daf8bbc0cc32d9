// The project's main job, end to end on a fresh clone (after `pnpm install`): build the CLI, pack the
// OpenCTI platform charm, three connectors and the stand-ins of the platform's other relations; deploy them
// into a fresh local model in the simulator with a fake OpenCTI server standing in for the platform's
// workload; integrate, wait, and print the status, each connector's relation data, the users the fake
// OpenCTI holds and the CrowdStrike connector's Pebble plan (token redacted). Then remove one connector's
// relation and show its user deactivated and its service stopped.
// The model stays in .sim/demo: explore it with `node packages/cli/dist/ops-ts.mjs sim status -m demo`;
// `node packages/cli/dist/ops-ts.mjs sim destroy-model --model-dir .sim/demo` stops its fake OpenCTI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist/ops-ts.mjs');
const modelDir = join(root, '.sim/demo');
const started = Date.now();
const plain = process.env.NO_COLOR || !process.stdout.isTTY;

function step(title) {
  process.stdout.write(plain ? `\n## ${title}\n` : `\n\x1b[1m## ${title}\x1b[0m\n`);
}

/** Runs the CLI with its output shown; `capture` returns stdout instead. */
function ops(args, { capture = false, quiet = false } = {}) {
  const shown = args
    .map((a) => (a.startsWith(root) ? a.slice(root.length) : a))
    .map((a) => (/\s/.test(a) ? `'${a}'` : a))
    .join(' ');
  process.stdout.write(`$ ops-ts ${shown}\n`);
  return execFileSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', quiet ? 'ignore' : 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
}

// Model options go before the arguments: `service-stand-in` takes the command after `--`.
const sim = (cmd, ...args) => ops(['sim', cmd, '--model-dir', modelDir, '--quiet', ...args]);

const CONNECTORS = {
  'opencti-crowdstrike-connector': [
    'crowdstrike-client-id=demo-client',
    'crowdstrike-client-secret=demo-secret',
  ],
  'opencti-export-file-stix-connector': ['connector-scope=application/json'],
  'opencti-mitre-connector': [
    'connector-scope=tool,report',
    'mitre-interval=7',
    'mitre-remove-statement-marking=true',
  ],
};
const STAND_INS = {
  'opensearch-stand-in': 'opencti:opensearch-client',
  'redis-stand-in': 'opencti:redis',
  'rabbitmq-stand-in': 'opencti:amqp',
  's3-stand-in': 'opencti:s3',
  'ingress-stand-in': 'opencti:ingress',
};

step('Build the CLI and the fake OpenCTI server; pack the charms');
execFileSync(process.execPath, [join(root, 'packages/cli/build-cli.mjs')], { stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'stand-ins/fake-opencti/build.mjs')], { stdio: 'inherit' });
const charms = {};
for (const dir of [
  'charms/opencti',
  ...Object.keys(CONNECTORS).map((c) => `charms/${c}`),
  ...Object.keys(STAND_INS).map((s) => `stand-ins/${s}`),
]) {
  // Quiet: the simulator runs hooks with the host's node, so the "ships no Node runtime" note is moot.
  const out = ops(['pack', join(root, dir)], { capture: true, quiet: true });
  const file = out.match(/^packed (.*)$/m)?.[1];
  if (!file) throw new Error(`${dir} did not pack`);
  charms[dir.split('/')[1]] = file;
}
process.stdout.write(`packed ${Object.keys(charms).length} charms\n`);

step('Deploy into a fresh model: the stand-ins, the platform, three connectors');
if (existsSync(join(modelDir, 'sim.json'))) sim('destroy-model');
rmSync(modelDir, { recursive: true, force: true });
for (const name of Object.keys(STAND_INS)) sim('deploy', charms[name], name, '--no-wait');
// The admin password goes through a file (0600), never the command line.
const secretDir = mkdtempSync(join(tmpdir(), 'opencti-demo-'));
writeFileSync(join(secretDir, 'password'), `demo-${Math.random().toString(36).slice(2)}`, { mode: 0o600 });
const adminUri = ops(
  [
    'sim',
    'add-secret',
    '--model-dir',
    modelDir,
    'opencti-admin',
    'email=admin@opencti.local',
    `password#file=${join(secretDir, 'password')}`,
  ],
  { capture: true },
).trim();
rmSync(secretDir, { recursive: true, force: true });
process.stdout.write(`${adminUri}\n`);
sim('deploy', charms.opencti, 'opencti', '--config', `admin-user=${adminUri}`, '--no-wait');
sim('grant-secret', 'opencti-admin', 'opencti');
// The simulator runs the fake OpenCTI in place of the platform's `platform` service, on a free loopback
// port standing for the container's 8080; its users are kept in the model directory.
sim(
  'service-stand-in',
  'opencti',
  'opencti',
  'platform',
  '--port',
  '8080',
  '--',
  process.execPath,
  join(root, 'stand-ins/fake-opencti/dist/fake-opencti.mjs'),
  '--state',
  join(modelDir, 'fake-opencti.json'),
);
for (const [name, config] of Object.entries(CONNECTORS)) {
  sim('deploy', charms[name], name, '--no-wait', ...config.flatMap((c) => ['--config', c]));
}

step('Integrate and wait');
for (const [name, endpoint] of Object.entries(STAND_INS)) sim('integrate', endpoint, name, '--no-wait');
for (const name of Object.keys(CONNECTORS))
  sim('integrate', `${name}:opencti-connector`, 'opencti:opencti-connector', '--no-wait');
sim('wait');

step('Status');
sim('status');

step('What each connector got from the platform (its relation data)');
for (const name of Object.keys(CONNECTORS)) sim('show-unit', `${name}/0`);

/** The users the fake OpenCTI holds, without their tokens. */
function showUsers() {
  const state = JSON.parse(readFileSync(join(modelDir, 'fake-opencti.json'), 'utf8'));
  const groups = Object.fromEntries((state.groups ?? []).map((g) => [g.id, g.name]));
  for (const user of state.users ?? []) {
    const inGroups = (user.groups ?? []).map((g) => groups[g] ?? g).join(', ');
    process.stdout.write(`  ${user.name.padEnd(52)} ${String(user.account_status).padEnd(9)} ${inGroups}\n`);
  }
}
step('Users in the (fake) OpenCTI');
showUsers();

step('Pebble plan of opencti-crowdstrike-connector/0 (secret values redacted)');
sim('plan', 'opencti-crowdstrike-connector/0', 'opencti-crowdstrike-connector');

step("Remove the CrowdStrike connector's relation");
sim('remove-relation', 'opencti-crowdstrike-connector:opencti-connector', 'opencti:opencti-connector');
sim('status');
step('Users in the (fake) OpenCTI: the CrowdStrike user is deactivated');
showUsers();
step("Pebble services of the connectors: CrowdStrike's is stopped");
const pebble = JSON.parse(readFileSync(join(modelDir, 'sim.json'), 'utf8')).pebble;
for (const name of Object.keys(CONNECTORS)) {
  const service = pebble[`${name}/0`]?.[name]?.services?.connector;
  process.stdout.write(`  ${`${name}/0`.padEnd(40)} connector: ${service?.current ?? 'not in the plan'}\n`);
}

step('Done');
process.stdout.write(
  `Finished in ${((Date.now() - started) / 1000).toFixed(1)} s. The model is in ${modelDir.slice(root.length)}` +
    ' (its fake OpenCTI keeps running): try `node packages/cli/dist/ops-ts.mjs sim hook-log --model-dir .sim/demo`,' +
    ' and `node packages/cli/dist/ops-ts.mjs sim destroy-model --model-dir .sim/demo` to stop it.\n',
);
