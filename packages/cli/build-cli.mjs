// Bundles the ops-ts CLI into one ESM file. esbuild stays external: it ships a native binary that must be
// resolved from node_modules at run time. Run as a script to build dist/ops-ts.mjs; tests import
// `buildCli(outfile)` to build a private copy.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Builds the CLI bundle to `outfile` (default `dist/ops-ts.mjs`). */
export async function buildCli(outfile = `${here}dist/ops-ts.mjs`) {
  await build({
    entryPoints: [`${here}src/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    external: ['esbuild'],
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildCli();
