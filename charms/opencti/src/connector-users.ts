// Naming and grouping of the OpenCTI users the charm makes for connectors (upstream `src/charm.py`,
// `_setup_connector_integration_and_user`, `_get_connector_group`).

/** Every connector user's name starts with this; users with it and no relation get deactivated. */
export const CONNECTOR_USER_PREFIX = 'charm-connector-';

/**
 * The user of one related application. Upstream keys users by the connector's charm name, so two
 * applications of one charm shared a user and token (reference §8 defect 11); the application name is
 * unique in the model. For the usual deployment (app named like the charm) the name is upstream's.
 */
export function connectorUserName(appName: string): string {
  return `${CONNECTOR_USER_PREFIX}${appName.replace(/_/g, '-').toLowerCase()}`;
}

/** The group a new connector user joins: export connectors need Administrators, the others Connectors. */
export function connectorGroup(connectorType: string): 'Administrators' | 'Connectors' {
  return connectorType.replace(/-/g, '_').toUpperCase() === 'INTERNAL_EXPORT_FILE'
    ? 'Administrators'
    : 'Connectors';
}
