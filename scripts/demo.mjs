// The project's main job, end to end on a fresh clone (after `pnpm install`): build the CLI, pack the
// example charms, deploy them into a fresh local model in the simulator, configure, integrate, wait,
// and print the status, the relation data and a container's Pebble plan (secret values redacted).
// The model stays in .sim/demo: explore it with `node packages/cli/dist/ops-ts.mjs sim status -m demo`.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'packages/cli/dist/ops-ts.mjs');
const modelDir = join(root, '.sim/demo');
const started = Date.now();

function step(title) {
  process.stdout.write(`\n\x1b[1m## ${title}\x1b[0m\n`);
}

/** Runs the CLI with output shown; `capture` returns stdout instead. */
function ops(args, { capture = false } = {}) {
  const shown = args
    .map((a) => (a.startsWith(root) ? a.slice(root.length) : a))
    .map((a) => (/\s/.test(a) ? `'${a}'` : a))
    .join(' ');
  process.stdout.write(`$ ops-ts ${shown}\n`);
  return execFileSync(process.execPath, [cli, ...args], {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
  });
}

// Model options go before the arguments: `exec-stub` takes the command after `--`.
const sim = (cmd, ...args) => ops(['sim', cmd, '--model-dir', modelDir, ...args]);

step('Build the CLI and pack the charms');
execFileSync(process.execPath, [join(root, 'packages/cli/build-cli.mjs')], { stdio: 'inherit' });
const packed = ops(['pack', '--all'], { capture: true });
process.stdout.write(packed);
const charms = Object.fromEntries(
  [...packed.matchAll(/^packed (.*\/([^/]+)_[^/]+\.charm)$/gm)].map((m) => [m[2], m[1]]),
);
if (!charms.greeter) throw new Error('the greeter example did not pack');

step('Deploy into a fresh model');
rmSync(modelDir, { recursive: true, force: true });
sim('deploy', charms.greeter, 'greeter', '--num-units', '2', '--config', 'greeting=hello from the simulator');
sim('deploy', charms.greeter, 'fan');
if (charms.webserver) {
  // The simulator runs no workloads: the charm asks its container for the Python version, so say what
  // the image would answer.
  sim('deploy', charms.webserver, 'webserver', '--no-wait');
  sim('exec-stub', 'webserver', 'webserver', '--stdout', 'Python 3.12.3', '--', 'python3', '--version');
}

step('Configure and integrate');
sim('integrate', 'greeter:greeting', 'fan:audience');
sim('config', 'greeter', 'port=9090');
if (charms.webserver) sim('config', 'webserver', 'message=Served by ops-ts');
sim('add-secret', 'demo-token', 'token=s3cr3t-demo-value', '--info', 'a user secret (never printed)');
sim('wait');

step('Status');
sim('status');

step('Relation data (fan/0)');
sim('show-unit', 'fan/0');

if (charms.webserver) {
  step('Pebble plan of webserver/0 (secret values redacted)');
  sim('plan', 'webserver/0', 'webserver');
}

step('Done');
process.stdout.write(
  `Finished in ${((Date.now() - started) / 1000).toFixed(1)} s. The model is in ${modelDir.slice(root.length)}` +
    `${existsSync(modelDir) ? '' : ' (missing!)'}: try \`node packages/cli/dist/ops-ts.mjs sim hook-log --model demo\`.\n`,
);
