// The catalogue export against the facts of canonical/charm-relation-interfaces
// `interfaces/opencti_connector/v0/` and `docs/json_schemas/opencti_connector/v0/`, and every generated file
// of the package against what the generator writes now (so a stale file fails here).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generatedFiles } from '../src/codegen/outputs.js';

const pkg = new URL('..', import.meta.url).pathname;
const connectorsJson = join(pkg, '../../charms/connectors.json');
const read = (path: string) => readFileSync(join(pkg, path), 'utf8');
const catalogue = (name: string) => read(`catalogue/opencti_connector/v0/${name}`);

describe('generated files', () => {
  it.each(Object.entries(generatedFiles(connectorsJson)))(
    '%s is up to date (pnpm --filter @ops-ts/opencti-connector generate)',
    (path, text) => {
      expect(read(path)).toBe(text);
    },
  );
});

describe('interface.yaml', () => {
  const doc = parse(catalogue('interface.yaml')) as {
    name: string;
    version: number;
    status: string;
    maintainer: string;
    providers: { name: string; url: string }[];
    requirers: { name: string; url: string }[];
  };
  it('names the interface as upstream does', () => {
    expect(doc).toMatchObject({
      name: 'opencti_connector',
      version: 0,
      status: 'published',
      maintainer: 'identity',
    });
    expect(doc.requirers).toEqual([
      { name: 'opencti', url: 'https://www.github.com/canonical/opencti-operator' },
    ]);
  });
  it('lists upstream providers (abuseipdb spelled right) plus nti and woap, which upstream misses', () => {
    const upstream = [
      'abuseipdb_ipblacklist',
      'alienvault',
      'cisa_kev',
      'crowdstrike',
      'cyber_campaign',
      'export_file_csv',
      'export_file_txt',
      'export_file_stix',
      'import_document',
      'import_file_stix',
      'ipinfo',
      'malwarebazaar',
      'misp_feed',
      'mitre',
      'sekoia',
      'urlhaus',
      'urlscan',
      'urlscan_enrichment',
      'virustotal_livehunt',
      'vxvault',
    ];
    const names = doc.providers.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining([...upstream, 'nti', 'woap']));
    expect(names).toHaveLength(22);
    for (const p of doc.providers) {
      expect(p.url).toBe(`https://github.com/canonical/opencti-operator/tree/main/connectors/${p.name}`);
    }
  });
});

describe('provider.json and requirer.json', () => {
  const provider = JSON.parse(catalogue('provider.json'));
  const requirer = JSON.parse(catalogue('requirer.json'));

  it('have the pydantic layout: app required, unit an optional BaseModel', () => {
    for (const [doc, title, app] of [
      [provider, 'ProviderSchema', 'ProviderAppData'],
      [requirer, 'RequirerSchema', 'RequirerAppData'],
    ]) {
      expect(Object.keys(doc)).toEqual(['$defs', 'description', 'properties', 'required', 'title', 'type']);
      expect(doc).toMatchObject({ title, type: 'object', required: ['app'] });
      expect(doc.properties).toEqual({
        unit: { anyOf: [{ $ref: '#/$defs/BaseModel' }, { type: 'null' }], default: null },
        app: { $ref: `#/$defs/${app}` },
      });
      expect(doc.$defs.BaseModel).toEqual({ properties: {}, title: 'BaseModel', type: 'object' });
    }
    expect(provider.description).toBe('Provider schema for the opencti-connector interface.');
    expect(requirer.description).toBe('Requirer schema for the opencti-connector interface.');
  });

  it('ProviderAppData: two required strings with upstream titles, descriptions and examples, no enum', () => {
    const app = provider.$defs.ProviderAppData;
    expect(app.required).toEqual(['connector_charm_name', 'connector_type']);
    expect(app.properties.connector_charm_name).toEqual({
      description: 'Name of the OpenCTI connector charm.',
      examples: ['opencti-connector-charm'],
      title: 'Connector Charm Name',
      type: 'string',
    });
    expect(app.properties.connector_type).toEqual({
      description: 'Type of the OpenCTI connector.',
      examples: [
        'EXTERNAL_IMPORT',
        'INTERNAL_ENRICHMENT',
        'INTERNAL_IMPORT_FILE',
        'INTERNAL_EXPORT_FILE',
        'STREAM',
      ],
      title: 'Connector Type',
      type: 'string',
    });
    expect(app).not.toHaveProperty('additionalProperties');
  });

  it('RequirerAppData: a non-empty uri and a token secret id, both required', () => {
    const app = requirer.$defs.RequirerAppData;
    expect(app.required).toEqual(['opencti_url', 'opencti_token']);
    expect(app.properties.opencti_url).toEqual({
      description: 'URL to the OpenCTI instance.',
      examples: ['http://opencti-endpoints.stg-opencti.svc:8080'],
      format: 'uri',
      minLength: 1,
      title: 'OpenCTI URL',
      type: 'string',
    });
    expect(app.properties.opencti_token).toMatchObject({ title: 'OpenCTI Token', type: 'string' });
  });
});
