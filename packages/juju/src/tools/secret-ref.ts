/** The `<ID>` / `--label` pair that secret-get and secret-info-get both take. */
import { type ParsedArgs, stringFlag } from '../argv.js';
import { UsageError } from '../errors.js';
import { parseSecretUri } from '../ids.js';

/** A secret named by id, label, or both, plus the positionals after the id. */
export interface SecretRef {
  id: string | undefined;
  label: string;
  rest: string[];
}

/** Reads an optional secret URI and `--label`, refusing a bad URI or neither, as jujuc does. */
export function parseSecretRef(parsed: ParsedArgs): SecretRef {
  const rest = [...parsed.positionals];
  let id: string | undefined;
  const first = rest.shift();
  if (first !== undefined) {
    id = parseSecretUri(first);
    if (id === undefined) throw new UsageError(`secret URI "${first}" not valid`);
  }
  const label = stringFlag(parsed, 'label');
  if (id === undefined && label === '') throw new UsageError('require either a secret URI or label');
  return { id, label, rest };
}
