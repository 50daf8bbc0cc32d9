// The connector (provider) side of `opencti_connector/v0`, as published in canonical/charm-relation-interfaces
// (`interfaces/opencti_connector/v0/schema.py`, exported as `docs/json_schemas/opencti_connector/v0/provider.json`).
import type { AppDataOf } from './app-data-type.js';

/** The five OpenCTI connector types (the examples of `connector_type`; the schema sets no enum). */
export const CONNECTOR_TYPES = [
  'EXTERNAL_IMPORT',
  'INTERNAL_ENRICHMENT',
  'INTERNAL_IMPORT_FILE',
  'INTERNAL_EXPORT_FILE',
  'STREAM',
] as const;

/** One of the OpenCTI connector types. */
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** JSON Schema of the connector's application databag. */
export const PROVIDER_APP_DATA_SCHEMA = {
  type: 'object',
  title: 'ProviderAppData',
  properties: {
    connector_charm_name: {
      type: 'string',
      title: 'Connector Charm Name',
      description: 'Name of the OpenCTI connector charm.',
      examples: ['opencti-connector-charm'],
    },
    connector_type: {
      type: 'string',
      title: 'Connector Type',
      description: 'Type of the OpenCTI connector.',
      examples: CONNECTOR_TYPES,
    },
  },
  required: ['connector_charm_name', 'connector_type'],
} as const;

/**
 * The connector's application databag. `connector_id` (a uuid4 written once by the connector's leader) is
 * not in the interface schema; extra keys are allowed, so it validates.
 */
export type ProviderAppData = AppDataOf<typeof PROVIDER_APP_DATA_SCHEMA> & { readonly connector_id?: string };

/** Title and description of the whole provider schema in the catalogue. */
export const PROVIDER_SCHEMA_INFO = {
  title: 'ProviderSchema',
  description: 'Provider schema for the opencti-connector interface.',
} as const;
