// Benchmark: the packed example charm's unobserved hook (update-status) against `node -e 0`.
// Fake hook tools are builtin-only /bin/sh scripts (as in ops's own measurement), so the figure is the
// framework's start-up plus the processes the hook needs. Prints medians and the ratio; the target is
// at most 1.3x `node -e 0` (DESIGN.md, "Start-up cost").
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from './lib/import-ts.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 40);
const root = new URL('..', import.meta.url).pathname;
const { extractZip } = await importTs(join(root, 'packages/archive/src/index.ts'));
// Pack the example first so the benchmark measures the current code.
execFileSync('node', [join(root, 'packages/cli/build-cli.mjs')], { stdio: 'inherit' });
execFileSync('node', [join(root, 'packages/cli/dist/ops-ts.mjs'), 'pack', join(root, 'examples/greeter')], {
  stdio: 'inherit',
});
const charm = join(root, 'examples/greeter/greeter_amd64.charm');
const dir = mkdtempSync(join(tmpdir(), 'ops-ts-bench-'));
const charmDir = join(dir, 'charm');
mkdirSync(charmDir);
extractZip(readFileSync(charm), charmDir);
const tools = join(dir, 'tools');
mkdirSync(tools);
const fake = {
  'is-leader': 'echo true',
  'config-get': `echo '{"greeting":"hello","port":8080}'`,
  'relation-ids': "echo '[]'",
  'status-set': ':',
  'status-get': `echo '{"status":"active","message":""}'`,
  'juju-log': ':',
  'state-get': 'echo null',
  'state-set': 'cat >/dev/null',
};
for (const [name, body] of Object.entries(fake)) {
  writeFileSync(join(tools, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(tools, name), 0o755);
}
const env = {
  PATH: `${tools}:${process.env.PATH}`,
  JUJU_DISPATCH_PATH: 'hooks/update-status',
  JUJU_HOOK_NAME: 'update-status',
  JUJU_UNIT_NAME: 'greeter/0',
  JUJU_MODEL_NAME: 'bench',
  JUJU_MODEL_UUID: '00000000-0000-4000-8000-000000000000',
  JUJU_VERSION: '3.6.8',
  JUJU_CHARM_DIR: charmDir,
};

function timeOnce(cmd, args, options) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, options);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Interleaved, so load from other processes on the machine hits both alike.
const baseTimes = [];
const hookTimes = [];
for (let i = 0; i < runs + 3; i++) {
  const b = timeOnce('node', ['-e', '0'], {});
  const h = timeOnce(join(charmDir, 'dispatch'), [], { cwd: charmDir, env });
  if (i >= 3) {
    baseTimes.push(b);
    hookTimes.push(h);
  }
}
const base = median(baseTimes);
const hook = median(hookTimes);
console.log(`node -e 0:                    ${base.toFixed(1)} ms (median of ${runs})`);
console.log(`greeter update-status hook:   ${hook.toFixed(1)} ms (median of ${runs})`);
console.log(`ratio:                        ${(hook / base).toFixed(2)}x (target <= 1.30x)`);
