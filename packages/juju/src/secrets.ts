/**
 * Secret rules shared by the secret tools: content arguments (`key=`, `key#base64=`,
 * `key#file=`), expiry/rotation parsing, ownership and the hook's view of pending secrets.
 */
import { isMap, isScalar, parseDocument } from 'yaml';
import { goQuote } from './argv.js';
import { RunError, UsageError } from './errors.js';
import type { HookContext } from './hook-context.js';
import type { SecretMetaChange } from './pending.js';
import { type Bag, ROTATE_POLICIES, type RotatePolicy, type SecretGrant, type SecretOwner } from './state.js';
import type { ToolIO } from './tool.js';

const KEY_RE = /^([a-z](?:-?[a-z0-9]){2,})$/;
/** Juju 3.x per-value limit (base64-encoded bytes). */
export const MAX_SECRET_VALUE_BYTES = 8 * 1024;
/** Juju 3.x whole-content limit (base64-encoded bytes). */
export const MAX_SECRET_CONTENT_BYTES = 64 * 1024;

function fileSize(io: ToolIO, path: string): Buffer | undefined {
  try {
    return io.readFile(path);
  } catch {
    return undefined;
  }
}

/** Parses content arguments into base64 values (secrets.CreateSecretData); Init errors. */
export function parseSecretArgs(args: readonly string[], io: ToolIO): Bag {
  const raw: Record<string, string> = {};
  for (const arg of args) {
    // Base64 padding is stripped before finding the first '='.
    const idx = arg.replace(/=+$/, '').indexOf('=');
    if (idx < 1) throw new UsageError(`key value ${goQuote(arg)} not valid`);
    let key = arg.slice(0, idx);
    const value = arg.slice(idx + 1);
    if (!key.endsWith('#file')) {
      raw[key] = value;
      continue;
    }
    key = key.slice(0, -'#file'.length);
    const content = fileSize(io, value);
    if (content && content.length > MAX_SECRET_VALUE_BYTES) {
      throw new UsageError(`secret content in file ${goQuote(value)} too large: ${content.length} bytes`);
    }
    if (!content) {
      throw new UsageError(
        `reading content for secret key ${goQuote(key)}: open ${value}: no such file or directory`,
      );
    }
    raw[key] = content.toString('utf8');
  }
  return encodeSecretData(raw);
}

/** Reads a YAML/JSON `--file` of secret key values; Init errors. */
export function readSecretFile(path: string, io: ToolIO): Bag {
  const content = fileSize(io, path);
  if (!content) throw new UsageError(`open ${path}: no such file or directory`);
  if (content.length > MAX_SECRET_CONTENT_BYTES) {
    throw new UsageError(`secret content in file ${goQuote(path)} too large: ${content.length} bytes`);
  }
  const doc = parseDocument(content.toString('utf8'), { version: '1.1' });
  if (doc.errors[0]) throw new UsageError(`yaml: ${doc.errors[0].message.split('\n')[0]}`);
  const raw: Record<string, string> = {};
  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const value = isScalar(pair.value) ? pair.value.value : pair.value;
      raw[key] = value === null || value === undefined ? '' : String(value);
    }
  }
  return encodeSecretData(raw);
}

function encodeSecretData(raw: Record<string, string>): Bag {
  const out: Bag = {};
  let total = 0;
  for (const [rawKey, rawValue] of Object.entries(raw)) {
    let key = rawKey;
    let value = rawValue;
    if (key.endsWith('#base64')) key = key.slice(0, -'#base64'.length);
    else value = Buffer.from(value, 'utf8').toString('base64');
    if (!KEY_RE.test(key)) throw new UsageError(`key ${goQuote(key)} not valid`);
    if (value.length > MAX_SECRET_VALUE_BYTES) {
      throw new UsageError(`secret content for key ${goQuote(key)} too large: ${value.length} bytes`);
    }
    out[key] = value;
    total += value.length;
  }
  if (total > MAX_SECRET_CONTENT_BYTES) throw new UsageError(`secret content too large: ${total} bytes`);
  return out;
}

const DURATION_RE = /^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/;
const UNIT_MS: Readonly<Record<string, number>> = Object.freeze({
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
});

/** Parses `--expire` (RFC 3339, `2006-01-02T15:04:05` as UTC, or a Go duration) to ISO; Init errors. */
export function parseExpire(spec: string, now: Date): string {
  if (
    /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(spec) &&
    !Number.isNaN(Date.parse(spec))
  ) {
    return new Date(spec).toISOString();
  }
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/.test(spec) && !Number.isNaN(Date.parse(`${spec}Z`))) {
    return new Date(`${spec}Z`).toISOString();
  }
  if (!DURATION_RE.test(spec) && spec !== '0')
    throw new UsageError(`expire time or duration "${spec}" not valid`);
  let ms = 0;
  for (const m of spec.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)) {
    ms += Number(m[1]) * (UNIT_MS[m[2]!] ?? 0);
  }
  if (spec.startsWith('-')) ms = -ms;
  if (ms <= 0) throw new UsageError(`negative expire duration "${spec}" not valid`);
  return new Date(now.getTime() + ms).toISOString();
}

