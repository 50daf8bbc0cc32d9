/** Builds the CLI bundle to `outfile` (default `dist/ops-ts.mjs`). */
export function buildCli(outfile?: string): Promise<void>;
