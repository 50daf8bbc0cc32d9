/** Flags and Init shared by `secret-add` and `secret-set` (juju's secretUpsertCommand). */
import { type FlagDef, type ParsedArgs, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import type { HookContext } from '../hook-context.js';
import type { SecretMetaChange } from '../pending.js';
import { parseSecretArgs, parseSecretMeta, readSecretFile } from '../secrets.js';
import type { Bag } from '../state.js';
import type { ToolIO } from '../tool.js';

/** Parsed secret-add/secret-set arguments. */
export interface SecretUpsert {
  /** `application` or `unit`. */
  owner: 'application' | 'unit';
  /** Metadata changes. */
  meta: SecretMetaChange;
  /** Content (base64 values); empty when none given. */
  content: Bag;
}

/** The upsert flags. */
export function upsertFlags(): FlagDef[] {
  return [
    { names: ['expire'], kind: 'string', usage: 'either a duration or time when the secret should expire' },
    { names: ['rotate'], kind: 'string', usage: 'the secret rotation policy' },
    { names: ['description'], kind: 'string', usage: 'the secret description' },
    { names: ['label'], kind: 'string', usage: 'a label used to identify the secret in hooks' },
    { names: ['file'], kind: 'string', usage: 'a YAML file containing secret key values' },
    {
      names: ['owner'],
      kind: 'string',
      default: 'application',
      usage: 'the owner of the secret, either the application or unit',
    },
  ];
}

/** The upsert Init: expiry, rotation, owner, then content (file entries win over arguments). */
export function upsertInit(
  ctx: HookContext,
  parsed: ParsedArgs,
  args: readonly string[],
  io: ToolIO,
): SecretUpsert {
  const meta = parseSecretMeta(
    {
      expire: stringFlag(parsed, 'expire'),
      rotate: stringFlag(parsed, 'rotate'),
      description: stringFlag(parsed, 'description'),
      label: stringFlag(parsed, 'label'),
    },
    ctx.now(),
  );
  const owner = stringFlag(parsed, 'owner');
  if (owner !== 'application' && owner !== 'unit') throw new UsageError(`secret owner "${owner}" not valid`);
  const content = parseSecretArgs(args, io);
  const file = stringFlag(parsed, 'file');
  if (file !== '') Object.assign(content, readSecretFile(file, io));
  return { owner, meta, content };
}
