// @ops-ts/opencti-connector: the `opencti_connector` relation interface (schemas, provider base class,
// requirer helper).
export { sameJson } from './canonical-json.js';
export {
  CONNECTOR_RELATION,
  type ConnectorIntegration,
  OpenctiConnectorCharm,
} from './connector-charm.js';
export { CONNECTOR_LAYER, CONNECTOR_SERVICE, connectorLayer, connectorService } from './connector-layer.js';
export {
  type BooleanStyle,
  configEnvironment,
  kebabToConstant,
  proxyEnvironment,
  renderConfigValue,
} from './environment.js';
export { Blocked, NotReady } from './errors.js';
export { LOGGING_RELATION, LogForwarder, type LokiEndpoints } from './log-forwarding.js';
export { CONNECTOR_LOG_LEVELS, withValidLogLevel } from './log-level.js';
export { pythonJsonDumps } from './python-json.js';
export { type ConnectorOptionMeta, missingOptions } from './required-options.js';
export {
  type ConnectorRelation,
  type ConnectorRelations,
  type InvalidConnectorRelation,
  OpenctiConnectorRequirer,
  PLATFORM_RELATION,
  type RelatedConnector,
  tokenSecretLabel,
} from './requirer.js';
export type { AppDataOf, AppDataSchema } from './schema/app-data-type.js';
export {
  CONNECTOR_TYPES,
  type ConnectorType,
  PROVIDER_APP_DATA_SCHEMA,
  PROVIDER_SCHEMA_INFO,
  type ProviderAppData,
} from './schema/provider-schema.js';
export {
  REQUIRER_APP_DATA_SCHEMA,
  REQUIRER_SCHEMA_INFO,
  type RequirerAppData,
} from './schema/requirer-schema.js';
export { checkProviderAppData, checkRequirerAppData, type Validated } from './validate.js';
