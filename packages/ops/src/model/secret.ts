import type { ModelBackend } from '../backend/backend.js';
import {
  SECRET_ROTATE_POLICIES,
  type SecretInfoReading,
  type SecretMetadataArgs,
  type SecretOwner,
  type SecretRotatePolicy,
} from '../hooktools/secret.js';
import type { Unit } from './entities.js';
import type { Relation } from './relation.js';
import { assertSecretContent } from './secret-content.js';
import { formatExpiry, type SecretExpiry } from './secret-expiry.js';

/** How often Juju asks the owner to rotate a secret (`secret-rotate` events). */
export type SecretRotate = SecretRotatePolicy;

/** Metadata of an owned secret, from `secret-info-get`. */
export interface SecretInfo {
  /** The canonical id (`secret://<model-uuid>/<xid>`). */
  readonly id: string;
  readonly label: string | undefined;
  readonly revision: number;
  readonly expires: Date | undefined;
  readonly rotation: SecretRotate | undefined;
  readonly rotates: Date | undefined;
  readonly description: string | undefined;
}

/** Metadata a charm may set on a secret it owns. */
export interface SecretMetadata {
  label?: string;
  description?: string;
  expire?: SecretExpiry;
  rotate?: SecretRotate;
}

/** Which secret to open: by id, by label, or both (a consumer then gives it that label). */
export interface SecretLookup {
  id?: string;
  label?: string;
}

/** What a Secret needs from its model. */
export interface SecretContext {
  readonly backend: ModelBackend;
  /** The model's uuid, for canonical ids; empty when unknown. */
  readonly modelUuid: string;
}

/**
 * Secret ids as ops canonicalises them: stripped, and a bare xid becomes `secret://<model-uuid>/<xid>`
 * (`secret:<xid>` when the uuid is unknown). Ids starting with `secret:` are kept as given.
 */
export function canonicalSecretId(id: string, modelUuid: string): string {
  const s = id.trim();
  if (s.startsWith('secret:')) return s;
  return modelUuid ? `secret://${modelUuid}/${s}` : `secret:${s}`;
}

/** Refuses a metadata change Juju would refuse (bad rotate policy), before any tool runs. */
export function metadataArgs(meta: SecretMetadata): SecretMetadataArgs {
  const out: SecretMetadataArgs = {};
  if (meta.label !== undefined) out.label = meta.label;
  if (meta.description !== undefined) out.description = meta.description;
  if (meta.expire !== undefined) out.expire = formatExpiry(meta.expire);
  if (meta.rotate !== undefined) {
    if (!(SECRET_ROTATE_POLICIES as readonly string[]).includes(meta.rotate)) {
      throw new RangeError(
        `rotate policy ${JSON.stringify(meta.rotate)} not valid; expected one of ${SECRET_ROTATE_POLICIES.join(', ')}`,
      );
    }
    out.rotate = meta.rotate;
  }
  return out;
}

