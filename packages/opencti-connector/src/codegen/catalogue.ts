// The `opencti_connector/v0` entry of a charm-relation-interfaces style catalogue, generated from the
// schemas in src/schema: `provider.json` and `requirer.json` laid out as pydantic writes them in
// canonical/charm-relation-interfaces `docs/json_schemas/opencti_connector/v0/`, and `interface.yaml` as in
// `interfaces/opencti_connector/v0/interface.yaml`.
import { stringify } from 'yaml';
import type { AppDataSchema } from '../schema/app-data-type.js';
import { PROVIDER_APP_DATA_SCHEMA, PROVIDER_SCHEMA_INFO } from '../schema/provider-schema.js';
import { REQUIRER_APP_DATA_SCHEMA, REQUIRER_SCHEMA_INFO } from '../schema/requirer-schema.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** pydantic sorts the keywords of every schema node; property maps keep declaration order. */
function sortKeywords(node: Json, isPropertyMap = false): Json {
  if (Array.isArray(node)) return node.map((n) => sortKeywords(n));
  if (node === null || typeof node !== 'object') return node;
  const keys = isPropertyMap ? Object.keys(node) : Object.keys(node).sort();
  return Object.fromEntries(
    keys.map((k) => [
      k,
      sortKeywords(node[k] as Json, !isPropertyMap && (k === 'properties' || k === '$defs')),
    ]),
  );
}

function schemaDocument(app: AppDataSchema, info: { title: string; description: string }): Json {
  const doc: Json = {
    $defs: {
      BaseModel: { properties: {}, title: 'BaseModel', type: 'object' },
      [app.title]: app as unknown as Json,
    },
    description: info.description,
    properties: {
      unit: { anyOf: [{ $ref: '#/$defs/BaseModel' }, { type: 'null' }], default: null },
      app: { $ref: `#/$defs/${app.title}` },
    },
    required: ['app'],
    title: info.title,
    type: 'object',
  };
  return sortKeywords(doc);
}

/** A charm listed in interface.yaml. */
export interface CatalogueCharm {
  name: string;
  url: string;
}

/** The three catalogue files, by name, with their text. */
export function catalogueFiles(providers: readonly CatalogueCharm[]): Record<string, string> {
  const json = (doc: Json) => `${JSON.stringify(doc, null, 2)}\n`;
  return {
    'provider.json': json(schemaDocument(PROVIDER_APP_DATA_SCHEMA, PROVIDER_SCHEMA_INFO)),
    'requirer.json': json(schemaDocument(REQUIRER_APP_DATA_SCHEMA, REQUIRER_SCHEMA_INFO)),
    'interface.yaml': stringify({
      name: 'opencti_connector',
      version: 0,
      status: 'published',
      providers: [...providers],
      requirers: [{ name: 'opencti', url: 'https://www.github.com/canonical/opencti-operator' }],
      maintainer: 'identity',
    }),
  };
}
