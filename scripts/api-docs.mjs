// The API reference, generated from the doc comments with TypeDoc into docs/api/ (not committed):
//   node scripts/api-docs.mjs   (or: pnpm docs)   then open docs/api/index.html
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const packages = [
  'ops',
  'pebble',
  'testing',
  'sim',
  'juju',
  'opencti-connector',
  'cli',
  'archive',
  'jubilant',
];
const entryPoints = [
  ...packages.map((p) => join(root, 'packages', p, 'src/index.ts')),
  join(root, 'packages/pebble/src/server/index.ts'),
  join(root, 'packages/ops/src/runtime.ts'),
];
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules/typedoc/bin/typedoc'),
    '--tsconfig',
    join(root, 'tsconfig.json'),
    '--out',
    join(root, 'docs/api'),
    '--name',
    'ops-ts API',
    '--readme',
    join(root, 'README.md'),
    '--excludePrivate',
    '--excludeInternal',
    '--skipErrorChecking',
    // No public remote to link sources to.
    '--disableSources',
    ...entryPoints.flatMap((e) => ['--entryPoints', e]),
  ],
  { stdio: 'inherit', cwd: root },
);
console.log('wrote docs/api/index.html');
