// Lets plain-Node scripts use the workspace's TypeScript packages: bundles an entry file into a temp
// ESM file with esbuild and imports it.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Imports a TypeScript module of the workspace (bundled on the fly). */
export async function importTs(entry) {
  const outfile = join(mkdtempSync(join(tmpdir(), 'ops-ts-script-')), 'module.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    // CommonJS dependencies (yaml, ajv) call require(): give the ESM bundle one.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return import(outfile);
}