/** Validates the metadata flags shared by secret-add and secret-set; Init errors. */
export function parseSecretMeta(
  flags: { expire: string; rotate: string; description: string; label: string },
  now: Date,
): SecretMetaChange {
  const meta: SecretMetaChange = {};
  if (flags.expire !== '') meta.expireTime = parseExpire(flags.expire, now);
  if (flags.rotate !== '') {
    if (!ROTATE_POLICIES.includes(flags.rotate as RotatePolicy)) {
      throw new UsageError(`rotate policy "${flags.rotate}" not valid`);
    }
    meta.rotatePolicy = flags.rotate as RotatePolicy;
  }
  if (flags.description !== '') meta.description = flags.description;
  if (flags.label !== '') meta.label = flags.label;
  return meta;
}

/** A secret as this hook sees it: committed state plus this hook's pending create/update. */
export interface SecretView {
  /** xid. */
  id: string;
  /** Owner. */
  owner: SecretOwner;
  /** Owner label (pending label wins). */
  label: string | null;
  /** Description. */
  description: string | null;
  /** Rotation policy. */
  rotatePolicy: RotatePolicy | null;
  /** Expiry of the latest revision (ISO). */
  expireTime: string | null;
  /** Next rotation time (ISO). */
  nextRotateTime: string | null;
  /** Latest revision (1 for a pending create). */
  latestRevision: number;
  /** Content created/updated in this hook, if any. */
  pendingContent: Bag | null;
  /** Whether the secret was created in this hook. */
  pendingCreate: boolean;
  /** Committed grants. */
  grants: SecretGrant[];
}

/** The hook's view of one secret, or undefined when it does not exist (or was removed). */
export function secretView(ctx: HookContext, id: string): SecretView | undefined {
  const create = ctx.pending.secretCreates[id];
  if (create) {
    return {
      id,
      owner: create.owner,
      label: create.label ?? null,
      description: create.description ?? null,
      rotatePolicy: create.rotatePolicy ?? null,
      expireTime: create.expireTime ?? null,
      nextRotateTime: null,
      latestRevision: 1,
      pendingContent: create.content,
      pendingCreate: true,
      grants: [],
    };
  }
  const secret = ctx.state.secrets[id];
  if (!secret) return undefined;
  const update = ctx.pending.secretUpdates[id] ?? {};
  const latest = secret.revisions.find((r) => r.revision === secret.latestRevision);
  return {
    id,
    owner: secret.owner,
    label: update.label ?? secret.label,
    description: update.description ?? secret.description,
    rotatePolicy: update.rotatePolicy ?? secret.rotatePolicy,
    expireTime: update.expireTime ?? latest?.expireTime ?? null,
    nextRotateTime: secret.nextRotateTime,
    latestRevision: secret.latestRevision,
    pendingContent: update.content ?? null,
    pendingCreate: false,
    grants: secret.grants,
  };
}

/** Whether this unit (or its application) owns a secret. */
export function ownsSecret(ctx: HookContext, owner: SecretOwner): boolean {
  return owner.kind === 'unit' ? owner.name === ctx.options.unit : owner.name === ctx.app.name;
}

/** Secrets whose metadata this unit sees: its own, plus the app's when leader. */
export function ownedSecrets(ctx: HookContext): SecretView[] {
  const ids = [...Object.keys(ctx.state.secrets), ...Object.keys(ctx.pending.secretCreates)];
  const out: SecretView[] = [];
  for (const id of ids) {
    const view = secretView(ctx, id);
    if (!view) continue;
    const mine = view.owner.kind === 'unit' ? view.owner.name === ctx.options.unit : false;
    const app = view.owner.kind === 'application' && view.owner.name === ctx.app.name && ctx.isLeader();
    if (mine || app) out.push(view);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Resolves a secret this unit may manage, enforcing Juju's rules: not owned → `secret "<xid>"
 * not found`; application-owned and not leader → `this unit is not the leader`.
 */
export function manageableSecret(ctx: HookContext, id: string): SecretView {
  const view = secretView(ctx, id);
  if (!view || !ownsSecret(ctx, view.owner)) throw new RunError(`secret "${id}" not found`);
  if (view.owner.kind === 'application' && !ctx.isLeader()) throw new RunError('this unit is not the leader');
  return view;
}
