// Benchmark of the simulator (not a timed test): prints medians.
// 1. Hook-tool overhead: one hook calls `is-leader` many times; bash's $EPOCHREALTIME (no fork) times
//    each call from the hook's side (client start, loopback TCP, packages/juju, reply). Target <= 15 ms.
// 2. Settling N connector-like apps: N greeter apps (real Node hooks) each integrated with one "platform"
//    app, timed from queued to settled through the CLI (`deploy --no-wait`, `integrate --no-wait`, `wait`).
// Knobs: BENCH_CALLS (default 200), BENCH_APPS (default "1,5,10"), BENCH_RUNS (default 3), OPS_TS_SIM_JOBS.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importTs } from './lib/import-ts.mjs';

const root = new URL('..', import.meta.url).pathname;
const calls = Number(process.env.BENCH_CALLS ?? 200);
const appCounts = (process.env.BENCH_APPS ?? '1,5,10').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = join(root, 'packages/cli/dist/ops-ts.mjs');
const work = mkdtempSync(join(tmpdir(), 'ops-ts-bench-sim-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sim = (modelDir, ...args) =>
  execFileSync(
    process.execPath,
    [cli, 'sim', args[0], '--quiet', '--model-dir', modelDir, ...args.slice(1)],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );

execFileSync(process.execPath, [join(root, 'packages/cli/build-cli.mjs')], { stdio: 'inherit' });

// --- 1. per-call overhead --------------------------------------------------------------------------
const { zipDirectory } = await importTs(join(root, 'packages/archive/src/index.ts'));
const src = join(work, 'tool-bench');
mkdirSync(src);
writeFileSync(join(src, 'metadata.yaml'), 'name: tool-bench\n');
writeFileSync(
  join(src, 'dispatch'),
  `#!/bin/bash
[ "\${JUJU_DISPATCH_PATH##*/}" = install ] || exit 0
out="$JUJU_CHARM_DIR/times.txt"; : > "$out"
for i in $(seq ${calls}); do
  t0=$EPOCHREALTIME; is-leader >/dev/null; t1=$EPOCHREALTIME
  echo "$t0 $t1" >> "$out"
done
`,
  { mode: 0o755 },
);
const charm = join(work, 'tool-bench.charm');
writeFileSync(charm, zipDirectory(src));
const toolModel = join(work, 'tool-model');
sim(toolModel, 'deploy', charm);
const times = readFileSync(join(toolModel, 'agents/unit-tool-bench-0/charm/times.txt'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => {
    const [a, b] = l.split(' ').map(Number);
    return (b - a) * 1000;
  });
const perCall = median(times);
console.log(
  `hook-tool call (is-leader), ${times.length} calls: median ${perCall.toFixed(2)} ms, ` +
    `p90 ${[...times].sort((a, b) => a - b)[Math.floor(times.length * 0.9)].toFixed(2)} ms (target <= 15 ms)`,
);

// --- 2. settling N connector apps --------------------------------------------------------------------
execFileSync(process.execPath, [cli, 'pack', join(root, 'examples/greeter'), '-o', work], {
  stdio: 'ignore',
});
const greeter = join(work, 'greeter_amd64.charm');
// Juju application names may not end in a hyphen and digits: connector-a, connector-b, ...
const appName = (i) =>
  `connector-${i.toString(26).replace(/./g, (c) => String.fromCharCode(97 + Number.parseInt(c, 26)))}`;
for (const n of appCounts) {
  const samples = [];
  let hooks = 0;
  for (let r = 0; r < runs; r++) {
    const model = join(work, `settle-${n}-${r}`);
    sim(model, 'deploy', greeter, 'platform', '--no-wait');
    for (let i = 0; i < n; i++) {
      sim(model, 'deploy', greeter, appName(i), '--no-wait');
      sim(model, 'integrate', `${appName(i)}:greeting`, 'platform:audience', '--no-wait');
    }
    const t0 = performance.now();
    sim(model, 'wait');
    samples.push(performance.now() - t0);
    hooks = JSON.parse(sim(model, 'hook-log', '--format', 'json')).length;
  }
  const ms = median(samples);
  console.log(
    `settle ${n} connector app(s) + platform: ${hooks} hooks, median ${(ms / 1000).toFixed(2)} s ` +
      `(${(ms / hooks).toFixed(0)} ms/hook wall, ${process.env.OPS_TS_SIM_JOBS ?? 'default'} jobs)`,
  );
}
