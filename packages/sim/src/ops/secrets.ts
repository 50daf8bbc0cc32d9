/** User secrets (`juju add-secret`, `grant-secret`): owned by the model, granted to applications. */
import { newSecretId, type Secret } from '@ops-ts/juju';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';

/** The owner name the simulator records for secrets the operator adds. */
export const MODEL_OWNER = 'model';

/** Adds a user secret with plain-text content; returns its URI. */
export function addUserSecret(
  ctx: SimContext,
  name: string,
  content: Record<string, string>,
  description?: string,
): string {
  // Juju refuses an empty name; one with spaces or control characters cannot be named on a command line.
  if (name === '' || /[\s\p{Cc}]/u.test(name) || name.length > 255) {
    throw new SimError(`secret name ${JSON.stringify(name)} not valid (a non-empty word without spaces)`);
  }
  if (Object.keys(content).length === 0) throw new SimError('missing secret value');
  for (const key of Object.keys(content)) {
    if (!/^[a-z](?:-?[a-z0-9]){2,}$/.test(key)) throw new SimError(`key ${JSON.stringify(key)} not valid`);
  }
  if (Object.values(ctx.state.secrets).some((s) => s.owner.name === MODEL_OWNER && s.label === name)) {
    throw new SimError(`secret with name ${JSON.stringify(name)} already exists`);
  }
  const id = newSecretId();
  const encoded: Record<string, string> = {};
  for (const [k, v] of Object.entries(content)) encoded[k] = Buffer.from(v, 'utf8').toString('base64');
  const secret: Secret = {
    id,
    // Juju's model-owned secrets: no application or unit owns them, so no charm can manage them.
    owner: { kind: 'application', name: MODEL_OWNER },
    revisions: [{ revision: 1, content: encoded, createdAt: new Date().toISOString(), expireTime: null }],
    latestRevision: 1,
    label: name,
    description: description ?? null,
    rotatePolicy: null,
    nextRotateTime: null,
    grants: [],
    consumers: {},
  };
  ctx.state.secrets[id] = secret;
  return `secret:${id}`;
}

/** Finds a user secret by name or URI. */
export function userSecret(ctx: SimContext, nameOrUri: string): Secret {
  const id = nameOrUri.replace(/^secret:(\/\/[^/]+\/)?/, '');
  const secret = Object.values(ctx.state.secrets).find(
    (s) => s.owner.name === MODEL_OWNER && (s.id === id || s.label === nameOrUri),
  );
  if (!secret) throw new SimError(`secret ${JSON.stringify(nameOrUri)} not found`);
  return secret;
}

/**
 * Grants applications view access to a user secret. Juju's grant is model-level, recorded here with
 * relation id -1 (packages/juju's `secret-get` honours relation-scoped grants only: see README).
 */
export function grantUserSecret(ctx: SimContext, nameOrUri: string, apps: readonly string[]): void {
  const secret = userSecret(ctx, nameOrUri);
  for (const app of apps) {
    if (!ctx.state.applications[app]) throw new SimError(`application ${JSON.stringify(app)} not found`);
  }
  for (const app of apps) {
    if (!secret.grants.some((g) => g.target === app))
      secret.grants.push({ target: app, relationId: -1, role: 'view' });
  }
}
