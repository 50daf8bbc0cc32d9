// Writes the package's generated files: the ajv standalone validators and the catalogue export.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { importTs } from '../../../scripts/lib/import-ts.mjs';

const pkg = new URL('..', import.meta.url).pathname;
const { generatedFiles } = await importTs(join(pkg, 'src/codegen/outputs.ts'));
for (const [path, text] of Object.entries(generatedFiles(join(pkg, '../../charms/connectors.json')))) {
  mkdirSync(dirname(join(pkg, path)), { recursive: true });
  writeFileSync(join(pkg, path), text);
  console.log(`wrote packages/opencti-connector/${path}`);
}
