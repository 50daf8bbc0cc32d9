// Benchmark: the packed CrowdStrike connector's hooks, whole process from `dispatch` to exit, against the
// Node floor (node running an empty script file with the same environment). Hook tools are tiny /bin/sh
// scripts answering from fixtures (so the framework's own cost shows) that also count how often they run;
// a Pebble-compatible server answers on the workload socket. Prints medians, spreads, ratios, processes
// per hook, peak memory and the bundle size. Budgets (issue: OpenCTI connectors): steady config-changed at
// most 1.3x the floor and 9 processes, unobserved hooks 1 process, 50 MiB, bundle 300 KB.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from './lib/import-ts.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 30);
const root = new URL('..', import.meta.url).pathname;
const CHARM = 'opencti-crowdstrike-connector';
const { extractZip } = await importTs(join(root, 'packages/archive/src/index.ts'));
const { PebbleServer } = await importTs(join(root, 'packages/pebble/src/server/index.ts'));

execFileSync('node', [join(root, 'packages/cli/build-cli.mjs')], { stdio: 'inherit' });
execFileSync('node', [join(root, 'packages/cli/dist/ops-ts.mjs'), 'pack', join(root, 'charms', CHARM)], {
  stdio: 'inherit',
});
const dir = mkdtempSync(join(tmpdir(), 'ops-ts-bench-connector-'));
const charmDir = join(dir, 'charm');
mkdirSync(charmDir);
extractZip(readFileSync(join(root, 'charms', CHARM, `${CHARM}_amd64.charm`)), charmDir);
const bundleBytes = statSync(join(charmDir, 'lib/charm.cjs')).size;

// Fixtures: a leader with the required config, the platform relation and its token secret.
const tools = join(dir, 'tools');
mkdirSync(tools);
const counter = join(dir, 'calls');
const id = '5d3e1c0a-8b7f-4e2d-9c1b-0a9f8e7d6c5b';
const fake = {
  'goal-state': `echo '{"units":{"${CHARM}/0":{"status":"active","since":"2026-01-01 00:00:00Z"}},"relations":{}}'`,
  'config-get': `echo '{"crowdstrike-client-id":"id","crowdstrike-client-secret":"secret","connector-log-level":"info"}'`,
  'relation-ids': `case "$1" in opencti-connector) echo '["opencti-connector:1"]' ;; *) echo '[]' ;; esac`,
  'relation-list': `echo '["opencti/0"]'`,
  'is-leader': 'echo true',
  'relation-get': `case "$*" in *${CHARM}*) echo '{"connector_charm_name":"${CHARM}","connector_type":"EXTERNAL_IMPORT","connector_id":"${id}"}' ;; *) echo '{"opencti_url":"http://opencti:8080","opencti_token":"secret:cs0opencti0token0000"}' ;; esac`,
  'relation-set': 'cat >/dev/null',
  'secret-get': `echo '{"token":"bench-token"}'`,
  'status-set': ':',
  'status-get': `echo '{"status":"active","message":""}'`,
  'juju-log': ':',
};
for (const [name, body] of Object.entries(fake)) {
  writeFileSync(join(tools, name), `#!/bin/sh\necho ${name} >>"$BENCH_CALLS"\n${body}\n`);
  chmodSync(join(tools, name), 0o755);
}
const pebbleDir = join(dir, 'pebble');
const server = await PebbleServer.start({
  socketPath: join(pebbleDir, CHARM, 'pebble.socket'),
  filesRoot: join(dir, 'rootfs'),
});
const baseEnv = {
  PATH: `${tools}:${process.env.PATH}`,
  BENCH_CALLS: counter,
  JUJU_UNIT_NAME: `${CHARM}/0`,
  JUJU_MODEL_NAME: 'bench',
  JUJU_MODEL_UUID: '00000000-0000-4000-8000-000000000000',
  JUJU_VERSION: '3.6.8',
  JUJU_CHARM_DIR: charmDir,
  OPS_TS_PEBBLE_DIR: pebbleDir,
};
const hookEnv = (hook) => ({ ...baseEnv, JUJU_DISPATCH_PATH: `hooks/${hook}`, JUJU_HOOK_NAME: hook });
const empty = join(dir, 'empty.js');
writeFileSync(empty, '');

/** Runs a command (async, so the Pebble server in this process can answer); its time in ms. */
function timed(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { cwd: charmDir, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve(ms);
    });
  });
}

/** The hook-tool processes one dispatch of `hook` runs. */
async function processes(hook) {
  rmSync(counter, { force: true });
  await timed(join(charmDir, 'dispatch'), [], hookEnv(hook));
  let calls = [];
  try {
    calls = readFileSync(counter, 'utf8').trim().split('\n').filter(Boolean);
  } catch {
    // no tool ran
  }
  return calls;
}

/** Peak resident memory of one dispatch (GNU time's %M, KiB), the median of a few. */
async function peakMemory(hook) {
  const out = [];
  for (let i = 0; i < 5; i++) {
    const report = join(dir, `rss-${i}`);
    await timed('/usr/bin/time', ['-f', '%M', '-o', report, join(charmDir, 'dispatch')], hookEnv(hook));
    out.push(Number(readFileSync(report, 'utf8').trim().split('\n').at(-1)));
  }
  return median(out) / 1024;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return `${s[Math.floor(s.length * 0.1)].toFixed(1)}–${s[Math.floor(s.length * 0.9)].toFixed(1)}`;
};

// The first reconcile puts the layer in place; later config-changed hooks are the steady state.
const first = await processes('config-changed');
const hooks = ['config-changed', 'update-status', 'install'];
const times = { floor: [], ...Object.fromEntries(hooks.map((h) => [h, []])) };
for (let i = 0; i < runs + 3; i++) {
  // Interleaved, so load from other processes hits every row alike.
  const floor = await timed(process.execPath, [empty], hookEnv('install'));
  const row = {};
  for (const hook of hooks) row[hook] = await timed(join(charmDir, 'dispatch'), [], hookEnv(hook));
  if (i < 3) continue;
  times.floor.push(floor);
  for (const hook of hooks) times[hook].push(row[hook]);
}
const floor = median(times.floor);
const counts = {};
for (const hook of hooks) counts[hook] = (await processes(hook)).length;
const memory = await peakMemory('config-changed');
await server.close();

const lines = [
  `machine: ${process.platform} ${process.arch}, node ${process.version}, ${runs} interleaved runs each`,
  `bundle lib/charm.cjs: ${(bundleBytes / 1024).toFixed(0)} KiB (budget 300 KB)`,
  `node floor (empty script): ${floor.toFixed(1)} ms (p10–p90 ${spread(times.floor)})`,
  `first config-changed: ${first.length} processes (${first.join(', ')})`,
];
for (const [hook, label] of [
  ['config-changed', 'steady config-changed'],
  ['update-status', 'update-status'],
  ['install', 'unobserved (install)'],
]) {
  const ms = median(times[hook]);
  lines.push(
    `${label}: ${ms.toFixed(1)} ms (p10–p90 ${spread(times[hook])}), ${(ms / floor).toFixed(2)}x floor, ${counts[hook]} processes`,
  );
}
lines.push(`peak memory, steady config-changed: ${memory.toFixed(1)} MiB (budget 50 MiB)`);
console.log(lines.join('\n'));
rmSync(dir, { recursive: true, force: true });
