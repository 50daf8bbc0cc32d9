// Parsed `juju secrets --format json` and `juju show-secret --format json` (keyed by secret id), as
// jubilant's secret types (canonical/jubilant jubilant/secrettypes.py).
import { isObject, type JsonObject, num, obj, str } from './json.js';

/** A secret URI, `secret:<id>` (or `secret://<model-uuid>/<id>`). */
export type SecretURI = `secret:${string}`;

/** The secret's unique id: the part after `secret:` (or after the last `/`). */
export function secretId(uri: string): string {
  if (uri.includes('/')) return uri.slice(uri.lastIndexOf('/') + 1);
  return uri.startsWith('secret:') ? uri.slice('secret:'.length) : uri;
}

/** A revision of a secret (`--revisions`). */
export interface SecretRevision {
  readonly revision: number;
  readonly backend: string;
  readonly created: Date;
  readonly updated: Date;
  readonly expires: Date | undefined;
}

/** An application or unit granted access to a secret. */
export interface SecretAccess {
  readonly target: string;
  readonly scope: string;
  readonly role: string;
}

/** A secret's metadata. */
export interface Secret {
  readonly uri: SecretURI;
  readonly revision: number;
  /** `<model>` for a user secret, else the owning application or unit. */
  readonly owner: string;
  readonly created: Date;
  readonly updated: Date;
  readonly expires: string | undefined;
  readonly rotation: string | undefined;
  readonly rotates: Date | undefined;
  readonly name: string | undefined;
  readonly label: string | undefined;
  readonly description: string | undefined;
  readonly access: readonly SecretAccess[];
  readonly revisions: readonly SecretRevision[];
}

/** A secret with its content (`show-secret --reveal`). */
export interface RevealedSecret extends Secret {
  /** Checksum of the content (`''` before Juju 3.6.0). */
  readonly checksum: string;
  /** Key → value. */
  readonly content: Readonly<Record<string, string>>;
}

/** Juju's ISO 8601 timestamps (`2025-06-03T11:39:23Z`). */
const date = (s: string): Date => new Date(s);
const optional = (d: JsonObject, key: string): string | undefined => (key in d ? str(d, key) : undefined);

/** One entry of the JSON, keyed by id. */
export function secretFromJson(id: string, d: JsonObject): Secret {
  return {
    uri: `secret:${id}`,
    revision: num(d, 'revision'),
    owner: str(d, 'owner'),
    created: date(str(d, 'created')),
    updated: date(str(d, 'updated')),
    expires: optional(d, 'expires'),
    rotation: optional(d, 'rotation'),
    rotates: 'rotates' in d ? date(str(d, 'rotates')) : undefined,
    name: optional(d, 'name'),
    label: optional(d, 'label'),
    description: optional(d, 'description'),
    access: (Array.isArray(d.access) ? d.access : [])
      .filter(isObject)
      .map((a) => ({ target: str(a, 'target'), scope: str(a, 'scope'), role: str(a, 'role') })),
    revisions: (Array.isArray(d.revisions) ? d.revisions : []).filter(isObject).map((r) => ({
      revision: num(r, 'revision'),
      backend: str(r, 'backend'),
      created: date(str(r, 'created')),
      updated: date(str(r, 'updated')),
      expires: 'expires' in r ? date(str(r, 'expires')) : undefined,
    })),
  };
}

/** Every secret of `juju secrets --format json`. */
export function parseSecrets(output: unknown): Secret[] {
  if (!isObject(output)) return [];
  return Object.entries(output).map(([id, d]) => secretFromJson(id, isObject(d) ? d : {}));
}

/** The one secret of `juju show-secret --format json`, with its content when revealed. */
export function parseShownSecret(output: unknown, identifier: string): Secret | RevealedSecret {
  const first = isObject(output) ? Object.entries(output)[0] : undefined;
  if (!first || !isObject(first[1]))
    throw new Error(`juju show-secret ${identifier}: no secret in the output`);
  const [id, d] = first;
  const secret = secretFromJson(id, d);
  if (!('content' in d)) return secret;
  // Juju 3.6 nests the values under `Data` (its SecretValue's field name).
  const data = obj(obj(d, 'content'), 'Data');
  const content = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, typeof v === 'string' ? v : String(v)]),
  );
  return { ...secret, checksum: str(d, 'checksum'), content };
}
