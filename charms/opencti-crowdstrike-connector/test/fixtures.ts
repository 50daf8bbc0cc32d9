// A connector's world for the testing kit: the platform relation with its URL and token secret, the
// workload container, and the required config.
import { container, relation, type StateInit, secret, state } from '@ops-ts/testing';

export const CHARM = 'opencti-crowdstrike-connector';
export const TOKEN = 'opencti-api-token-9f8e7d';
export const URL_ = 'https://opencti.example.com/opencti';
export const REQUIRED = {
  'crowdstrike-client-id': 'client-id',
  'crowdstrike-client-secret': 'client-secret',
};

/** The platform's token secret (owned by the `opencti` app, granted over the relation). */
export const tokenSecret = (content: Record<string, string> = { token: TOKEN }) =>
  secret({ id: 'secret:cs0opencti0token0000', content, ownerApp: 'opencti' });

/** The `opencti-connector` relation with the platform's app data (set `platform: {}` for none yet). */
export const platformRelation = (
  platform: Record<string, string> = { opencti_url: URL_, opencti_token: tokenSecret().id },
  localAppData: Record<string, string> = {},
) =>
  relation({
    endpoint: 'opencti-connector',
    remoteAppName: 'opencti',
    remoteAppData: platform,
    localAppData,
    remoteUnitsData: { 0: {} },
  });

/** The workload container (named like the charm). */
export const workload = (init: { canConnect?: boolean } = {}) =>
  container({ name: CHARM, canConnect: init.canConnect ?? true });

/** A leader with the required config, the relation, the token secret and a reachable container. */
export function world(overrides: Partial<StateInit> = {}) {
  const rel = platformRelation();
  return state({
    leader: true,
    config: REQUIRED,
    relations: [rel],
    secrets: [tokenSecret()],
    containers: [workload()],
    ...overrides,
  });
}
