// Builds the publishable packages into each package's dist/: ESM JavaScript and .d.ts (tsc), the CLI's
// one-file bundle, and the connector library's generated validators. `pnpm pack` then ships dist/ (each
// package's publishConfig points `exports` and `types` there). Run: node scripts/build-packages.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
/** In dependency order. */
export const PUBLISHED = [
  'archive',
  'pebble',
  'juju',
  'ops',
  'testing',
  'sim',
  'opencti-connector',
  'cli',
  'jubilant',
];
const tsc = join(root, 'node_modules/typescript/bin/tsc');

/** Builds one package's dist/. */
export function buildPackage(name) {
  const dir = join(root, 'packages', name);
  const dist = join(dir, 'dist');
  rmSync(dist, { recursive: true, force: true });
  const config = join(dir, 'tsconfig.build.json');
  writeFileSync(
    config,
    `${JSON.stringify(
      {
        extends: '../../tsconfig.json',
        compilerOptions: { noEmit: false, declaration: true, outDir: 'dist', rootDir: 'src' },
        include: ['src'],
        // Build-time code generation is not shipped.
        exclude: ['src/codegen'],
      },
      null,
      2,
    )}\n`,
  );
  try {
    execFileSync(process.execPath, [tsc, '-p', config], { cwd: dir, stdio: 'inherit' });
  } finally {
    rmSync(config, { force: true });
  }
  if (name === 'opencti-connector')
    cpSync(join(dir, 'src/generated'), join(dist, 'generated'), { recursive: true });
  if (name === 'cli') execFileSync(process.execPath, [join(dir, 'build-cli.mjs')], { stdio: 'inherit' });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  for (const name of process.argv.slice(2).length ? process.argv.slice(2) : PUBLISHED) {
    buildPackage(name);
    console.log(`built packages/${name}/dist`);
  }
}
