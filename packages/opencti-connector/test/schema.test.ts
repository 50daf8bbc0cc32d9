// Both application databags against the `opencti_connector/v0` schemas (the generated ajv validators).
import { describe, expect, it } from 'vitest';
import { checkProviderAppData, checkRequirerAppData } from '../src/index.js';

const provider = { connector_charm_name: 'opencti-crowdstrike-connector', connector_type: 'EXTERNAL_IMPORT' };
const requirer = {
  opencti_url: 'http://opencti-endpoints.stg-opencti.svc:8080',
  opencti_token: 'secret:cjqub6vubg2s77p3nio0',
};

describe('provider (connector) databag', () => {
  it.each([
    ['the two fields', provider],
    [
      'with connector_id (not in the schema; extra keys allowed)',
      { ...provider, connector_id: 'b9c4f6c8-0d5a-4a3c-9d0e-2f1b0c9a8e7d' },
    ],
    ['any connector_type string (the schema has no enum)', { ...provider, connector_type: 'SOMETHING_NEW' }],
  ])('accepts %s', (_name, bag) => {
    expect(checkProviderAppData(bag)).toEqual({ ok: true, data: bag });
  });

  it.each([
    ['an empty bag', {}, ['connector_charm_name is missing', 'connector_type is missing']],
    ['no type', { connector_charm_name: 'x' }, ['connector_type is missing']],
  ])('refuses %s, naming the fields', (_name, bag, problems) => {
    expect(checkProviderAppData(bag)).toEqual({ ok: false, problems });
  });
});

describe('requirer (platform) databag', () => {
  it.each([
    ['an http URL and a secret id', requirer],
    ['an https ingress URL with a path', { ...requirer, opencti_url: 'https://opencti.example.com/opencti' }],
    [
      'a secret:// id',
      { ...requirer, opencti_token: 'secret://59060ecc-0495-4a80-8006-5f1fc13fd783/cjqub6vubg2s77p3nio0' },
    ],
  ])('accepts %s', (_name, bag) => {
    expect(checkRequirerAppData(bag).ok).toBe(true);
  });

  it.each([
    ['no token', { opencti_url: requirer.opencti_url }, ['opencti_token is missing']],
    [
      'an empty URL',
      { ...requirer, opencti_url: '' },
      [
        'opencti_url must NOT have fewer than 1 characters (got "")',
        'opencti_url must match format "uri" (got "")',
      ],
    ],
    [
      'a URL without a scheme',
      { ...requirer, opencti_url: '//opencti:8080' },
      ['opencti_url must match format "uri" (got "//opencti:8080")'],
    ],
    [
      'a URL with a space',
      { ...requirer, opencti_url: 'http://opencti/a b' },
      ['opencti_url must match format "uri" (got "http://opencti/a b")'],
    ],
    [
      'plain words',
      { ...requirer, opencti_url: 'not a url' },
      ['opencti_url must match format "uri" (got "not a url")'],
    ],
  ])('refuses %s, naming the field and the value', (_name, bag, problems) => {
    expect(checkRequirerAppData(bag)).toEqual({ ok: false, problems });
  });
});
