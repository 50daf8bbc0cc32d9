// The platform (requirer) side of `opencti_connector/v0`, as published in canonical/charm-relation-interfaces
// (`interfaces/opencti_connector/v0/schema.py`, exported as `docs/json_schemas/opencti_connector/v0/requirer.json`).
import type { AppDataOf } from './app-data-type.js';

/** JSON Schema of the platform's application databag. */
export const REQUIRER_APP_DATA_SCHEMA = {
  type: 'object',
  title: 'RequirerAppData',
  properties: {
    opencti_url: {
      type: 'string',
      title: 'OpenCTI URL',
      description: 'URL to the OpenCTI instance.',
      examples: ['http://opencti-endpoints.stg-opencti.svc:8080'],
      format: 'uri',
      minLength: 1,
    },
    opencti_token: {
      type: 'string',
      title: 'OpenCTI Token',
      description: 'Secret token for OpenCTI authentication.',
      examples: ['secret://59060ecc-0495-4a80-8006-5f1fc13fd783/cjqub6vubg2s77p3nio0'],
    },
  },
  required: ['opencti_url', 'opencti_token'],
} as const;

/** The platform's application databag: the OpenCTI URL and the id of the Juju secret holding the token. */
export type RequirerAppData = AppDataOf<typeof REQUIRER_APP_DATA_SCHEMA>;

/** Title and description of the whole requirer schema in the catalogue. */
export const REQUIRER_SCHEMA_INFO = {
  title: 'RequirerSchema',
  description: 'Requirer schema for the opencti-connector interface.',
} as const;
