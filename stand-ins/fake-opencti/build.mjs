// Bundles the fake OpenCTI server (a stand-in) into one dependency-free ESM file. Run as a script to build
// dist/fake-opencti.mjs; tests and the demo import `buildFakeOpencti(outfile)`.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Builds the fake OpenCTI server bundle to `outfile` (default `dist/fake-opencti.mjs`); returns the path. */
export async function buildFakeOpencti(outfile = `${here}dist/fake-opencti.mjs`) {
  await build({
    entryPoints: [`${here}src/main.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildFakeOpencti();
