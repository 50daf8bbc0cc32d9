import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('the client bundle', () => {
  it('does not contain the yaml package', async () => {
    const result = await build({
      absWorkingDir: repoRoot,
      entryPoints: ['packages/pebble/src/index.ts'],
      platform: 'node',
      format: 'esm',
      bundle: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('packages/pebble/src/yaml-parse.ts');
    expect(inputs.filter((path) => path.includes('node_modules/.pnpm/yaml@'))).toEqual([]);
  });
});