function date(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Turns a `secret-info-get` reading into SecretInfo (unknown rotation policies read as undefined). */
export function secretInfoFrom(reading: SecretInfoReading, modelUuid: string): SecretInfo {
  const rotation = (SECRET_ROTATE_POLICIES as readonly string[]).includes(reading.rotation ?? '')
    ? (reading.rotation as SecretRotate)
    : undefined;
  return {
    id: canonicalSecretId(reading.id, modelUuid),
    label: reading.label,
    revision: reading.revision,
    expires: date(reading.expiry),
    rotation,
    rotates: date(reading.rotates),
    description: reading.description,
  };
}

/**
 * A Juju secret, owned by this charm or shared with it. Content is cached on the object: the first read
 * pins (tracks) a revision, `getContent({ refresh: true })` moves to the latest, `peekContent()` looks at
 * the latest without moving. A secret known only by label resolves its id with `secret-info-get --label`
 * when an operation needs it, as ops does.
 */
export class Secret {
  #id: string | undefined;
  #label: string | undefined;
  #content: Record<string, string> | undefined;
  readonly #ctx: SecretContext;

  constructor(ctx: SecretContext, init: SecretLookup & { content?: Readonly<Record<string, string>> }) {
    if (!init.id && !init.label) throw new TypeError('a secret needs an id or a label, or both');
    this.#ctx = ctx;
    this.#id = init.id ? canonicalSecretId(init.id, ctx.modelUuid) : undefined;
    this.#label = init.label;
    this.#content = init.content ? { ...init.content } : undefined;
  }

  /** The secret's locator URI; undefined if this object was obtained by label only (and not resolved yet). */
  get id(): string | undefined {
    return this.#id;
  }

  /** The xid part of the id (after the last `/` or after `secret:`). */
  get uniqueIdentifier(): string | undefined {
    const id = this.#id;
    if (id === undefined) return undefined;
    return id.includes('/') ? id.slice(id.lastIndexOf('/') + 1) : id.slice('secret:'.length);
  }

  /** The charm-local label, if known. */
  get label(): string | undefined {
    return this.#label;
  }

  /** The content of the tracked revision; cached until `refresh: true`. Returns a copy. */
  getContent(options: { refresh?: boolean } = {}): Record<string, string> {
    if (options.refresh || this.#content === undefined) {
      this.#content = this.#ctx.backend.secretGet({
        ...this.locator(),
        ...(options.refresh ? { refresh: true } : {}),
      });
    }
    return { ...this.#content };
  }

  /** The content of the latest revision, without tracking it; never cached. */
  peekContent(): Record<string, string> {
    return this.#ctx.backend.secretGet({ ...this.locator(), peek: true });
  }

  /** The secret's metadata (owners only), by id when known, else by label. */
  getInfo(): SecretInfo {
    const locator = this.#id !== undefined ? { id: this.#id } : { label: this.#label as string };
    return secretInfoFrom(this.#ctx.backend.secretInfoGet(locator), this.#ctx.modelUuid);
  }

  /** Creates a new revision with this content (owners only). The cached content is kept, as in ops. */
  setContent(content: Readonly<Record<string, string>>): void {
    assertSecretContent(content);
    this.#ctx.backend.secretSet(this.resolveId(), { content });
  }

  /** Updates metadata (owners only); at least one field must be given. */
  setInfo(meta: SecretMetadata): void {
    if (
      meta.label === undefined &&
      meta.description === undefined &&
      meta.expire === undefined &&
      meta.rotate === undefined
    ) {
      throw new TypeError('setInfo needs a label, description, expire or rotate');
    }
    const args = metadataArgs(meta);
    this.#ctx.backend.secretSet(this.resolveId(), args);
    if (meta.label !== undefined) this.#label = meta.label;
  }

  /** Lets the remote application of `relation` (or only `unit`) read this secret. */
  grant(relation: Relation, options: { unit?: Unit } = {}): void {
    this.#ctx.backend.secretGrant(this.resolveId(), relation.id, options.unit?.name);
  }

  /** Withdraws a grant made with `grant`. */
  revoke(relation: Relation, options: { unit?: Unit } = {}): void {
    this.#ctx.backend.secretRevoke(this.resolveId(), relation.id, options.unit?.name);
  }

  /** Removes one revision (e.g. in secret-remove, once nobody tracks it). */
  removeRevision(revision: number): void {
    if (!Number.isInteger(revision) || revision < 1) {
      throw new RangeError(`secret revision must be a positive integer, got ${revision}`);
    }
    this.#ctx.backend.secretRemove(this.resolveId(), revision);
  }

  /** Removes the secret with all its revisions. */
  removeAllRevisions(): void {
    this.#ctx.backend.secretRemove(this.resolveId());
  }

  /** Never shows content. */
  toString(): string {
    return `Secret(${this.#id ?? `label=${this.#label}`})`;
  }

  private locator(): SecretLookup {
    return {
      ...(this.#id !== undefined ? { id: this.#id } : {}),
      ...(this.#label !== undefined ? { label: this.#label } : {}),
    };
  }

  /** The id, resolving a label-only secret through `secret-info-get --label` once. */
  private resolveId(): string {
    this.#id ??= this.getInfo().id;
    return this.#id;
  }
}

/** Creates a secret owned by the application or this unit (`secret-add`); the result has its content cached. */
export function addSecret(
  ctx: SecretContext,
  owner: SecretOwner,
  content: Readonly<Record<string, string>>,
  meta: SecretMetadata = {},
): Secret {
  assertSecretContent(content);
  const id = ctx.backend.secretAdd(content, { ...metadataArgs(meta), owner });
  return new Secret(ctx, { id, ...(meta.label !== undefined ? { label: meta.label } : {}), content });
}
