/**
 * The data_interfaces convention for sensitive fields (canonical/data-platform-libs,
 * `lib/charms/data_platform_libs/v0/data_interfaces.py`): fields the requirer lists in
 * `requested-secrets` go, one Juju secret per group, into an app-owned secret labelled
 * `<endpoint>.<relation id>.<group>.secret`, granted to the relation, whose id is published as
 * `secret-<group>`; other fields stay plain in the bag.
 */
import { type Model, type Relation, type Secret, SecretNotFoundError } from '@ops-ts/ops';

/** The secret groups the stand-in uses and the fields each holds. */
export const GROUPS = { user: ['username', 'password'], tls: ['tls-ca'] } as const;
/** A secret group. */
export type Group = keyof typeof GROUPS;

/** The label data_interfaces gives the secret of `group` on a relation. */
export function secretLabel(relation: Relation, group: Group): string {
  return `${relation.name}.${relation.id}.${group}.secret`;
}

/** The requirer's `requested-secrets` (a JSON list of field names); [] when absent or malformed. */
export function requestedSecrets(relation: Relation): string[] {
  const raw = relation.app ? relation.data.get(relation.app).get('requested-secrets') : undefined;
  try {
    const parsed: unknown = JSON.parse(raw ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

function sameContent(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** The secret found by id or label, or undefined if there is none. */
function find(model: Model, lookup: { id: string } | { label: string }): Secret | undefined {
  try {
    return model.getSecret(lookup);
  } catch (error) {
    if (error instanceof SecretNotFoundError) return undefined;
    throw error;
  }
}

/**
 * The bag fields for one group on `relation` (leader only): `secret-<group>` pointing at a granted secret
 * holding `content` when the requirer asked for all of its fields as secrets, else the fields in plain.
 * Fields and secrets no longer wanted are emptied ('' deletes) or removed.
 */
export function groupFields(
  model: Model,
  relation: Relation,
  group: Group,
  content: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of GROUPS[group]) out[key] = '';
  const uriField = `secret-${group}`;
  const published = relation.data.get(model.app).get(uriField);
  const requested = requestedSecrets(relation);
  const keys = Object.keys(content);
  if (keys.length > 0 && keys.every((k) => requested.includes(k))) {
    out[uriField] = upsert(model, relation, group, content, published);
    return out;
  }
  if (published) find(model, { id: published })?.removeAllRevisions();
  Object.assign(out, content, { [uriField]: '' });
  return out;
}

/** Updates the group's secret (a new revision only when the content changed), or adds and grants it. */
function upsert(
  model: Model,
  relation: Relation,
  group: Group,
  content: Readonly<Record<string, string>>,
  published: string | undefined,
): string {
  const current = published ? find(model, { id: published }) : undefined;
  if (current?.id) {
    if (!sameContent(current.getContent(), content)) current.setContent(content);
    return current.id;
  }
  const secret = model.app.addSecret(content, { label: secretLabel(relation, group) });
  secret.grant(relation);
  if (!secret.id) throw new Error(`secret-add gave no id for ${secretLabel(relation, group)}`);
  return secret.id;
}

/** Removes every secret the stand-in made for `relation` (leader, relation-broken). */
export function removeRelationSecrets(model: Model, relation: Relation): void {
  for (const group of Object.keys(GROUPS) as Group[]) {
    find(model, { label: secretLabel(relation, group) })?.removeAllRevisions();
  }
}
