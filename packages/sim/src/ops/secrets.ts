/** User secrets (`juju add-secret`, `grant-secret`): owned by the model, granted to applications. */
import { newSecretId, type Secret } from '@ops-ts/juju';
import type { SimContext } from '../context.js';
import { SimError } from '../errors.js';
import { queueFollowUps } from '../follow-ups.js';

/** The owner name the simulator records for secrets the operator adds. */
export const MODEL_OWNER = 'model';

/** Juju's rules for secret content: at least one key, each a lower-case word of 3+ characters. */
function checkContent(content: Record<string, string>): void {
  if (Object.keys(content).length === 0) throw new SimError('missing secret value');
  for (const key of Object.keys(content)) {
    if (!/^[a-z](?:-?[a-z0-9]){2,}$/.test(key)) throw new SimError(`key ${JSON.stringify(key)} not valid`);
  }
}

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
  checkContent(content);
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

/** What `update-secret` changes; content replaces the whole value (a new revision) when given. */
export interface SecretUpdate {
  /** New content (plain text values). */
  content?: Record<string, string>;
  /** New description (`--info`). */
  description?: string;
  /** New name (`--name`). */
  name?: string;
}

/**
 * Updates a user secret (`juju update-secret`, juju/juju cmd/juju/secrets/update.go): new content makes a
 * new revision and consumers tracking an older one get `secret-changed`; name and description change in place.
 */
export function updateUserSecret(ctx: SimContext, nameOrUri: string, update: SecretUpdate): number {
  const secret = userSecret(ctx, nameOrUri);
  if (update.content === undefined && update.description === undefined && update.name === undefined)
    throw new SimError('must specify a name, description or content to update');
  if (update.name !== undefined && update.name !== secret.label) {
    if (Object.values(ctx.state.secrets).some((s) => s.owner.name === MODEL_OWNER && s.label === update.name))
      throw new SimError(`secret with name ${JSON.stringify(update.name)} already exists`);
    secret.label = update.name;
  }
  if (update.description !== undefined) secret.description = update.description;
  if (update.content !== undefined) {
    checkContent(update.content);
    const revision = secret.latestRevision + 1;
    const encoded: Record<string, string> = {};
    for (const [k, v] of Object.entries(update.content))
      encoded[k] = Buffer.from(v, 'utf8').toString('base64');
    secret.revisions.push({
      revision,
      content: encoded,
      createdAt: new Date().toISOString(),
      expireTime: null,
    });
    secret.latestRevision = revision;
    queueFollowUps(ctx, MODEL_OWNER, [{ kind: 'secret-revision', secretId: secret.id, revision }]);
  }
  return secret.latestRevision;
}

/**
 * Removes a user secret, or one of its revisions (`juju remove-secret [--revision N]`,
 * juju/juju cmd/juju/secrets/remove.go). Consumers still reading a removed revision get an error.
 */
export function removeUserSecret(ctx: SimContext, nameOrUri: string, revision?: number): void {
  const secret = userSecret(ctx, nameOrUri);
  if (revision === undefined) {
    delete ctx.state.secrets[secret.id];
    return;
  }
  if (!secret.revisions.some((r) => r.revision === revision))
    throw new SimError(`secret revision ${revision} for ${JSON.stringify(nameOrUri)} not found`);
  secret.revisions = secret.revisions.filter((r) => r.revision !== revision);
  if (secret.revisions.length === 0) delete ctx.state.secrets[secret.id];
}
