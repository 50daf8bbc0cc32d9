import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'charms/*/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'stand-ins/*/test/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
