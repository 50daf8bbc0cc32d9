// Every file the package generates, by path relative to the package folder: what `generate` writes and
// what the staleness test compares.
import { readFileSync } from 'node:fs';
import { type CatalogueCharm, catalogueFiles } from './catalogue.js';
import { generateValidatorsModule } from './validators.js';

/** The connectors listed as providers: every connector charm of `charms/connectors.json`. */
export function catalogueProviders(connectorsJson: string): CatalogueCharm[] {
  const data = JSON.parse(readFileSync(connectorsJson, 'utf8')) as { connectors: { directory: string }[] };
  return data.connectors.map((c) => ({
    name: c.directory,
    url: `https://github.com/canonical/opencti-operator/tree/main/connectors/${c.directory}`,
  }));
}

/** Generated files by path (relative to packages/opencti-connector), given `charms/connectors.json`. */
export function generatedFiles(connectorsJson: string): Record<string, string> {
  const out: Record<string, string> = { 'src/generated/validators.js': generateValidatorsModule() };
  for (const [name, text] of Object.entries(catalogueFiles(catalogueProviders(connectorsJson)))) {
    out[`catalogue/opencti_connector/v0/${name}`] = text;
  }
  return out;
}
