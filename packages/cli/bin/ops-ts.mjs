#!/usr/bin/env node
// The `ops-ts` command: runs the bundled CLI, building it first on a fresh clone (dist/ is not committed).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/ops-ts.mjs', import.meta.url));
if (!existsSync(bundle)) await (await import('../build-cli.mjs')).buildCli();
await import(bundle);
