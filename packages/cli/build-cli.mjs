// Bundles the ops-ts CLI into one ESM file. esbuild stays external: it ships a native binary that must be
// resolved from node_modules at run time.

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
await build({
  entryPoints: [`${here}src/main.ts`],
  outfile: `${here}dist/ops-ts.mjs`,
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
