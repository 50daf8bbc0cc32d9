import { parseSecretJson } from './parse-secret-json.js';
import { type Invoke, parseJson } from './runner.js';
import { withContentFiles } from './secret-files.js';

/** Who owns a new secret: the application (leader-managed) or this unit. */
export type SecretOwner = 'application' | 'unit';

/** The rotation policies Juju accepts for `--rotate`. */
export const SECRET_ROTATE_POLICIES = [
  'never',
  'hourly',
  'daily',
  'weekly',
  'monthly',
  'quarterly',
  'yearly',
] as const;

/** A secret rotation policy. */
export type SecretRotatePolicy = (typeof SECRET_ROTATE_POLICIES)[number];

/** Metadata flags shared by `secret-add` and `secret-set`; `expire` is already RFC 3339 text. */
export interface SecretMetadataArgs {
  label?: string;
  description?: string;
  expire?: string;
  rotate?: SecretRotatePolicy;
}

/** What `secret-info-get` reports about one owned secret. */
export interface SecretInfoReading {
  /** The id as Juju keys the output: the bare xid. */
  id: string;
  label?: string;
  revision: number;
  owner?: string;
  description?: string;
  rotation?: string;
  expiry?: string;
  rotates?: string;
}

/** Which secret a read addresses: by id, by label, or both (a consumer then sets its label). */
export interface SecretLocator {
  id?: string;
  label?: string;
}

function metadataArgs(meta: SecretMetadataArgs): string[] {
  const args: string[] = [];
  if (meta.label !== undefined) args.push('--label', meta.label);
  if (meta.description !== undefined) args.push('--description', meta.description);
  if (meta.expire !== undefined) args.push('--expire', meta.expire);
  if (meta.rotate !== undefined) args.push('--rotate', meta.rotate);
  return args;
}

function stringMap(tool: string, out: unknown): Record<string, string> {
  if (!out || typeof out !== 'object' || Array.isArray(out)) {
    throw new Error(`${tool} printed something other than a JSON object`);
  }
  const map: Record<string, string> = {};
  for (const [k, v] of Object.entries(out)) map[k] = String(v);
  return map;
}

/**
 * `secret-add [--label L] [--description D] [--expire T] [--rotate P] --owner O k#file=… …` → the new id.
 * Values go through files, never argv.
 */
export function secretAdd(
  run: Invoke,
  content: Readonly<Record<string, string>>,
  meta: SecretMetadataArgs & { owner: SecretOwner },
): string {
  return withContentFiles(content, (files) =>
    run('secret-add', [...metadataArgs(meta), '--owner', meta.owner, ...files]).trim(),
  );
}

/** `secret-get --format=json [<id>] [--label L] [--refresh|--peek]` → the content. */
export function secretGet(
  run: Invoke,
  locator: SecretLocator & { refresh?: boolean; peek?: boolean },
): Record<string, string> {
  if (locator.id === undefined && locator.label === undefined) {
    throw new Error('secret-get needs a secret id or label');
  }
  if (locator.refresh && locator.peek) throw new Error('secret-get takes --refresh or --peek, not both');
  const args = ['--format=json'];
  if (locator.id !== undefined) args.push(locator.id);
  if (locator.label !== undefined) args.push('--label', locator.label);
  if (locator.refresh) args.push('--refresh');
  if (locator.peek) args.push('--peek');
  return stringMap('secret-get', parseSecretJson('secret-get', run('secret-get', args)));
}

/** `secret-info-get --format=json <id>` or `… --label L` (never both: Juju refuses that). */
export function secretInfoGet(run: Invoke, locator: SecretLocator): SecretInfoReading {
  const args = ['--format=json'];
  if (locator.id !== undefined) args.push(locator.id);
  else if (locator.label !== undefined) args.push('--label', locator.label);
  else throw new Error('secret-info-get needs a secret id or label');
  const out = parseJson('secret-info-get', run('secret-info-get', args));
  const first = out && typeof out === 'object' ? Object.entries(out)[0] : undefined;
  if (!first?.[1] || typeof first[1] !== 'object') {
    throw new Error('secret-info-get printed no secret');
  }
  const [id, raw] = first as [string, Record<string, unknown>];
  const text = (k: string) => (typeof raw[k] === 'string' && raw[k] !== '' ? (raw[k] as string) : undefined);
  const info: SecretInfoReading = { id, revision: Number(raw.revision ?? 0) };
  for (const k of ['label', 'owner', 'description', 'rotation', 'expiry', 'rotates'] as const) {
    const v = text(k);
    if (v !== undefined) info[k] = v;
  }
  return info;
}

/**
 * `secret-set [--label] [--description] [--expire] [--rotate] --owner application <id> [k#file=…]`.
 * ops always passes `--owner application` (Juju accepts and ignores it on secret-set).
 */
export function secretSet(
  run: Invoke,
  id: string,
  options: SecretMetadataArgs & { content?: Readonly<Record<string, string>> },
): void {
  const head = [...metadataArgs(options), '--owner', 'application', id];
  if (!options.content || Object.keys(options.content).length === 0) {
    run('secret-set', head);
    return;
  }
  withContentFiles(options.content, (files) => run('secret-set', [...head, ...files]));
}

/** `secret-grant --relation <id> [--unit <u>] <secret-id>`. */
export function secretGrant(run: Invoke, id: string, relationId: number, unit?: string): void {
  run('secret-grant', ['--relation', String(relationId), ...(unit ? ['--unit', unit] : []), id]);
}

/** `secret-revoke --relation <id> [--unit <u>] <secret-id>`. */
export function secretRevoke(run: Invoke, id: string, relationId: number, unit?: string): void {
  run('secret-revoke', ['--relation', String(relationId), ...(unit ? ['--unit', unit] : []), id]);
}

/** `secret-remove <id> [--revision <r>]` (no revision: every revision). */
export function secretRemove(run: Invoke, id: string, revision?: number): void {
  run('secret-remove', [id, ...(revision === undefined ? [] : ['--revision', String(revision)])]);
}

/** `secret-ids --format=json` → bare xids of the secrets this unit or its app owns. */
export function secretIds(run: Invoke): string[] {
  const out = parseJson('secret-ids', run('secret-ids', ['--format=json']));
  return Array.isArray(out) ? out.map(String) : [];
}
